-- Cards whose full-text row is to be (re)written. The event's transaction
-- only records the card here; the FTS5 index is brought up to date in bulk,
-- by the writer every few hundred milliseconds and by a search before it
-- reads (store::IndexPendingCatalogue). One FTS5 segment per posted card cost
-- more than the rest of the event's transaction; in bulk it costs little.
CREATE TABLE catalogue_pending (rowid INTEGER PRIMARY KEY);
