package io.wharf.metadata.postgres;

import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.EventOutbox.Batch;
import io.wharf.domain.port.EventOutbox.DeadLetter;
import io.wharf.domain.port.EventOutbox.EndpointStatus;
import io.wharf.domain.port.EventOutbox.Decision;
import io.wharf.domain.port.EventOutbox.Pending;
import io.wharf.domain.port.EventOutbox.Round;
import io.wharf.metadata.postgres.jooq.tables.records.EventEndpointRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.wharf.metadata.postgres.jooq.Tables.EVENT;
import static io.wharf.metadata.postgres.jooq.Tables.EVENT_DEAD_LETTER;
import static io.wharf.metadata.postgres.jooq.Tables.EVENT_ENDPOINT;

/** The outbox tables: events in commit order, each endpoint's position in them, and dead letters. */
final class Events {
    /**
     * The advisory lock event writers hold from their insert until they commit ("wharf.ev" in ASCII):
     * sequence numbers are then handed out in commit order, so a dispatcher that reads event N after N
     * committed can never later find a committed event below N it has not seen.
     */
    private static final long COMMIT_ORDER_LOCK = 0x776861_72662E6576L;

    private Events() {
    }

    /** Inserts the events at the end of the caller's transaction; call it last, just before the commit. */
    static void record(DSLContext dsl, List<RegistryEvent> events) {
        insert(dsl, events, null);
    }

    /**
     * Takes the commit-order lock and inserts the events in one statement (a group commit of pulls
     * inserts hundreds at once); {@code onlyEndpoint} is null unless they are one endpoint's replays.
     */
    private static void insert(DSLContext dsl, List<RegistryEvent> events, String onlyEndpoint) {
        if (events.isEmpty()) {
            return;
        }
        dsl.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(COMMIT_ORDER_LOCK))).fetch();
        var insert = dsl.insertInto(EVENT, EVENT.ID, EVENT.ACTION, EVENT.REPOSITORY, EVENT.PAYLOAD, EVENT.ONLY_ENDPOINT);
        for (RegistryEvent event : events) {
            insert = insert.values(event.id(), event.action().token(), event.target().repository().value(),
                    JSONB.valueOf(EventJson.write(event)), onlyEndpoint);
        }
        insert.execute();
    }

    /** New endpoints start after the newest committed event; known ones keep their position. */
    static void register(DSLContext dsl, Set<String> endpoints) {
        for (String name : endpoints) {
            dsl.insertInto(EVENT_ENDPOINT, EVENT_ENDPOINT.NAME, EVENT_ENDPOINT.DELIVERED_THROUGH)
                    .select(dsl.select(DSL.val(name), DSL.coalesce(DSL.max(EVENT.SEQ), 0L)).from(EVENT))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    static List<EndpointStatus> status(DSLContext dsl) {
        Field<Integer> pending = DSL.field(dsl.selectCount().from(EVENT)
                .where(EVENT.SEQ.gt(EVENT_ENDPOINT.DELIVERED_THROUGH))
                .and(EVENT.ONLY_ENDPOINT.isNull().or(EVENT.ONLY_ENDPOINT.eq(EVENT_ENDPOINT.NAME))));
        Field<Integer> dead = DSL.field(dsl.selectCount().from(EVENT_DEAD_LETTER)
                .where(EVENT_DEAD_LETTER.ENDPOINT.eq(EVENT_ENDPOINT.NAME)));
        return dsl.select(EVENT_ENDPOINT.NAME, pending, EVENT_ENDPOINT.DELIVERED, dead).from(EVENT_ENDPOINT)
                .orderBy(EVENT_ENDPOINT.NAME)
                .fetch(row -> new EndpointStatus(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    static List<DeadLetter> deadLetters(DSLContext dsl, Optional<String> endpoint, int limit) {
        return dsl.selectFrom(EVENT_DEAD_LETTER)
                .where(endpoint.map(EVENT_DEAD_LETTER.ENDPOINT::eq).orElse(DSL.noCondition()))
                .orderBy(EVENT_DEAD_LETTER.DIED_AT.desc(), EVENT_DEAD_LETTER.SEQ.desc())
                .limit(limit)
                .fetch(row -> new DeadLetter(row.getEndpoint(), EventJson.read(row.getPayload().data()),
                        row.getAttempts(), row.getLastError(), row.getDiedAt().toInstant()));
    }

    /** Moves dead letters back into the outbox for their endpoint alone; call it inside a transaction. */
    static int replay(DSLContext dsl, String endpoint, Optional<UUID> eventId) {
        var which = EVENT_DEAD_LETTER.ENDPOINT.eq(endpoint)
                .and(eventId.map(EVENT_DEAD_LETTER.EVENT_ID::eq).orElse(DSL.noCondition()));
        List<RegistryEvent> letters = dsl.select(EVENT_DEAD_LETTER.PAYLOAD).from(EVENT_DEAD_LETTER).where(which)
                .orderBy(EVENT_DEAD_LETTER.SEQ).forUpdate()
                .fetch(row -> EventJson.read(row.value1().data()));
        insert(dsl, letters, endpoint);
        return letters.isEmpty() ? 0 : dsl.deleteFrom(EVENT_DEAD_LETTER).where(which).execute();
    }

    /** Events at or below every endpoint's position; none while no endpoint is registered. */
    static int prune(DSLContext dsl, int limit) {
        return dsl.deleteFrom(EVENT)
                .where(EVENT.SEQ.in(dsl.select(EVENT.SEQ).from(EVENT)
                        .where(EVENT.SEQ.le(dsl.select(DSL.min(EVENT_ENDPOINT.DELIVERED_THROUGH)).from(EVENT_ENDPOINT)))
                        .orderBy(EVENT.SEQ)
                        .limit(limit)))
                .execute();
    }

    /** The body of one delivery round's transaction; the endpoint row stays locked until it ends. */
    static Round deliverNext(DSLContext dsl, String endpoint, int limit, Instant now, Function<Batch, Decision> deliver) {
        EventEndpointRecord position = dsl.selectFrom(EVENT_ENDPOINT)
                .where(EVENT_ENDPOINT.NAME.eq(endpoint))
                .forUpdate().skipLocked()
                .fetchOne();
        if (position == null) {
            if (!dsl.fetchExists(EVENT_ENDPOINT, EVENT_ENDPOINT.NAME.eq(endpoint))) {
                throw new IllegalStateException("endpoint " + endpoint + " is not registered");
            }
            return new Round.Busy();
        }
        if (position.getNextAttemptAt() != null && position.getNextAttemptAt().toInstant().isAfter(now)) {
            return new Round.Idle();
        }
        List<Pending> pending = dsl.select(EVENT.SEQ, EVENT.PAYLOAD).from(EVENT)
                .where(EVENT.SEQ.gt(position.getDeliveredThrough()))
                .and(EVENT.ONLY_ENDPOINT.isNull().or(EVENT.ONLY_ENDPOINT.eq(endpoint)))
                .orderBy(EVENT.SEQ)
                .limit(limit)
                .fetch(row -> new Pending(row.value1(), EventJson.read(row.value2().data())));
        if (pending.isEmpty()) {
            // Other endpoints' replays after the position are passed over with the next event this one gets.
            return new Round.Idle();
        }
        Decision decision = deliver.apply(new Batch(pending, position.getFailedAttempts()));
        switch (decision) {
            case Decision.Advance advance -> dsl.update(EVENT_ENDPOINT)
                    .set(EVENT_ENDPOINT.DELIVERED_THROUGH, advance.sequence())
                    .set(EVENT_ENDPOINT.FAILED_ATTEMPTS, 0)
                    .setNull(EVENT_ENDPOINT.NEXT_ATTEMPT_AT)
                    .setNull(EVENT_ENDPOINT.LAST_ERROR)
                    .set(EVENT_ENDPOINT.DELIVERED, EVENT_ENDPOINT.DELIVERED.plus(advance.sent()))
                    .where(EVENT_ENDPOINT.NAME.eq(endpoint))
                    .execute();
            case Decision.Retry retry -> dsl.update(EVENT_ENDPOINT)
                    .set(EVENT_ENDPOINT.FAILED_ATTEMPTS, EVENT_ENDPOINT.FAILED_ATTEMPTS.plus(1))
                    .set(EVENT_ENDPOINT.NEXT_ATTEMPT_AT, OffsetDateTime.ofInstant(retry.at(), ZoneOffset.UTC))
                    .set(EVENT_ENDPOINT.LAST_ERROR, retry.error())
                    .where(EVENT_ENDPOINT.NAME.eq(endpoint))
                    .execute();
            case Decision.DeadLetter dead -> {
                Pending first = pending.getFirst();
                dsl.insertInto(EVENT_DEAD_LETTER)
                        .set(EVENT_DEAD_LETTER.ENDPOINT, endpoint)
                        .set(EVENT_DEAD_LETTER.SEQ, first.sequence())
                        .set(EVENT_DEAD_LETTER.EVENT_ID, first.event().id())
                        .set(EVENT_DEAD_LETTER.PAYLOAD, JSONB.valueOf(EventJson.write(first.event())))
                        .set(EVENT_DEAD_LETTER.ATTEMPTS, position.getFailedAttempts() + 1)
                        .set(EVENT_DEAD_LETTER.LAST_ERROR, dead.error())
                        .execute();
                dsl.update(EVENT_ENDPOINT)
                        .set(EVENT_ENDPOINT.DELIVERED_THROUGH, first.sequence())
                        .set(EVENT_ENDPOINT.FAILED_ATTEMPTS, 0)
                        .setNull(EVENT_ENDPOINT.NEXT_ATTEMPT_AT)
                        .set(EVENT_ENDPOINT.LAST_ERROR, dead.error())
                        .set(EVENT_ENDPOINT.DEAD, EVENT_ENDPOINT.DEAD.plus(1))
                        .where(EVENT_ENDPOINT.NAME.eq(endpoint))
                        .execute();
            }
        }
        return new Round.Done(decision);
    }
}
