-- Index rows of the later layers (events, stances, commitments). Documents stored before this
-- migration have them in their record only; Store.reindex() fills these tables from it.
CREATE TABLE events (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    type       TEXT NOT NULL,
    mode       TEXT,
    source_id  TEXT,
    target_id  TEXT,
    event_date TEXT,
    location   TEXT,
    modality   TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_source ON events (source_id);
CREATE INDEX events_target ON events (target_id);

CREATE TABLE stances (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    actor_id    TEXT,
    issue       TEXT NOT NULL,
    polarity    TEXT NOT NULL,
    stance_date TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX stances_actor_issue ON stances (actor_id, issue);

CREATE TABLE commitments (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    actor_id   TEXT,
    content    TEXT,
    deadline   TEXT,
    status     TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX commitments_actor ON commitments (actor_id);
CREATE INDEX commitments_deadline ON commitments (deadline);
