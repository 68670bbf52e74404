-- The user's workspace: what the user adds to, corrects in, and notes on the shipped edition.
-- Every row belongs to one change of the log; a row counts only while its change is 'done'.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone'))
) STRICT;

CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    url TEXT NOT NULL,          -- empty for an own record
    publisher TEXT NOT NULL,
    title TEXT NOT NULL,        -- for an own record: the citation
    published TEXT,
    accessed TEXT NOT NULL,
    language TEXT NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C')),
    note TEXT
) STRICT;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    kind TEXT NOT NULL,
    name_zh TEXT,
    name_en TEXT,
    district TEXT,
    segments TEXT NOT NULL,     -- ';' separated, as in data/
    products TEXT NOT NULL,     -- ';' separated
    confidence TEXT NOT NULL,
    sources TEXT NOT NULL,      -- ';' separated source ids
    note TEXT
) STRICT;

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    from_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    to_id TEXT NOT NULL,
    product TEXT,
    share REAL,
    since TEXT,
    until TEXT,
    confidence TEXT NOT NULL,
    sources TEXT NOT NULL,
    note TEXT
) STRICT;

CREATE TABLE statistics (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    subject TEXT NOT NULL,
    metric TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    confidence TEXT NOT NULL,
    sources TEXT NOT NULL,
    note TEXT
) STRICT;

-- Shipped facts the user says are wrong (fact: link or statistic; key: its stable key).
CREATE TABLE retractions (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    fact TEXT NOT NULL,
    key TEXT NOT NULL,
    reason TEXT NOT NULL,
    sources TEXT NOT NULL
) STRICT;

-- A new value for one field of a shipped fact.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    fact TEXT NOT NULL,
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT,
    sources TEXT NOT NULL
) STRICT;

-- Notes on anything: target is "entity:ID", "link:KEY", "statistic:KEY", "policy:ID" or "system:ID".
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    target TEXT NOT NULL,
    text TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_target ON notes (target);

-- Saved views (a named deep link); a bookmark is a saved view of one entity.
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    change INTEGER NOT NULL REFERENCES changes (id),
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    bookmark INTEGER NOT NULL DEFAULT 0
) STRICT;
