-- The territory's catalogue: every live card of every workshop, searchable
-- with FTS5 (accents folded, prefix queries). A projection of the events,
-- written in the same transaction; rebuilt from the log when this migration
-- runs on an existing database (EventStore::RebuildCatalogue).
CREATE TABLE workshop_info (
  workshop_id TEXT PRIMARY KEY,
  title       TEXT NOT NULL DEFAULT '',
  date        TEXT NOT NULL DEFAULT '',
  territory   TEXT NOT NULL DEFAULT '',
  status      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX workshop_info_by_territory ON workshop_info(territory);

-- One row per catalogued card; its rowid is the FTS row's.
CREATE TABLE catalogue_cards (
  rowid       INTEGER PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  card_id     TEXT NOT NULL,
  company_id  TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL,  -- offer | need
  category    TEXT NOT NULL DEFAULT '',
  posted_at_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workshop_id, card_id)
);

CREATE VIRTUAL TABLE catalogue_fts USING fts5(
  text, company, category, waste_code,
  tokenize = 'unicode61 remove_diacritics 2'
);
-- The distinct terms, to correct typed words (edit distance) before searching.
CREATE VIRTUAL TABLE catalogue_terms USING fts5vocab(catalogue_fts, 'row');
