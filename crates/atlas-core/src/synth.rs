//! A seeded synthetic national chain, for measuring the atlas at the scale of China's NEV industry
//! (about 100k entities and 1M links). Every entity and link cites one source whose publisher and
//! title say SYNTHETIC, and the edition written from it is marked synthetic in its meta table.
//! Synthetic data is made on demand and never shipped in data/.
//!
//! The chain is a tiered supply DAG (materials -> cells and chips -> e-drive, e-control, thermal,
//! chassis and cockpit -> vehicle makers -> charging and recycling) whose suppliers are drawn from
//! a heavy head, so a few suppliers serve many customers (a power law), plus a layer of
//! cross links (co-development, investment, ownership, joint ventures, tier-skipping supply)
//! whose first ends are drawn the same way. About one entity in ten sits in a Chongqing district or
//! park.

use crate::analytics::SplitMix64;
use crate::dataset::{Dataset, Located, Origin};
use crate::model::*;

/// The id of the one source every synthetic fact cites.
pub const SOURCE: &str = "synthetic";

/// The size and seed of a synthetic chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthSize {
    pub entities: usize,
    pub links: usize,
    pub seed: u64,
}

/// Segments in chain order, with their tier (suppliers of tier t come from tier t - 1), share of
/// entities in percent, and words for names.
const SEGMENTS: &[(&str, u32, u32, &str, &str, &str)] = &[
    ("materials", 0, 28, "Battery materials and raw materials", "电池材料与原材料", "材料"),
    ("cells-packs", 1, 12, "Cells and battery packs", "电芯与电池包", "电池"),
    ("chips-sensors", 1, 8, "Chips and sensors", "芯片与传感器", "芯片"),
    ("e-drive", 2, 9, "Electric drive and motors", "电驱动与电机", "电驱"),
    ("e-control", 2, 8, "Electronic control and BMS", "电控与电池管理", "电控"),
    ("thermal", 2, 6, "Thermal management", "热管理", "热管理"),
    ("chassis-body", 2, 14, "Chassis, body and other parts", "底盘车身与零部件", "零部件"),
    ("cockpit-software", 2, 6, "Smart cockpit, driving software and V2X", "智能座舱、智能驾驶与车联网", "智能"),
    ("vehicles", 3, 2, "Vehicle makers and brands", "整车", "汽车"),
    ("charging-swap", 4, 4, "Charging and battery swap", "充换电", "充电"),
    ("recycling", 4, 3, "Battery recycling and reuse", "回收利用", "回收"),
];

/// Characters for Chinese firm names: common in real ones, and with clear pinyin.
const HAN: &[char] = &[
    '华', '新', '能', '源', '科', '技', '锂', '电', '动', '力', '智', '联', '芯', '微', '达', '宏', '远', '恒', '泰',
    '盛', '通', '航', '天', '宇', '鑫', '瑞', '安', '博', '凯', '祥', '顺', '江', '成', '都', '西', '南', '川', '渝',
    '峰', '晨', '星', '光', '明', '德', '信', '诚', '立', '邦', '元', '创', '极', '锐', '驰', '腾', '金', '银', '海',
    '山', '龙', '凤',
];

/// Words for English firm names.
const WORDS: &[&str] = &[
    "Apex",
    "Nova",
    "Zenith",
    "Orion",
    "Vertex",
    "Summit",
    "Harbor",
    "Pioneer",
    "Crest",
    "Titan",
    "Lumen",
    "Astra",
    "Delta",
    "Sigma",
    "Evergreen",
    "Silverline",
    "Bluestone",
    "Redwood",
    "Greenfield",
    "Sunrise",
    "Northstar",
    "Keystone",
    "Horizon",
    "Meridian",
];

/// Districts and parks of the synthetic Chongqing.
const PLACES: usize = 40;

/// Builds a synthetic chain of about `size.entities` entities (at least one per segment, plus
/// the places) and exactly `size.links` links (fewer only when the chain is too small to draw
/// them). The same size and seed always give the same chain.
///
/// Time and memory O(entities + links).
pub fn synthetic_chain(size: SynthSize) -> Dataset {
    let mut rng = SplitMix64::new(size.seed);
    let origin = || Origin { file: "synthetic".to_string(), line: 0 };
    let sources = vec![Located {
        origin: origin(),
        record: Source {
            id: SOURCE.to_string(),
            url: "https://example.invalid/synthetic".to_string(),
            publisher: "SYNTHETIC (nev-atlas synth)".to_string(),
            title: format!("SYNTHETIC chain, not real data: seed {}", size.seed),
            published: None,
            accessed: "1970-01-01".to_string(),
            language: "en".to_string(),
            grade: Grade::C,
            note: Some("Generated for benchmarks; every fact citing this source is invented.".to_string()),
            note_zh: None,
            maintainer_note: None,
        },
    }];
    let segments = SEGMENTS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let stage = match s.1 {
                0 | 1 => Stage::Upstream,
                2 => Stage::Midstream,
                _ => Stage::Downstream,
            };
            located(Segment {
                id: s.0.to_string(),
                order: i as u32 + 1,
                stage,
                name_en: s.3.to_string(),
                name_zh: s.4.to_string(),
                description: format!("SYNTHETIC segment {}", s.3),
            })
        })
        .collect();
    let cite = || vec![SOURCE.to_string()];
    let entity = |id: String,
                  kind: EntityKind,
                  name_zh: String,
                  name_en: String,
                  district: Option<String>,
                  segments: Vec<String>| Entity {
        id,
        kind,
        name_zh: Some(name_zh),
        name_en: Some(name_en),
        district,
        segments,
        products: Vec::new(),
        founded: None,
        website: None,
        confidence: Confidence::Uncertain,
        sources: cite(),
        note: Some("SYNTHETIC".to_string()),
        note_zh: None,
        maintainer_note: None,
    };
    let link = |from: &str, relation: Relation, to: &str| Link {
        from: from.to_string(),
        relation,
        to: to.to_string(),
        product: None,
        share: None,
        since: None,
        until: None,
        confidence: Confidence::Uncertain,
        sources: cite(),
        note: None,
        note_zh: None,
        maintainer_note: None,
    };

    let mut entities = vec![entity(
        "chongqing".into(),
        EntityKind::Region,
        "重庆市".into(),
        "Chongqing (synthetic)".into(),
        None,
        vec![],
    )];
    let mut places = Vec::with_capacity(PLACES);
    for p in 0..PLACES {
        let (kind, id, zh, en) = if p % 4 == 3 {
            (
                EntityKind::Park,
                format!("park-{p:02}"),
                format!("{}{}产业园", pick(&mut rng, HAN), pick(&mut rng, HAN)),
                format!("Synthetic Park {p}"),
            )
        } else {
            (
                EntityKind::District,
                format!("district-{p:02}"),
                format!("{}{}区", pick(&mut rng, HAN), pick(&mut rng, HAN)),
                format!("Synthetic District {p}"),
            )
        };
        places.push(id.clone());
        entities.push(entity(id, kind, zh, en, None, vec![]));
    }
    let mut links: Vec<Link> =
        places.iter().take(size.links).map(|p| link(p, Relation::LocatedIn, "chongqing")).collect();

    // Firms by segment, each segment's share of the entities (at least one each).
    let firms = size.entities.saturating_sub(entities.len());
    let total_share: u32 = SEGMENTS.iter().map(|s| s.2).sum();
    let mut by_tier: Vec<Vec<usize>> = vec![Vec::new(); 5];
    let mut taken = std::collections::HashSet::new();
    for (segment_index, segment) in SEGMENTS.iter().enumerate() {
        let count = (firms * segment.2 as usize / total_share as usize).max(1);
        for n in 0..count {
            let index = entities.len();
            let id = format!("syn-{}-{n}", segment.0);
            let zh = unique_name(&mut rng, &mut taken, segment.5, n);
            let en = format!(
                "{} {} {} {n}",
                pick(&mut rng, WORDS),
                pick(&mut rng, WORDS),
                segment.3.split_whitespace().next().unwrap_or("Firm")
            );
            let district = (rng.below(10) == 0).then(|| places[rng.below(places.len())].clone());
            let mut segments = vec![segment.0.to_string()];
            if rng.below(20) == 0 {
                // Some firms work in a second segment of the same tier or the next.
                let other = SEGMENTS[(segment_index + 1) % SEGMENTS.len()].0;
                segments.push(other.to_string());
            }
            entities.push(entity(id, EntityKind::Firm, zh, en, district, segments));
            by_tier[segment.1 as usize].push(index);
        }
    }

    let supply_links = links.len() + size.links.saturating_sub(links.len()) * 4 / 5;
    let customers: Vec<(usize, usize)> = (1..5).flat_map(|t| by_tier[t].iter().map(move |&c| (t, c))).collect();
    // Each (from, relation, to) once, as the validator wants.
    let mut drawn_links: std::collections::HashSet<(usize, Relation, usize)> = std::collections::HashSet::new();
    let mut attempts = 0;
    while links.len() < supply_links && !customers.is_empty() && attempts < size.links * 4 {
        attempts += 1;
        let (tier, customer) = customers[rng.below(customers.len())];
        // Charging and recycling firms buy from vehicle makers and cell makers alike.
        let from_tier = if tier == 4 && rng.below(2) == 0 { 1 } else { tier - 1 };
        let Some(supplier) = heavy_pick(&mut rng, &by_tier[from_tier]) else { break };
        if drawn_links.insert((supplier, Relation::Supplies, customer)) {
            links.push(link(&entities[supplier].id, Relation::Supplies, &entities[customer].id));
        }
    }

    // Cross links between any two firms, the first end drawn from the heavy head too.
    let tier_of: Vec<usize> = {
        let mut tier_of = vec![0; entities.len()];
        for (t, members) in by_tier.iter().enumerate() {
            members.iter().for_each(|&m| tier_of[m] = t);
        }
        tier_of
    };
    let everyone: Vec<usize> = by_tier.concat();
    const CROSS: [Relation; 5] =
        [Relation::CoDevelops, Relation::InvestsIn, Relation::Owns, Relation::JointVenture, Relation::Supplies];
    while links.len() < size.links && everyone.len() > 1 && attempts < size.links * 4 {
        attempts += 1;
        let (Some(from), to) = (heavy_pick(&mut rng, &everyone), everyone[rng.below(everyone.len())]) else { break };
        if from == to {
            continue;
        }
        let mut relation = CROSS[rng.below(CROSS.len())];
        if relation == Relation::Supplies && tier_of[from] >= tier_of[to] {
            // Supply stays a DAG: tier-skipping supply only runs downstream.
            relation = Relation::CoDevelops;
        }
        // One model per stake, as the check demands: owns or joint_venture, never both.
        let other_model = match relation {
            Relation::Owns => Some(Relation::JointVenture),
            Relation::JointVenture => Some(Relation::Owns),
            _ => None,
        };
        if other_model.is_some_and(|other| drawn_links.contains(&(from, other, to))) {
            relation = Relation::CoDevelops;
        }
        if drawn_links.insert((from, relation, to)) {
            links.push(link(&entities[from].id, relation, &entities[to].id));
        }
    }

    Dataset {
        segments,
        sources,
        entities: entities.into_iter().map(located).collect(),
        links: links.into_iter().map(located).collect(),
        ..Dataset::default()
    }
}

fn pick<T: Copy>(rng: &mut SplitMix64, items: &[T]) -> T {
    items[rng.below(items.len())]
}

/// One of `items`, the first far more often than the last: item i of n is drawn with a chance
/// that falls as a power of i (the index is n u^3 for u uniform in [0, 1)), so the number of
/// customers per supplier is heavy-tailed, as in real supply chains.
/// A Chinese firm name of two to four characters and the segment's word, unlike any before it
/// (the validator wants one entity per name); after a few collisions the number `n` tells it apart.
fn unique_name(rng: &mut SplitMix64, taken: &mut std::collections::HashSet<String>, word: &str, n: usize) -> String {
    for _ in 0..8 {
        let han: String = (0..2 + rng.below(3)).map(|_| pick(rng, HAN)).collect();
        let name = format!("{han}{word}有限公司");
        if taken.insert(name.clone()) {
            return name;
        }
    }
    let name = format!("{}{word}{n}号有限公司", pick(rng, HAN));
    taken.insert(name.clone());
    name
}

fn located<T>(record: T) -> Located<T> {
    Located { origin: Origin { file: "synthetic".to_string(), line: 0 }, record }
}

fn heavy_pick(rng: &mut SplitMix64, items: &[usize]) -> Option<usize> {
    let index = (items.len() as f64 * rng.unit().powi(3)) as usize;
    items.get(index.min(items.len().saturating_sub(1))).copied()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn seeded_sized_cited_and_marked_synthetic() {
        let size = SynthSize { entities: 2000, links: 10_000, seed: 7 };
        let data = synthetic_chain(size);
        assert_eq!(data.links.len(), 10_000);
        assert!((1990..=2000).contains(&data.entities.len()), "{}", data.entities.len());
        assert!(
            data.sources
                .iter()
                .all(|s| s.record.publisher.contains("SYNTHETIC") && s.record.title.contains("SYNTHETIC"))
        );
        assert!(data.entities.iter().all(|e| e.record.sources == [SOURCE]));
        assert!(data.links.iter().all(|l| l.record.sources == [SOURCE]));
        let ids: HashSet<&str> = data.entities.iter().map(|e| e.record.id.as_str()).collect();
        assert_eq!(ids.len(), data.entities.len(), "ids are unique");
        assert!(data.links.iter().all(|l| ids.contains(l.record.from.as_str()) && ids.contains(l.record.to.as_str())));
        assert!(data.links.iter().all(|l| l.record.from != l.record.to));
        assert!(crate::dataset::validate(&data).is_empty(), "{:?}", crate::dataset::validate(&data).first());
        let again = synthetic_chain(size);
        assert_eq!(
            again.links.iter().map(|l| &l.record).collect::<Vec<_>>(),
            data.links.iter().map(|l| &l.record).collect::<Vec<_>>()
        );
        let local = data.entities.iter().filter(|e| e.record.district.is_some()).count();
        assert!(local > 100 && local < 400, "about one in ten is local: {local}");
    }

    #[test]
    fn supply_runs_down_the_tiers_and_is_heavy_tailed() {
        let data = synthetic_chain(SynthSize { entities: 5000, links: 40_000, seed: 1 });
        let tier: std::collections::HashMap<&str, u32> = data
            .entities
            .iter()
            .filter_map(|e| {
                let segment = e.record.segments.first()?;
                SEGMENTS.iter().find(|s| s.0 == segment).map(|s| (e.record.id.as_str(), s.1))
            })
            .collect();
        let mut customers_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for l in data.links.iter().map(|l| &l.record).filter(|l| l.relation == Relation::Supplies) {
            assert!(tier[l.from.as_str()] < tier[l.to.as_str()], "{} -> {}", l.from, l.to);
            *customers_of.entry(l.from.as_str()).or_default() += 1;
        }
        let most = customers_of.values().max().copied().unwrap_or(0);
        let mean = customers_of.values().sum::<usize>() as f64 / customers_of.len() as f64;
        assert!(most as f64 > 10.0 * mean, "a few suppliers serve many: max {most}, mean {mean}");
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for (entities, links) in [(0, 0), (1, 0), (0, 100), (60, 5)] {
            let data = synthetic_chain(SynthSize { entities, links, seed: 3 });
            assert!(data.links.len() <= links);
        }
    }
}
