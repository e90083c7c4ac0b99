package io.wharf.notify.internal;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import static io.wharf.notify.Events.DOCKER_MANIFEST;
import static io.wharf.notify.Events.HELLO;
import static io.wharf.notify.Events.LAYER;
import static io.wharf.notify.Events.MANIFEST;
import static io.wharf.notify.Events.event;
import static io.wharf.notify.Events.list;
import static io.wharf.notify.Events.map;
import static io.wharf.notify.Events.manifestPush;
import static io.wharf.notify.Events.object;
import static io.wharf.notify.Events.origin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * distribution's envelope, checked against JSON written by hand. The golden file
 * {@code io/wharf/notify/distribution-manifest-push.json} is the example event of distribution's
 * "Work with notifications" page (a pull of {@code hello-world:latest}) with what a push changes:
 * {@code action} push, method {@code PUT}; its timestamp, {@code -08:00} there, is the same instant in
 * UTC, as Wharf writes all timestamps. The other cases follow distribution 3's structs
 * ({@code notifications/event.go}, the OCI descriptor) and what its bridge puts in each event.
 */
class DistributionEnvelopeTest {
    private final DistributionEnvelope format = new DistributionEnvelope();

    @Test
    void aManifestPushIsDistributionsDocumentedExample() throws IOException {
        Map<String, Object> expected = object(golden("/io/wharf/notify/distribution-manifest-push.json"));

        Map<String, Object> actual = object(format.write(List.of(manifestPush())));

        assertThat(actual).isEqualTo(expected);
        Map<String, Object> expectedEvent = onlyEvent(expected);
        Map<String, Object> actualEvent = onlyEvent(actual);
        for (String member : expectedEvent.keySet()) {
            assertThat(actualEvent.get(member)).as(member).isEqualTo(expectedEvent.get(member));
        }
        assertThat(actualEvent.keySet())
                .containsExactly("id", "timestamp", "action", "target", "request", "actor", "source");
        assertSameMemberOrder(expected, actual, "$");
    }

    @Test
    void theMediaTypeIsDistributions() {
        assertThat(format.mediaType()).isEqualTo("application/vnd.docker.distribution.events.v2+json");
        assertThat(format.name()).isEqualTo("distribution");
    }

    @Test
    void aBlobPushIsAnOctetStreamLinkedUnderBlobs() {
        RegistryEvent push = event(Action.PUSH, Target.blob(HELLO, LAYER, OptionalLong.of(2)), origin("PUT", "alice"));

        assertEvent(push, """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"push",
                 "target":{"mediaType":"application/octet-stream",
                           "digest":"sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d",
                           "size":2,"length":2,"repository":"hello-world",
                           "url":"http://192.168.100.227:5000/v2/hello-world/blobs/sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d"},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"PUT","useragent":"curl/7.38.0"},
                 "actor":{"name":"alice"},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aMountNamesTheRepositoryTheBlobCameFrom() {
        RegistryEvent mount = event(Action.MOUNT,
                Target.mountedBlob(HELLO, LAYER, 3, RepositoryName.of("library/base")), origin("POST", "alice"));

        assertEvent(mount, """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"mount",
                 "target":{"mediaType":"application/octet-stream",
                           "digest":"sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d",
                           "size":3,"length":3,"repository":"hello-world","fromRepository":"library/base",
                           "url":"http://192.168.100.227:5000/v2/hello-world/blobs/sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d"},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"POST","useragent":"curl/7.38.0"},
                 "actor":{"name":"alice"},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aBlobDeleteNamesOnlyDigestAndRepositoryWithTheDescriptorsRequiredMembersEmpty() {
        RegistryEvent delete = event(Action.DELETE, Target.blob(HELLO, LAYER, OptionalLong.empty()), origin("DELETE", "alice"));

        assertEvent(delete, """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"delete",
                 "target":{"mediaType":"",
                           "digest":"sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d",
                           "size":0,"repository":"hello-world"},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"DELETE","useragent":"curl/7.38.0"},
                 "actor":{"name":"alice"},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aManifestDeleteByDigestLooksLikeABlobDeleteAndHasNoUrl() {
        Target target = new Target(HELLO, Optional.of(MANIFEST), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), List.of());

        assertEvent(event(Action.DELETE, target, origin("DELETE", "alice")), """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"delete",
                 "target":{"mediaType":"",
                           "digest":"sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
                           "size":0,"repository":"hello-world"},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"DELETE","useragent":"curl/7.38.0"},
                 "actor":{"name":"alice"},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aManifestDeleteThatKnowsItsMediaTypeAndSizeSaysSoButStillHasNoUrl() {
        Target target = new Target(HELLO, Optional.of(MANIFEST), Optional.of(DOCKER_MANIFEST), OptionalLong.of(708),
                Optional.empty(), Optional.empty(), List.of());

        Map<String, Object> written = target(event(Action.DELETE, target, origin("DELETE", "alice")));

        assertThat(written).containsEntry("mediaType", DOCKER_MANIFEST).containsEntry("size", 708L)
                .containsEntry("length", 708L).doesNotContainKey("url");
    }

    @Test
    void aTagDeleteHasNoDigest() {
        RegistryEvent delete = event(Action.DELETE, Target.tag(HELLO, Tag.of("latest")), origin("DELETE", "alice"));

        assertEvent(delete, """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"delete",
                 "target":{"mediaType":"","digest":"","size":0,"repository":"hello-world","tag":"latest"},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"DELETE","useragent":"curl/7.38.0"},
                 "actor":{"name":"alice"},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aManifestPullCarriesItsReferencesAsDescriptors() {
        Descriptor config = new Descriptor("application/vnd.docker.container.image.v1+json", LAYER, 1469);
        Descriptor layer = new Descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", MANIFEST, 2479,
                Optional.of("application/vnd.example"), Map.of("z", "last", "a", "first"));
        Target target = new Target(HELLO, Optional.of(MANIFEST), Optional.of(DOCKER_MANIFEST), OptionalLong.of(525),
                Optional.of(Tag.of("latest")), Optional.empty(), List.of(config, layer));

        assertEvent(event(Action.PULL, target, origin("GET", "")), """
                {"id":"320678d8-ca14-430f-8bb6-4ca139cd83f7","timestamp":"2016-03-09T22:44:26.402973972Z",
                 "action":"pull",
                 "target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                           "digest":"sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
                           "size":525,"length":525,"repository":"hello-world",
                           "url":"http://192.168.100.227:5000/v2/hello-world/manifests/sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
                           "tag":"latest",
                           "references":[
                             {"mediaType":"application/vnd.docker.container.image.v1+json",
                              "digest":"sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d",
                              "size":1469},
                             {"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip",
                              "digest":"sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
                              "size":2479,"annotations":{"a":"first","z":"last"},
                              "artifactType":"application/vnd.example"}]},
                 "request":{"id":"6df24a34-0959-4923-81ca-14f09767db19","addr":"192.168.64.11:42961",
                            "host":"192.168.100.227:5000","method":"GET","useragent":"curl/7.38.0"},
                 "actor":{},
                 "source":{"addr":"xtal.local:5000","instanceID":"a53db899-3b4b-4a62-a067-8dd013beaca4"}}
                """);
    }

    @Test
    void aBlobPullIsLinkedUnderBlobs() {
        Map<String, Object> written = target(event(Action.PULL, Target.blob(HELLO, LAYER, OptionalLong.of(7)), origin("GET", "")));

        assertThat(written).containsEntry("mediaType", "application/octet-stream").containsEntry("url",
                "http://192.168.100.227:5000/v2/hello-world/blobs/" + LAYER);
    }

    @Test
    void anEventTheRegistryCausedItselfHasTheRequestsRequiredMembersEmptyAndNoUrl() {
        RegistryEvent housekeeping = new RegistryEvent(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                Instant.parse("2026-01-02T03:04:05Z"), Action.DELETE, Target.blob(HELLO, LAYER, OptionalLong.of(5)),
                Origin.internal("garbage-collector"), new Source("", ""));

        assertEvent(housekeeping, """
                {"id":"00000000-0000-0000-0000-000000000001","timestamp":"2026-01-02T03:04:05Z",
                 "action":"delete",
                 "target":{"mediaType":"",
                           "digest":"sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d",
                           "size":5,"length":5,"repository":"hello-world"},
                 "request":{"id":"","method":"","useragent":""},
                 "actor":{"name":"garbage-collector"},
                 "source":{}}
                """);
    }

    @Test
    void noUrlWithoutAHostOrWithAHostThatCannotStandInAUrl() {
        for (String host : List.of("", "evil.example/path", "host name", "a@b")) {
            Origin origin = new Origin("", "r", "", host, "GET", "ua");

            assertThat(target(event(Action.PULL, Target.blob(HELLO, LAYER, OptionalLong.of(1)), origin)))
                    .as(host).doesNotContainKey("url");
        }
        Origin ipv6 = new Origin("", "r", "", "[::1]:5000", "GET", "ua");
        assertThat(target(event(Action.PULL, Target.blob(HELLO, LAYER, OptionalLong.of(1)), ipv6)))
                .containsEntry("url", "http://[::1]:5000/v2/hello-world/blobs/" + LAYER);
    }

    @Test
    void eventsKeepTheirOrderAndAnEmptyBatchIsAnEmptyEnvelope() {
        RegistryEvent first = manifestPush();
        RegistryEvent second = new RegistryEvent(UUID.fromString("00000000-0000-0000-0000-000000000002"),
                first.timestamp(), Action.PULL, first.target(), first.origin(), first.source());

        List<Object> events = list(object(format.write(List.of(second, first))).get("events"));

        assertThat(events).extracting(e -> map(e).get("id"))
                .containsExactly("00000000-0000-0000-0000-000000000002", "320678d8-ca14-430f-8bb6-4ca139cd83f7");
        assertThat(object(format.write(List.of()))).isEmpty();
    }

    private void assertEvent(RegistryEvent event, String expectedJson) {
        Map<String, Object> expected = object(expectedJson);
        Map<String, Object> actual = onlyEvent(object(format.write(List.of(event))));
        assertThat(actual).isEqualTo(expected);
        assertSameMemberOrder(expected, actual, "$");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> target(RegistryEvent event) {
        return (Map<String, Object>) onlyEvent(object(format.write(List.of(event)))).get("target");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyEvent(Map<String, Object> envelope) {
        List<Object> events = (List<Object>) envelope.get("events");
        assertThat(events).hasSize(1);
        return (Map<String, Object>) events.get(0);
    }

    /** Members come in the order distribution's Go structs declare them, at every level. */
    static void assertSameMemberOrder(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertThat(new ArrayList<Object>(a.keySet())).as(path).containsExactlyElementsOf(new ArrayList<Object>(e.keySet()));
            for (Object key : e.keySet()) {
                assertSameMemberOrder(e.get(key), a.get(key), path + "." + key);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                assertSameMemberOrder(e.get(i), a.get(i), path + "[" + i + "]");
            }
        }
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = DistributionEnvelopeTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
