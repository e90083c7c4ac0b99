package io.wharf.notify.internal;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.json.JsonWriter;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.ManifestKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * distribution's notification envelope, {@code {"events":[…]}}, as distribution 3 writes it
 * ({@code application/vnd.docker.distribution.events.v2+json}), so that receivers written for
 * distribution take Wharf's events unchanged.
 *
 * <p>Members follow distribution's Go structs in order and in omission ({@code omitempty}):
 * <ul>
 *   <li>the event's {@code target}, {@code request}, {@code actor} and {@code source} are structs and
 *       always present, even when empty ({@code "actor":{}});</li>
 *   <li>the target embeds the OCI descriptor, whose {@code mediaType}, {@code digest} and {@code size}
 *       carry no {@code omitempty} in distribution 3: a tag deletion has {@code "mediaType":""},
 *       {@code "digest":""} and {@code "size":0};</li>
 *   <li>{@code length} (equal to {@code size}), {@code repository}, {@code fromRepository}, {@code url},
 *       {@code tag} and {@code references} are left out when empty or zero;</li>
 *   <li>the request's {@code id}, {@code method} and {@code useragent} are always present, its
 *       {@code addr} and {@code host} only when known; the actor's {@code name} and the source's
 *       {@code addr} and {@code instanceID} only when known.</li>
 * </ul>
 * A blob whose media type the registry does not know is {@code application/octet-stream}, as
 * distribution's blob store describes every blob it pushes, pulls or mounts.
 */
public final class DistributionEnvelope implements EventFormat {
    static final String NAME = "distribution";
    public static final String MEDIA_TYPE = "application/vnd.docker.distribution.events.v2+json";
    static final String BLOB_MEDIA_TYPE = "application/octet-stream";

    /**
     * distribution builds {@code url} from the request's scheme and {@code Host}; the scheme comes from
     * {@code X-Forwarded-Proto}, else TLS, else {@code http}. An {@link Origin} carries no scheme, so
     * this writes what distribution writes for a request with no TLS and no forwarding header: http.
     */
    static final String URL_SCHEME = "http://";

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
        List<Object> list = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            list.add(event(event));
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (!list.isEmpty()) {
            envelope.put("events", list);
        }
        return JsonWriter.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /** One event object, as in the envelope; CloudEvents carries the same object as its {@code data}. */
    public static Map<String, Object> event(RegistryEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", event.id().toString());
        out.put("timestamp", Rfc3339.format(event.timestamp()));
        out.put("action", event.action().token());
        out.put("target", target(event));
        out.put("request", request(event.origin()));
        out.put("actor", actor(event.origin()));
        out.put("source", source(event.source()));
        return out;
    }

    private static Map<String, Object> target(RegistryEvent event) {
        Target target = event.target();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mediaType", mediaType(event));
        out.put("digest", target.digest().map(Object::toString).orElse(""));
        long size = target.size().orElse(0);
        out.put("size", size);
        putIfNotZero(out, "length", size);
        out.put("repository", target.repository().value());
        target.fromRepository().ifPresent(from -> out.put("fromRepository", from.value()));
        url(event).ifPresent(url -> out.put("url", url));
        target.tag().ifPresent(tag -> out.put("tag", tag.value()));
        if (!target.references().isEmpty()) {
            List<Object> references = new ArrayList<>();
            for (Descriptor descriptor : target.references()) {
                references.add(descriptor(descriptor));
            }
            out.put("references", references);
        }
        return out;
    }

    /** The OCI descriptor's members in its order; Go writes map keys sorted, hence the tree map. */
    private static Map<String, Object> descriptor(Descriptor descriptor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mediaType", descriptor.mediaType());
        out.put("digest", descriptor.digest().toString());
        out.put("size", descriptor.size());
        if (!descriptor.annotations().isEmpty()) {
            out.put("annotations", new TreeMap<>(descriptor.annotations()));
        }
        descriptor.artifactType().ifPresent(type -> out.put("artifactType", type));
        return out;
    }

    private static String mediaType(RegistryEvent event) {
        Target target = event.target();
        if (target.mediaType().isPresent()) {
            return target.mediaType().get();
        }
        // distribution's deletions name only the digest; everything else it describes is a blob
        return target.digest().isPresent() && event.action() != Action.DELETE ? BLOB_MEDIA_TYPE : "";
    }

    /**
     * Where to fetch the content, by digest, as distribution links it: none for deletions (the content
     * is gone), for a tag without a digest, or when the request's host is unknown or unusable.
     */
    private static Optional<String> url(RegistryEvent event) {
        Target target = event.target();
        String host = event.origin().host();
        if (event.action() == Action.DELETE || target.digest().isEmpty() || !HostPort.isAuthority(host)) {
            return Optional.empty();
        }
        String kind = isManifest(target) ? "/manifests/" : "/blobs/";
        return Optional.of(URL_SCHEME + host + "/v2/" + target.repository().value() + kind + target.digest().get());
    }

    private static boolean isManifest(Target target) {
        return !target.references().isEmpty()
                || target.mediaType().flatMap(ManifestKind::byMediaType).isPresent();
    }

    private static Map<String, Object> request(Origin origin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", origin.requestId());
        putIfNotEmpty(out, "addr", origin.remoteAddress());
        putIfNotEmpty(out, "host", origin.host());
        out.put("method", origin.method());
        out.put("useragent", origin.userAgent());
        return out;
    }

    private static Map<String, Object> actor(Origin origin) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfNotEmpty(out, "name", origin.actor());
        return out;
    }

    private static Map<String, Object> source(Source source) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfNotEmpty(out, "addr", source.address());
        putIfNotEmpty(out, "instanceID", source.instanceId());
        return out;
    }

    private static void putIfNotEmpty(Map<String, Object> out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void putIfNotZero(Map<String, Object> out, String key, long value) {
        if (value != 0) {
            out.put(key, value);
        }
    }
}
