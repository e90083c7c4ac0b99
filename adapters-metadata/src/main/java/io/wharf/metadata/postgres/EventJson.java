package io.wharf.metadata.postgres;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.json.JsonWriter;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An event as the outbox stores it ({@code event.payload}): every field of the domain event, so a
 * dispatcher rebuilds exactly what was recorded. The wire formats receivers see are the notify
 * adapter's business, not this one's.
 */
final class EventJson {
    private EventJson() {
    }

    static String write(RegistryEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id().toString());
        json.put("timestamp", event.timestamp().toString());
        json.put("action", event.action().token());
        json.put("target", target(event.target()));
        Origin o = event.origin();
        json.put("origin", ordered("actor", o.actor(), "requestId", o.requestId(), "remoteAddress", o.remoteAddress(),
                "host", o.host(), "method", o.method(), "userAgent", o.userAgent(), "traceParent", o.traceParent()));
        json.put("source", ordered("address", event.source().address(), "instanceId", event.source().instanceId()));
        return JsonWriter.write(json);
    }

    private static Map<String, Object> target(Target t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repository", t.repository().value());
        t.digest().ifPresent(d -> json.put("digest", d.toString()));
        t.mediaType().ifPresent(m -> json.put("mediaType", m));
        t.size().ifPresent(s -> json.put("size", s));
        t.tag().ifPresent(tag -> json.put("tag", tag.value()));
        t.fromRepository().ifPresent(r -> json.put("fromRepository", r.value()));
        List<Object> references = new ArrayList<>();
        for (Descriptor d : t.references()) {
            references.add(ordered("mediaType", d.mediaType(), "digest", d.digest().toString(), "size", d.size()));
        }
        json.put("references", references);
        return json;
    }

    static RegistryEvent read(String payload) {
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(payload);
        Map<?, ?> origin = (Map<?, ?>) json.get("origin");
        Map<?, ?> source = (Map<?, ?>) json.get("source");
        return new RegistryEvent(UUID.fromString(text(json, "id")), Instant.parse(text(json, "timestamp")),
                action(text(json, "action")), target((Map<?, ?>) json.get("target")),
                new Origin(text(origin, "actor"), text(origin, "requestId"), text(origin, "remoteAddress"),
                        text(origin, "host"), text(origin, "method"), text(origin, "userAgent"), textOrEmpty(origin, "traceParent")),
                new Source(text(source, "address"), text(source, "instanceId")));
    }

    private static Target target(Map<?, ?> json) {
        List<Descriptor> references = new ArrayList<>();
        for (Object o : (List<?>) json.get("references")) {
            Map<?, ?> d = (Map<?, ?>) o;
            references.add(new Descriptor(text(d, "mediaType"), Digest.parse(text(d, "digest")),
                    ((Number) d.get("size")).longValue()));
        }
        Object size = json.get("size");
        return new Target(RepositoryName.of(text(json, "repository")),
                optional(json, "digest").map(Digest::parse), optional(json, "mediaType"),
                size == null ? OptionalLong.empty() : OptionalLong.of(((Number) size).longValue()),
                optional(json, "tag").map(Tag::of), optional(json, "fromRepository").map(RepositoryName::of), references);
    }

    private static Action action(String token) {
        for (Action a : Action.values()) {
            if (a.token().equals(token)) {
                return a;
            }
        }
        throw new IllegalStateException("the outbox holds an event with unknown action '" + token + "'");
    }

    private static Optional<String> optional(Map<?, ?> json, String key) {
        return Optional.ofNullable((String) json.get(key));
    }

    private static String text(Map<?, ?> json, String key) {
        return (String) json.get(key);
    }

    /** For fields added later: events recorded before them read as empty. */
    private static String textOrEmpty(Map<?, ?> json, String key) {
        return json.get(key) instanceof String value ? value : "";
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
