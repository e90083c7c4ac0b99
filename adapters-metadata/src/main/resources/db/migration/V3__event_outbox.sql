-- Wharf metadata catalog, version 3: the transactional outbox of notification events.
-- An event row is written in the same transaction as the catalog change that caused it, so an
-- acknowledged push always has its event and a failed one never does. Writers take one advisory lock
-- just before they insert events and hold it until they commit, so sequence numbers are handed out
-- in commit order: a dispatcher that has seen event N has seen every committed event before it.

CREATE TABLE event (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL,
    repository  text COLLATE "C" NOT NULL,
    payload     jsonb NOT NULL,
    CONSTRAINT event_id_key UNIQUE (id)
);
COMMENT ON TABLE event IS 'Notification events waiting for (or done with) delivery, in commit order; see event_endpoint.';
COMMENT ON COLUMN event.seq IS 'Position in commit order (writers serialize on an advisory lock before inserting).';
COMMENT ON COLUMN event.id IS 'The event id sent to receivers; stable across delivery attempts, for de-duplication.';
COMMENT ON COLUMN event.action IS 'push, pull, delete or mount.';
COMMENT ON COLUMN event.repository IS 'The repository the event is about.';
COMMENT ON COLUMN event.payload IS 'The whole event: target, actor, request, source, timestamp.';

CREATE TABLE event_endpoint (
    name            text COLLATE "C" PRIMARY KEY,
    delivered_through bigint NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    next_attempt_at timestamptz,
    last_error      text,
    delivered       bigint NOT NULL DEFAULT 0,
    dead            bigint NOT NULL DEFAULT 0,
    registered_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE event_endpoint IS 'One row per configured notification endpoint: how far its deliveries have come. Dispatchers lock the row (FOR UPDATE SKIP LOCKED) while they deliver, so instances share endpoints without sending twice.';
COMMENT ON COLUMN event_endpoint.delivered_through IS 'Every event with seq <= delivered_through has been delivered, skipped as unwanted, or dead-lettered.';
COMMENT ON COLUMN event_endpoint.failed_attempts IS 'Failed attempts at the events after delivered_through; 0 after a success.';
COMMENT ON COLUMN event_endpoint.next_attempt_at IS 'After a failure, when to try again (exponential backoff with jitter).';
COMMENT ON COLUMN event_endpoint.last_error IS 'Why the last attempt failed.';
COMMENT ON COLUMN event_endpoint.delivered IS 'Events delivered so far.';
COMMENT ON COLUMN event_endpoint.dead IS 'Events dead-lettered so far.';

CREATE TABLE event_dead_letter (
    endpoint    text COLLATE "C" NOT NULL REFERENCES event_endpoint (name) ON DELETE CASCADE,
    seq         bigint NOT NULL,
    event_id    uuid NOT NULL,
    payload     jsonb NOT NULL,
    attempts    integer NOT NULL,
    last_error  text NOT NULL,
    died_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (endpoint, seq)
);
COMMENT ON TABLE event_dead_letter IS 'Events an endpoint did not take after its maximum attempts, kept (with a copy of the event) for inspection and replay.';
COMMENT ON COLUMN event_dead_letter.attempts IS 'How many attempts failed.';
COMMENT ON COLUMN event_dead_letter.last_error IS 'Why the last attempt failed.';
