package io.wharf.notify.internal;

import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Target;
import io.wharf.domain.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events as a CloudEvents 1.0 JSON batch ({@code application/cloudevents-batch+json}): an array of
 * structured-mode events, one a registry event.
 *
 * <ul>
 *   <li>{@code id}: the event's id, the same on every delivery attempt, so receivers drop duplicates;</li>
 *   <li>{@code source}: {@code wharf://<host:port>} of the instance that recorded the event (the
 *       source record's address): an absolute URI naming the registry, not a URL to fetch. When the
 *       address is empty or cannot be a URI authority, {@value #UNKNOWN_SOURCE};</li>
 *   <li>{@code type}: {@code io.wharf.registry.<action>}, e.g. {@code io.wharf.registry.push};</li>
 *   <li>{@code subject}: the repository, with {@code @digest} when the target has one, else
 *       {@code :tag} when it has a tag (a tag deletion);</li>
 *   <li>{@code time}: the event's timestamp, RFC 3339 in UTC;</li>
 *   <li>{@code data}: the very event object of distribution's envelope ({@link DistributionEnvelope#event}),
 *       so a receiver parses one shape whichever format it gets.</li>
 * </ul>
 */
public final class CloudEventsBatch implements EventFormat {
    static final String NAME = "cloudevents";
    public static final String MEDIA_TYPE = "application/cloudevents-batch+json";
    static final String TYPE_PREFIX = "io.wharf.registry.";
    static final String UNKNOWN_SOURCE = "urn:wharf:registry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public byte[] write(List<RegistryEvent> events) {
        List<Object> batch = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            batch.add(cloudEvent(event));
        }
        return JsonWriter.write(batch).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> cloudEvent(RegistryEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("specversion", "1.0");
        out.put("id", event.id().toString());
        out.put("source", source(event.source().address()));
        out.put("type", TYPE_PREFIX + event.action().token());
        out.put("subject", subject(event.target()));
        out.put("time", Rfc3339.format(event.timestamp()));
        out.put("datacontenttype", "application/json");
        out.put("data", DistributionEnvelope.event(event));
        return out;
    }

    static String source(String address) {
        return HostPort.isAuthority(address) ? "wharf://" + address : UNKNOWN_SOURCE;
    }

    static String subject(Target target) {
        String repository = target.repository().value();
        if (target.digest().isPresent()) {
            return repository + "@" + target.digest().get();
        }
        return target.tag().map(tag -> repository + ":" + tag.value()).orElse(repository);
    }
}
