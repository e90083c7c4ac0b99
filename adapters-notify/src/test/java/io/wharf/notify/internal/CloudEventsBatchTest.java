package io.wharf.notify.internal;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static io.wharf.notify.Events.HELLO;
import static io.wharf.notify.Events.LAYER;
import static io.wharf.notify.Events.MANIFEST;
import static io.wharf.notify.Events.array;
import static io.wharf.notify.Events.event;
import static io.wharf.notify.Events.list;
import static io.wharf.notify.Events.map;
import static io.wharf.notify.Events.manifestPush;
import static io.wharf.notify.Events.object;
import static io.wharf.notify.Events.origin;
import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents 1.0 JSON batch, attribute by attribute. */
class CloudEventsBatchTest {
    private final CloudEventsBatch format = new CloudEventsBatch();

    @Test
    void isTheJsonBatchFormat() {
        assertThat(format.mediaType()).isEqualTo("application/cloudevents-batch+json");
        assertThat(format.name()).isEqualTo("cloudevents");
    }

    @Test
    void aManifestPushIsOneStructuredEvent() {
        RegistryEvent push = manifestPush();

        List<Object> batch = array(format.write(List.of(push)));

        assertThat(batch).hasSize(1);
        Map<String, Object> event = map(batch.get(0));
        assertThat(event.keySet()).containsExactly("specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "data");
        assertThat(event.get("specversion")).isEqualTo("1.0");
        assertThat(event.get("id")).isEqualTo("320678d8-ca14-430f-8bb6-4ca139cd83f7");
        assertThat(event.get("source")).isEqualTo("wharf://xtal.local:5000");
        assertThat(event.get("type")).isEqualTo("io.wharf.registry.push");
        assertThat(event.get("subject")).isEqualTo("hello-world@" + MANIFEST);
        assertThat(event.get("time")).isEqualTo("2016-03-09T22:44:26.402973972Z");
        assertThat(event.get("datacontenttype")).isEqualTo("application/json");
        Map<String, Object> distributionEvent =
                map(list(object(new DistributionEnvelope().write(List.of(push))).get("events")).get(0));
        assertThat(event.get("data")).isEqualTo(distributionEvent);
        DistributionEnvelopeTest.assertSameMemberOrder(distributionEvent, event.get("data"), "data");
    }

    @Test
    void typesNameTheAction() {
        List<Object> batch = array(format.write(List.of(
                event(Action.PULL, Target.blob(HELLO, LAYER, OptionalLong.of(1)), origin("GET", "")),
                event(Action.MOUNT, Target.blob(HELLO, LAYER, OptionalLong.of(1)), origin("POST", "")),
                event(Action.DELETE, Target.tag(HELLO, Tag.of("v1")), origin("DELETE", "")))));

        assertThat(batch).extracting(e -> map(e).get("type"))
                .containsExactly("io.wharf.registry.pull", "io.wharf.registry.mount", "io.wharf.registry.delete");
    }

    @Test
    void aTagDeletesSubjectIsTheTag() {
        RegistryEvent delete = event(Action.DELETE, Target.tag(HELLO, Tag.of("v1")), origin("DELETE", "bob"));

        Map<String, Object> event = map(array(format.write(List.of(delete))).get(0));

        assertThat(event.get("subject")).isEqualTo("hello-world:v1");
        assertThat(map(map(event.get("data")).get("target")).get("digest")).isEqualTo("");
    }

    @ParameterizedTest
    @CsvSource({
            "xtal.local:5000,  wharf://xtal.local:5000",
            "10.0.0.7:5000,    wharf://10.0.0.7:5000",
            "[::1]:5000,       wharf://[::1]:5000",
            "'',               urn:wharf:registry",
            "'bad host:1',     urn:wharf:registry",
    })
    void theSourceIsAUriNamingTheInstance(String address, String expected) {
        RegistryEvent push = manifestPush();
        RegistryEvent event = new RegistryEvent(push.id(), push.timestamp(), push.action(), push.target(), push.origin(),
                new Source(address, "i"));

        assertThat(map(array(format.write(List.of(event))).get(0)).get("source")).isEqualTo(expected);
    }

    @Test
    void eventsKeepTheirOrderAndAnEmptyBatchIsAnEmptyArray() {
        RegistryEvent first = manifestPush();
        RegistryEvent second = new RegistryEvent(UUID.fromString("00000000-0000-0000-0000-000000000002"),
                first.timestamp(), Action.PULL, first.target(), first.origin(), first.source());

        assertThat(array(format.write(List.of(second, first)))).extracting(e -> map(e).get("id"))
                .containsExactly("00000000-0000-0000-0000-000000000002", "320678d8-ca14-430f-8bb6-4ca139cd83f7");
        assertThat(array(format.write(List.of()))).isEmpty();
    }
}
