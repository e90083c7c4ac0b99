-- Wharf metadata catalog, version 4: replaying dead letters. A replayed event goes back into the
-- outbox as a new row (at the end of the commit order) that only its endpoint is sent; it keeps its
-- id, so the event id is no longer unique in the table (the original row may still be there).

ALTER TABLE event DROP CONSTRAINT event_id_key;
CREATE INDEX event_by_id ON event (id);
COMMENT ON INDEX event_by_id IS 'Finds an event by the id receivers see.';

ALTER TABLE event ADD COLUMN only_endpoint text COLLATE "C";
COMMENT ON COLUMN event.only_endpoint IS 'Set on a replayed dead letter: only this endpoint is sent it; the others pass over it.';
