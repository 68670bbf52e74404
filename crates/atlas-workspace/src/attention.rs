//! What of the user's needs attention when a newer edition replaces an older one: the facts that
//! no longer attach (the same test as [`crate::merge::merged_atlas`]) and the notes on facts the
//! newer edition lacks or has changed.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Result;
use atlas_core::diff::{Change, EditionDiff, note_targets};
use atlas_core::store::Store;

use crate::Workspace;
use crate::merge::merged_atlas;

/// One of the user's facts or notes to look at again with the newer edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    /// link, statistic, district, retraction, correction; "note" for a note on a fact the newer
    /// edition lacks, "note on a changed fact" for one on a fact it changed.
    pub what: String,
    /// What it refers to, as "entity:ID", "link:KEY", "statistic:KEY", "policy:ID" or "system:ID".
    pub target: String,
    /// True when it attached to the older edition (or its fact was unchanged) and does not now.
    pub new: bool,
    /// The note's text, for a note.
    pub text: Option<String>,
}

/// What of `workspace` needs attention when the edition at `new` replaces the one at `old`;
/// `diff` is the difference between the two (see [`atlas_core::diff::diff`]).
pub fn attention(old: &Path, new: &Path, workspace: &Workspace, diff: &EditionDiff) -> Result<Vec<Attention>> {
    let (_, before) = merged_atlas(old, workspace)?;
    let (_, after) = merged_atlas(new, workspace)?;
    let mut items: Vec<Attention> = after
        .iter()
        .map(|u| Attention {
            what: u.what.to_string(),
            target: format!("{}:{}", u.fact.as_str(), u.key),
            new: !before.contains(u),
            text: None,
        })
        .collect();
    let old_targets = note_targets(&Store::open(old)?)?;
    let new_targets = note_targets(&Store::open(new)?)?;
    let changed: BTreeSet<String> = diff
        .changes
        .iter()
        .filter(|c| c.change == Change::Changed)
        .map(|c| format!("{}:{}", c.fact.as_str(), c.key))
        .collect();
    for note in workspace.notes(None)? {
        let lost = old_targets.contains(&note.target) && !new_targets.contains(&note.target);
        if lost || changed.contains(&note.target) {
            items.push(Attention {
                what: if lost { "note" } else { "note on a changed fact" }.to_string(),
                target: note.target,
                new: true,
                text: Some(note.text),
            });
        }
    }
    Ok(items)
}
