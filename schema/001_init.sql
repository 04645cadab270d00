-- The event log is the truth; everything else is a projection or an index.
CREATE TABLE workshops (
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,  -- join code shown in the room
  title         TEXT NOT NULL,
  epoch         TEXT NOT NULL,         -- changes only if the log is ever rebuilt
  created_at_ms INTEGER NOT NULL
);

CREATE TABLE events (
  workshop_id TEXT    NOT NULL REFERENCES workshops(id),
  seq         INTEGER NOT NULL,
  at_ms       INTEGER NOT NULL,
  kind        TEXT    NOT NULL,  -- the Event body's field name, for people reading the file
  payload     BLOB    NOT NULL,  -- atelier.v1.Event, serialized
  PRIMARY KEY (workshop_id, seq)
) WITHOUT ROWID;

-- Device and facilitator tokens. A token is a bearer secret: it never travels
-- in events or URLs the server writes.
CREATE TABLE tokens (
  token          TEXT PRIMARY KEY,
  workshop_id    TEXT    NOT NULL REFERENCES workshops(id),
  participant_id TEXT    NOT NULL,
  role           INTEGER NOT NULL,
  company_id     TEXT    NOT NULL DEFAULT '',
  created_at_ms  INTEGER NOT NULL,
  revoked        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX tokens_by_workshop ON tokens(workshop_id);

-- Commands already applied, so that a resend gets the original answer.
CREATE TABLE commands (
  workshop_id    TEXT    NOT NULL,
  participant_id TEXT    NOT NULL,
  command_id     TEXT    NOT NULL,
  seq            INTEGER NOT NULL,
  entity_id      TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (workshop_id, participant_id, command_id)
) WITHOUT ROWID;

-- Read projections, written in the same transaction as the events.
CREATE TABLE companies (
  workshop_id TEXT NOT NULL,
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  siret       TEXT NOT NULL DEFAULT '',
  zone        TEXT NOT NULL DEFAULT '',
  ess         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workshop_id, id)
) WITHOUT ROWID;

CREATE TABLE cards (
  workshop_id TEXT NOT NULL,
  id          TEXT NOT NULL,
  company_id  TEXT NOT NULL,
  kind        TEXT NOT NULL,  -- offer | need
  category    TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  waste_code  TEXT NOT NULL DEFAULT '',
  withdrawn   INTEGER NOT NULL DEFAULT 0,
  posted_seq  INTEGER NOT NULL,
  PRIMARY KEY (workshop_id, id)
) WITHOUT ROWID;
