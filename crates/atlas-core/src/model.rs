//! The words of the atlas as Rust types: kinds of entity, relations, grades and the records that
//! the dataset, the store and the graph share. Nothing here knows about files, SQL or JSON.

use std::fmt;
use std::str::FromStr;

/// Declares a closed vocabulary that is written as lower-case text in data/ and in the store.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text used in data/ and in the store.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The accepted texts, for error messages.
            pub fn expected() -> String {
                [$($text),+].join(", ")
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {} {:?}, expected one of: {}", stringify!($name), other, $name::expected())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What an entity is.
    EntityKind {
        Firm = "firm",
        Brand = "brand",
        Plant = "plant",
        University = "university",
        TestAgency = "test_agency",
        ProvingGround = "proving_ground",
        ResearchInstitute = "research_institute",
        Park = "park",
        District = "district",
        GovernmentBody = "government_body",
        Alliance = "alliance",
        Policy = "policy",
        Region = "region",
    }
);

vocabulary!(
    /// The type of a directed link `from -> to`.
    Relation {
        Supplies = "supplies",
        Owns = "owns",
        JointVenture = "joint_venture",
        CoDevelops = "co_develops",
        TestsFor = "tests_for",
        EducatesFor = "educates_for",
        LocatedIn = "located_in",
        MemberOf = "member_of",
        InvestsIn = "invests_in",
        IssuedBy = "issued_by",
        Concerns = "concerns",
    }
);

vocabulary!(
    /// How far a source can be trusted: A government, state media, company filings and sites;
    /// B established trade and business press; C mirrors, aggregators, machine translations.
    Grade { A = "A", B = "B", C = "C" }
);

vocabulary!(
    /// How sure the atlas is of a fact.
    Confidence { Confirmed = "confirmed", Likely = "likely", Uncertain = "uncertain" }
);

vocabulary!(
    /// The language of a name.
    Language { Zh = "zh", En = "en" }
);

vocabulary!(
    /// The role a name plays for its entity.
    NameRole { Legal = "legal", Short = "short", Former = "former", Brand = "brand" }
);

vocabulary!(
    /// Where a segment sits in the chain.
    Stage { Upstream = "upstream", Midstream = "midstream", Downstream = "downstream", Support = "support" }
);

vocabulary!(
    /// Whether a system's group or member is backed by a source that defines it.
    Status { Confirmed = "confirmed", Unconfirmed = "unconfirmed" }
);

vocabulary!(
    /// Where a fact shown to the user comes from: the shipped edition, the user's workspace, or a
    /// shipped fact the user corrected.
    FactOrigin { Edition = "edition", Yours = "yours", Corrected = "corrected" }
);

vocabulary!(
    /// Whether a statistic was measured or is a plan's target.
    StatisticKind { Actual = "actual", Target = "target" }
);

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub url: String,
    pub publisher: String,
    pub title: String,
    /// `None` when the page showed no publication date.
    pub published: Option<String>,
    pub accessed: String,
    pub language: String,
    pub grade: Grade,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// A step of the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub id: String,
    pub order: u32,
    pub stage: Stage,
    pub name_en: String,
    pub name_zh: String,
    pub description: String,
}

/// One of an entity's names.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub entity: String,
    pub language: Language,
    pub role: NameRole,
    pub text: String,
}

/// Anything the atlas knows about.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub district: Option<String>,
    pub segments: Vec<String>,
    pub products: Vec<String>,
    pub founded: Option<String>,
    pub website: Option<String>,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// A typed, directed fact between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub product: Option<String>,
    /// Ownership share in percent.
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// A published grouping such as "9 + 2 + 5 + 30".
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_by: Option<String>,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// One group of a system, with the count its source declares.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemGroup {
    pub system: String,
    pub group: String,
    pub order: u32,
    pub name_zh: String,
    pub name_en: String,
    pub declared_count: Option<u32>,
    pub status: Status,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// An entity placed in a system's group, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemMember {
    pub system: String,
    pub group: String,
    pub entity: String,
    pub status: Status,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// A number about an entity or a region over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistic {
    pub subject: String,
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// The reader's note in Chinese; `note` is the English one.
    pub note_zh: Option<String>,
    /// For maintainers only: never written to the edition, never shown.
    pub maintainer_note: Option<String>,
}

/// The details of a policy document; the policy itself is an entity of kind `policy`.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub entity: String,
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    pub horizon: Option<u32>,
    pub targets: Option<String>,
    pub sources: Vec<String>,
}
