-- What the room said of the engine's suggestions, for the later workshops of the
-- same territory (docs/matching.md, « Ce que la salle apprend au moteur »): one row
-- per synergy that was validated or rejected, and per « pas pertinent » of a
-- company. `evidence` is Match.evidence (the kind of suggestion and its pair of
-- resources); `verdict` is +1 validated, -1 rejected or not relevant. A projection
-- of the events, written in their transaction. Events written before this
-- migration carry no evidence: they teach nothing.
CREATE TABLE match_feedback (
  workshop_id TEXT NOT NULL,
  subject     TEXT NOT NULL,  -- "synergy:<id>" or "reaction:<match key>|<company id>"
  evidence    TEXT NOT NULL,
  verdict     INTEGER NOT NULL,
  PRIMARY KEY (workshop_id, subject)
) WITHOUT ROWID;
CREATE INDEX match_feedback_by_evidence ON match_feedback(evidence);
