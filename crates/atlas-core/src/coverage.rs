//! The coverage report of a dataset: how much it knows, how well sourced, and where the chain has
//! no local firm. `nev-atlas check --json` prints it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analytics::{local_by_itself, spread_local};
use crate::dataset::{self, Counts, Dataset, Origin};
use crate::model::{EntityKind, Grade, Language, Relation};

/// Counts that say how complete and how well sourced the dataset is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    pub entities: usize,
    pub links: usize,
    pub sources: usize,
    pub statistics: usize,
    pub policies: usize,
    /// Entities, links, statistics, policies, system groups and members: everything that must cite.
    pub facts: usize,
    pub facts_without_source: usize,
    /// Facts by the best grade among their sources.
    pub facts_by_grade: BTreeMap<String, usize>,
    pub entities_without_zh: usize,
    pub entities_without_en: usize,
    pub by_kind: Counts,
    /// Firms per segment.
    pub by_segment: Counts,
    /// Entities per district or park.
    pub by_district: Counts,
    /// Segments (of the chain proper, not support) with no firm located in Chongqing, by the rule of
    /// [`crate::analytics::local_entities`].
    pub segments_without_local_firm: Vec<String>,
    /// Links per relation.
    pub links_by_relation: Counts,
    /// Ids of Chongqing entities (local as [`crate::analytics::local_by_itself`] and
    /// [`crate::analytics::spread_local`] count it) placed in no district: their `district` is not
    /// a district or park, and no `located_in` chain leads to one. Districts, the region and
    /// policies are not counted.
    pub entities_without_district: Vec<String>,
    /// Stakes that read as current though a later figure superseded them, by
    /// [`dataset::open_superseded_stakes`].
    pub open_superseded_stakes: Vec<String>,
    /// Reader notes (`note`, `note_zh` of entities, links, statistics, systems, groups and members)
    /// holding internal text by [`dataset::notes::internal_text`], as `file:line: column: what`.
    pub notes_with_internal_text: Vec<String>,
}

/// Computes the coverage report.
pub fn coverage(dataset: &Dataset) -> Coverage {
    let grades: HashMap<&str, Grade> = dataset.sources.iter().map(|s| (s.record.id.as_str(), s.record.grade)).collect();
    let mut report = Coverage {
        entities: dataset.entities.len(),
        links: dataset.links.len(),
        sources: dataset.sources.len(),
        statistics: dataset.statistics.len(),
        policies: dataset.policies.len(),
        ..Coverage::default()
    };
    for grade in Grade::ALL {
        report.facts_by_grade.insert(grade.as_str().to_string(), 0);
    }
    let cited: Vec<&[String]> = dataset.fact_sources().collect();
    report.facts = cited.len();
    for sources in cited {
        match sources.iter().filter_map(|s| grades.get(s.as_str())).min() {
            Some(best) => *report.facts_by_grade.entry(best.as_str().to_string()).or_default() += 1,
            None => report.facts_without_source += 1,
        }
    }
    // Local as the analyses count it: a district set, or `located_in` something local, transitively.
    let index: HashMap<&str, usize> =
        dataset.entities.iter().enumerate().map(|(i, e)| (e.record.id.as_str(), i)).collect();
    let mut located_in: Vec<Vec<usize>> = vec![Vec::new(); dataset.entities.len()];
    for l in dataset.links.iter().map(|l| &l.record).filter(|l| l.relation == Relation::LocatedIn) {
        if let (Some(&from), Some(&to)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) {
            located_in[to].push(from);
        }
    }
    let mut local: Vec<bool> = dataset
        .entities
        .iter()
        .map(|e| local_by_itself(&e.record.id, e.record.kind, e.record.district.is_some()))
        .collect();
    spread_local(&mut local, |n| located_in[n].iter().copied());
    // Placed: in a district or park (directly, or located_in one), or located_in something placed.
    let kinds: HashMap<&str, EntityKind> =
        dataset.entities.iter().map(|e| (e.record.id.as_str(), e.record.kind)).collect();
    let is_place = |id: &str| matches!(kinds.get(id), Some(EntityKind::District | EntityKind::Park));
    let mut placed: Vec<bool> = dataset
        .entities
        .iter()
        .map(|e| e.record.kind == EntityKind::District || e.record.district.as_deref().is_some_and(is_place))
        .collect();
    for l in dataset.links.iter().map(|l| &l.record).filter(|l| l.relation == Relation::LocatedIn) {
        if let Some(&from) = index.get(l.from.as_str())
            && is_place(&l.to)
        {
            placed[from] = true;
        }
    }
    spread_local(&mut placed, |n| located_in[n].iter().copied());
    report.entities_without_district = dataset
        .entities
        .iter()
        .zip(local.iter().zip(&placed))
        .filter(|(e, (local, placed))| {
            **local
                && !**placed
                && !matches!(e.record.kind, EntityKind::District | EntityKind::Region | EntityKind::Policy)
        })
        .map(|(e, _)| e.record.id.clone())
        .collect();
    for l in &dataset.links {
        *report.links_by_relation.entry(l.record.relation.as_str().to_string()).or_default() += 1;
    }
    report.open_superseded_stakes = dataset::open_superseded_stakes(dataset);
    let notes = dataset
        .entities
        .iter()
        .map(|e| (&e.origin, &e.record.note, &e.record.note_zh))
        .chain(dataset.links.iter().map(|l| (&l.origin, &l.record.note, &l.record.note_zh)))
        .chain(dataset.statistics.iter().map(|s| (&s.origin, &s.record.note, &s.record.note_zh)))
        .chain(dataset.systems.iter().map(|s| (&s.origin, &s.record.note, &s.record.note_zh)))
        .chain(dataset.groups.iter().map(|g| (&g.origin, &g.record.note, &g.record.note_zh)))
        .chain(dataset.members.iter().map(|m| (&m.origin, &m.record.note, &m.record.note_zh)));
    for (origin, note, note_zh) in notes {
        let Origin { file, line } = origin;
        for (column, text) in [("note", note), ("note_zh", note_zh)] {
            if let Some(what) = text.as_deref().and_then(dataset::notes::internal_text) {
                report.notes_with_internal_text.push(format!("{file}:{line}: {column}: {what}"));
            }
        }
    }
    // A name in names/ (a short or brand name, say) counts as much as the entity row's own.
    let named: HashSet<(&str, Language)> =
        dataset.names.iter().map(|n| (n.record.entity.as_str(), n.record.language)).collect();
    let mut local_segments = HashSet::new();
    for (e, local) in dataset.entities.iter().map(|e| &e.record).zip(local) {
        let named = |language: Language| named.contains(&(e.id.as_str(), language));
        report.entities_without_zh += usize::from(e.name_zh.is_none() && !named(Language::Zh));
        report.entities_without_en += usize::from(e.name_en.is_none() && !named(Language::En));
        *report.by_kind.entry(e.kind.as_str().to_string()).or_default() += 1;
        if let Some(district) = &e.district {
            *report.by_district.entry(district.clone()).or_default() += 1;
        }
        if e.kind == EntityKind::Firm {
            for segment in &e.segments {
                *report.by_segment.entry(segment.clone()).or_default() += 1;
                if local {
                    local_segments.insert(segment.as_str());
                }
            }
        }
    }
    report.segments_without_local_firm = dataset
        .segments
        .iter()
        .filter(|s| s.record.stage != crate::model::Stage::Support && !local_segments.contains(s.record.id.as_str()))
        .map(|s| s.record.id.clone())
        .collect();
    report
}
