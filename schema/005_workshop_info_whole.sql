-- Each workshop's WorkshopInfo whole (atelier.v1.WorkshopInfo, serialized), as
-- its latest WorkshopCreated or WorkshopUpdated left it, written in the same
-- transaction as that event. The server lists its workshops from these rows at
-- start-up and folds a closed workshop's log only when someone uses it
-- (Hub::Wake). Filled from the log for older databases
-- (EventStore::BackfillWorkshopInfo).
ALTER TABLE workshop_info ADD COLUMN info BLOB;

-- A participant's applied commands are remembered for its latest 1,024 (older
-- rows are deleted in chunks with the insert of a new one, see
-- WorkshopActor::Remember): databases written before keep their latest 1,024.
DELETE FROM commands
WHERE (workshop_id, participant_id, command_id) IN (
  SELECT workshop_id, participant_id, command_id FROM (
    SELECT workshop_id, participant_id, command_id,
           row_number() OVER (PARTITION BY workshop_id, participant_id
                              ORDER BY seq DESC, command_id DESC) AS newer
    FROM commands)
  WHERE newer > 1024);
