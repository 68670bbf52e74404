//! Policies: document number, date, horizon and targets.

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::*;

/// The details of a policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyView {
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    pub horizon: Option<u32>,
    pub targets: Option<String>,
    pub sources: Vec<Source>,
}

impl Store {
    /// The details of a policy entity, or `None` for any other entity.
    pub fn policy(&self, id: &str) -> Result<Option<PolicyView>> {
        const POLICY: &str = "SELECT doc_number, issued, horizon, targets, sources FROM policies WHERE entity = ?1";
        type PolicyRow = (Option<String>, Option<String>, Option<u32>, Option<String>, String);
        let row: Option<PolicyRow> = self
            .connection()
            .prepare_cached(POLICY)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        row.map(|(doc_number, issued, horizon, targets, sources)| {
            Ok(PolicyView { doc_number, issued, horizon, targets, sources: self.sources(&sources)? })
        })
        .transpose()
    }
}
