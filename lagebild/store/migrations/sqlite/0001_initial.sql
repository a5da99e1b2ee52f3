-- Lagebild store, SQLite backend: documents and the layer indexes queried across documents.
-- The lossless Document lives in documents.record (JSON of Document.to_record()); the other
-- tables are indexes rebuilt from it, so a later layer (events, stances, commitments) only
-- needs a new migration that adds its table.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,          -- content id (SHA-256 of normalised text)
    export_id    TEXT,
    title        TEXT,
    url          TEXT,
    language     TEXT,
    published    TEXT,                      -- ISO date
    author       TEXT,
    outlet       TEXT,
    genre        TEXT,
    source       TEXT,
    duplicate_of TEXT,
    ingested_at  TEXT NOT NULL,             -- ISO timestamp, UTC
    record       TEXT NOT NULL              -- JSON, Document.to_record()
);
CREATE INDEX documents_export_id ON documents (export_id);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);

CREATE TABLE doc_actors (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, actor_id)
);
CREATE INDEX doc_actors_actor ON doc_actors (actor_id);

-- every name an actor goes by in a document (name, aliases, id), accent- and case-folded
CREATE TABLE actor_names (
    doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    actor_id  TEXT NOT NULL,
    name_norm TEXT NOT NULL,
    PRIMARY KEY (doc_id, actor_id, name_norm)
);
CREATE INDEX actor_names_norm ON actor_names (name_norm);

CREATE TABLE quotes (
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT,
    speaker_id   TEXT,
    speaker_name TEXT,
    quote_date   TEXT,                      -- the quote's date, else the document's
    cue          TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id);
CREATE INDEX quotes_date ON quotes (quote_date);

CREATE TABLE timexes (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT,
    value      TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX timexes_value ON timexes (value);

CREATE TABLE figures (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL,
    unit        TEXT,
    approximate INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, idx)
);

-- MinHash signatures for near-duplicate detection across runs (no FK: a signature may
-- outlive or precede its document)
CREATE TABLE minhash (
    doc_id    TEXT PRIMARY KEY,
    signature BLOB NOT NULL
);

-- doc_id is (also) published as other_id (a duplicate that was linked, not stored apart)
CREATE TABLE also_published_as (
    doc_id   TEXT NOT NULL,
    other_id TEXT NOT NULL,
    kind     TEXT,
    PRIMARY KEY (doc_id, other_id)
);

-- full text over title + body; unicode61 folds case and diacritics, no stemming
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    doc_id UNINDEXED,
    title,
    body,
    tokenize = "unicode61 remove_diacritics 2"
);
