-- The catalogue keeps each card's latest version whole (atelier.v1.Card) and
-- its visibility, so that a workshop can match against the territory's
-- earlier cards with every field the engine reads (months, quantities...)
-- and never show a "facilitators only" card to the room. Filled from the log
-- when this migration runs (EventStore::RebuildCatalogue).
ALTER TABLE catalogue_cards ADD COLUMN visibility INTEGER NOT NULL DEFAULT 1;
ALTER TABLE catalogue_cards ADD COLUMN card BLOB;
CREATE INDEX catalogue_cards_by_time ON catalogue_cards(posted_at_ms);
