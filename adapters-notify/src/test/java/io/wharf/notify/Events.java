package io.wharf.notify;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Events for tests, with the values of distribution's documented example where one applies. */
public final class Events {
    public static final UUID ID = UUID.fromString("320678d8-ca14-430f-8bb6-4ca139cd83f7");
    public static final Instant TIMESTAMP = Instant.parse("2016-03-09T22:44:26.402973972Z");
    public static final Digest MANIFEST =
            Digest.parse("sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf");
    public static final Digest LAYER =
            Digest.parse("sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d");
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final RepositoryName HELLO = RepositoryName.of("hello-world");
    public static final Source SOURCE = new Source("xtal.local:5000", "a53db899-3b4b-4a62-a067-8dd013beaca4");

    private Events() {
    }

    public static Origin origin(String method, String actor) {
        return new Origin(actor, "6df24a34-0959-4923-81ca-14f09767db19", "192.168.64.11:42961", "192.168.100.227:5000",
                method, "curl/7.38.0");
    }

    public static RegistryEvent event(Action action, Target target, Origin origin) {
        return new RegistryEvent(ID, TIMESTAMP, action, target, origin, SOURCE);
    }

    /** distribution's example manifest, tagged {@code latest}, without references (distribution's default). */
    public static Target taggedManifest() {
        return new Target(HELLO, Optional.of(MANIFEST), Optional.of(DOCKER_MANIFEST), OptionalLong.of(708),
                Optional.of(Tag.of("latest")), Optional.empty(), List.of());
    }

    public static RegistryEvent manifestPush() {
        return event(Action.PUSH, taggedManifest(), origin("PUT", ""));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(byte[] json) {
        return (Map<String, Object>) JsonReader.parse(json);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(byte[] json) {
        return (List<Object>) JsonReader.parse(json);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        return (Map<String, Object>) JsonReader.parse(json);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object jsonObject) {
        return (Map<String, Object>) jsonObject;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object jsonArray) {
        return (List<Object>) jsonArray;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
