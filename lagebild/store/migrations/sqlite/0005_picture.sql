-- The picture across articles (lagebild/picture): merged events and the analysts' decisions.
-- picture_events is derived (rebuilt by lagebild.picture.merge.update_picture from the stored
-- events and the decisions); picture_decisions is the analysts' own record and is never rebuilt.
CREATE TABLE picture_events (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    event_date      TEXT,
    first_published TEXT,
    sources         INTEGER NOT NULL,
    mentions        INTEGER NOT NULL,
    record          TEXT NOT NULL
);
CREATE INDEX picture_events_date ON picture_events (event_date);

CREATE TABLE picture_decisions (
    version    INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,
    mentions   TEXT NOT NULL,
    ref        INTEGER,
    analyst    TEXT,
    note       TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE picture_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
