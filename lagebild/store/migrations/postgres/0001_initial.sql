-- Lagebild store, PostgreSQL backend (same tables as sqlite/0001_initial.sql).
-- Full text: a tsvector per document built with the configuration of the document's
-- language (german | english | simple), GIN-indexed, queried with websearch_to_tsquery.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    export_id    TEXT,
    title        TEXT,
    url          TEXT,
    language     TEXT,
    published    DATE,
    author       TEXT,
    outlet       TEXT,
    genre        TEXT,
    source       TEXT,
    duplicate_of TEXT,
    ingested_at  TIMESTAMPTZ NOT NULL,
    record       TEXT NOT NULL,             -- JSON text (lossless; jsonb would reject \u0000)
    ts_config    TEXT NOT NULL DEFAULT 'simple',  -- german | english | simple, from language
    body         TEXT,                      -- the text searched and shown in snippets
    tsv          TSVECTOR
);
CREATE INDEX documents_export_id ON documents (export_id);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);

CREATE TABLE doc_actors (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, actor_id)
);
CREATE INDEX doc_actors_actor ON doc_actors (actor_id);

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
    quote_date   TEXT,
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
    value       DOUBLE PRECISION,
    unit        TEXT,
    approximate BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE minhash (
    doc_id    TEXT PRIMARY KEY,
    signature BYTEA NOT NULL
);

CREATE TABLE also_published_as (
    doc_id   TEXT NOT NULL,
    other_id TEXT NOT NULL,
    kind     TEXT,
    PRIMARY KEY (doc_id, other_id)
);
