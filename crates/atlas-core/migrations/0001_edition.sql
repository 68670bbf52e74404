-- The curated edition: everything read from data/, with its sources.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    publisher TEXT NOT NULL,
    title TEXT NOT NULL,
    published TEXT,
    accessed TEXT NOT NULL,
    language TEXT NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C')),
    note TEXT
) STRICT;

CREATE TABLE segments (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    stage TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_zh TEXT,
    name_en TEXT,
    district TEXT REFERENCES entities (id),
    products TEXT NOT NULL, -- one product a line
    founded TEXT,
    website TEXT,
    confidence TEXT NOT NULL,
    note TEXT
) STRICT;

CREATE TABLE entity_sources (
    entity TEXT NOT NULL REFERENCES entities (id),
    source TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (entity, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE entity_segments (
    entity TEXT NOT NULL REFERENCES entities (id),
    segment TEXT NOT NULL REFERENCES segments (id),
    PRIMARY KEY (entity, segment)
) STRICT, WITHOUT ROWID;

CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL REFERENCES entities (id),
    lang TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    pinyin TEXT,
    initials TEXT
) STRICT;
CREATE INDEX names_by_entity ON names (entity);

-- Tokens prepared by atlas-core (Han characters one by one, Latin words, pinyin suffixes);
-- rowid is names.id.
CREATE VIRTUAL TABLE names_fts USING fts5 (tokens, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    from_id TEXT NOT NULL REFERENCES entities (id),
    relation TEXT NOT NULL,
    to_id TEXT NOT NULL REFERENCES entities (id),
    product TEXT,
    share REAL,
    since TEXT,
    until TEXT,
    confidence TEXT NOT NULL,
    note TEXT
) STRICT;
CREATE INDEX links_by_from ON links (from_id);
CREATE INDEX links_by_to ON links (to_id);

CREATE TABLE link_sources (
    link INTEGER NOT NULL REFERENCES links (id),
    source TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (link, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE systems (
    id TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    declared_by TEXT REFERENCES entities (id),
    sources TEXT NOT NULL, -- source ids separated by ';'
    note TEXT
) STRICT;

CREATE TABLE system_groups (
    system TEXT NOT NULL REFERENCES systems (id),
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    declared_count INTEGER,
    status TEXT NOT NULL,
    sources TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (system, id)
) STRICT;

CREATE TABLE system_members (
    system TEXT NOT NULL,
    group_id TEXT NOT NULL,
    entity TEXT NOT NULL REFERENCES entities (id),
    status TEXT NOT NULL,
    sources TEXT NOT NULL,
    note TEXT,
    FOREIGN KEY (system, group_id) REFERENCES system_groups (system, id)
) STRICT;

CREATE TABLE statistics (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL REFERENCES entities (id),
    metric TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    confidence TEXT NOT NULL,
    sources TEXT NOT NULL,
    note TEXT
) STRICT;

CREATE TABLE policies (
    entity TEXT PRIMARY KEY REFERENCES entities (id),
    doc_number TEXT,
    issued TEXT,
    horizon INTEGER,
    targets TEXT,
    sources TEXT NOT NULL
) STRICT;
