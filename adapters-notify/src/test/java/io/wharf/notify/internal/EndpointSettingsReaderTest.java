package io.wharf.notify.internal;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The settings under {@code notifications.endpoints}: defaults, every setting, every bad value by its full key. */
class EndpointSettingsReaderTest {
    private static final String SECTION = "notifications.endpoints";

    @Test
    void noKeysNoEndpoints() {
        assertThat(read(Map.of())).isEmpty();
    }

    @Test
    void aUrlAloneTakesEveryDefault() {
        EndpointConfig ci = single(read(Map.of("ci.url", "https://hooks.example.com/registry")));

        assertThat(ci.name()).isEqualTo("ci");
        assertThat(ci.url()).isEqualTo(URI.create("https://hooks.example.com/registry"));
        assertThat(ci.headers()).isEmpty();
        assertThat(ci.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ci.format()).isInstanceOf(DistributionEnvelope.class);
        assertThat(ci.secret()).isEmpty();
        assertThat(ci.policy()).isEqualTo(new DeliveryPolicy(Set.of(), Set.of(), 10, 20, Duration.ofSeconds(1),
                Duration.ofMinutes(5)));
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> values = new HashMap<>();
        values.put("ci.url", "http://127.0.0.1:8080/hook?team=a");
        values.put("ci.headers.Authorization", "Bearer t0ken");
        values.put("ci.headers.X-Tenant", " a , b ,");
        values.put("ci.timeout", "500ms");
        values.put("ci.format", "CloudEvents");
        values.put("ci.secret", "s3cr3t");
        values.put("ci.batchsize", "50");
        values.put("ci.maxattempts", "3");
        values.put("ci.backoff", "PT2S");
        values.put("ci.maxbackoff", "1h");
        values.put("ci.ignoredactions", "pull, MOUNT");
        values.put("ci.ignoredmediatypes", "application/octet-stream,application/vnd.oci.image.index.v1+json");
        values.put("ci.threshold", "5");
        values.put("ci.disabled", "false");

        EndpointConfig ci = single(read(values));

        assertThat(ci.url()).isEqualTo(URI.create("http://127.0.0.1:8080/hook?team=a"));
        assertThat(ci.headers()).containsExactly(Map.entry("Authorization", List.of("Bearer t0ken")),
                Map.entry("X-Tenant", List.of("a", "b")));
        assertThat(ci.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(ci.format()).isInstanceOf(CloudEventsBatch.class);
        assertThat(ci.secret()).contains("s3cr3t");
        assertThat(ci.policy()).isEqualTo(new DeliveryPolicy(Set.of(Action.PULL, Action.MOUNT),
                Set.of("application/octet-stream", "application/vnd.oci.image.index.v1+json"), 50, 3,
                Duration.ofSeconds(2), Duration.ofHours(1)));
    }

    @Test
    void distributionsSpellingsAreTheSameSettings() {
        EndpointConfig ci = single(read(Map.of("ci.url", "https://h.example/", "ci.ignore.actions", "pull",
                "ci.ignore.mediatypes", "application/octet-stream", "ci.threshold", "10")));

        assertThat(ci.policy().ignoredActions()).containsExactly(Action.PULL);
        assertThat(ci.policy().ignoredMediaTypes()).containsExactly("application/octet-stream");
    }

    @Test
    void endpointsComeSortedByNameAndDisabledOnesAreLeftOut() {
        List<EndpointConfig> endpoints = read(Map.of(
                "zeta.url", "https://z.example/",
                "alpha.url", "https://a.example/",
                "mid_1.url", "https://m.example/",
                "off.url", "https://o.example/", "off.disabled", "TRUE"));

        assertThat(endpoints).extracting(EndpointConfig::name).containsExactly("alpha", "mid_1", "zeta");
    }

    @Test
    void aDisabledEndpointIsStillChecked() {
        assertThatThrownBy(() -> read(Map.of("off.url", "https://o.example/", "off.disabled", "true", "off.timeout", "soon")))
                .isInstanceOf(InvalidSettingException.class)
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("notifications.endpoints.off.timeout");
    }

    @Test
    void bothSpellingsOfOneSettingAreAMistake() {
        assertThatThrownBy(() -> read(Map.of("ci.url", "https://h.example/", "ci.ignoredactions", "pull",
                "ci.ignore.actions", "push")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("notifications.endpoints.ci.ignoredactions")
                .extracting(e -> ((InvalidSettingException) e).key())
                .isEqualTo("notifications.endpoints.ci.ignore.actions");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                // key, value, the key the error names
                arguments("ci.timeout", "5s", "ci.url"), // no url
                arguments("ci.url", "ftp://h.example/", "ci.url"),
                arguments("ci.url", "hooks.example.com/x", "ci.url"),
                arguments("ci.url", "/relative", "ci.url"),
                arguments("ci.url", "http://h .example/", "ci.url"),
                arguments("ci.url", "http:///nohost", "ci.url"),
                arguments("ci.url", "https://user:pw@h.example/", "ci.url"),
                arguments("ci.url", "https://h.example/#part", "ci.url"),
                arguments("ci.timeout", "5", "ci.timeout"),
                arguments("ci.timeout", "0s", "ci.timeout"),
                arguments("ci.timeout", "-PT1S", "ci.timeout"),
                arguments("ci.timeout", "5d", "ci.timeout"),
                arguments("ci.backoff", "later", "ci.backoff"),
                arguments("ci.backoff", "0ms", "ci.backoff"),
                arguments("ci.maxbackoff", "500ms", "ci.maxbackoff"), // shorter than the 1s backoff
                arguments("ci.maxbackoff", "x", "ci.maxbackoff"),
                arguments("ci.batchsize", "0", "ci.batchsize"),
                arguments("ci.batchsize", "ten", "ci.batchsize"),
                arguments("ci.maxattempts", "-1", "ci.maxattempts"),
                arguments("ci.maxattempts", "1.5", "ci.maxattempts"),
                arguments("ci.format", "xml", "ci.format"),
                arguments("ci.ignoredactions", "pull,tag", "ci.ignoredactions"),
                arguments("ci.ignore.actions", "fetch", "ci.ignore.actions"),
                arguments("ci.ignoredmediatypes", "octet-stream", "ci.ignoredmediatypes"),
                arguments("ci.ignore.mediatypes", "application/", "ci.ignore.mediatypes"),
                arguments("ci.threshold", "many", "ci.threshold"),
                arguments("ci.threshold", "-1", "ci.threshold"),
                arguments("ci.disabled", "yes", "ci.disabled"),
                arguments("ci.secret", " ", "ci.secret"),
                arguments("ci.headers.Host", "h.example", "ci.headers.Host"),
                arguments("ci.headers.Content-Length", "5", "ci.headers.Content-Length"),
                arguments("ci.headers.Content-Type", "text/plain", "ci.headers.Content-Type"),
                arguments("ci.headers.user-agent", "me", "ci.headers.user-agent"),
                arguments("ci.headers.Wharf-Signature", "sha256=00", "ci.headers.Wharf-Signature"),
                arguments("ci.headers.Bad Header", "x", "ci.headers.Bad Header"),
                arguments("ci.headers.X-Empty", " , ", "ci.headers.X-Empty"),
                arguments("ci.headers.X-Split", "a\r\nInjected: yes", "ci.headers.X-Split"),
                arguments("ci.retries", "3", "ci.retries"),
                arguments("ci.headers", "x", "ci.headers"),
                arguments("ci", "x", "ci"),
                arguments(".url", "https://h.example/", ".url"),
                arguments("CI.url", "https://h.example/", "CI"),
                arguments("-ci.url", "https://h.example/", "-ci"),
                arguments("c.i.url", "https://h.example/", "c.i.url"),
                arguments("a".repeat(65) + ".url", "https://h.example/", "a".repeat(65)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badSettings")
    void aBadSettingNamesItsFullKey(String key, String value, String namedKey) {
        Map<String, String> values = new HashMap<>();
        if (!key.equals("ci.timeout") || !namedKey.equals("ci.url")) {
            values.put("ci.url", "https://hooks.example.com/registry");
        }
        values.put(key, value);

        assertThatThrownBy(() -> read(values))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(SECTION + "." + namedKey + " ")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo(SECTION + "." + namedKey);
    }

    @Test
    void aNameOf64CharactersIsFine() {
        assertThat(single(read(Map.of("a".repeat(64) + ".url", "https://h.example/"))).name()).hasSize(64);
    }

    @Test
    void messagesAndToStringNeverShowSecretsHeaderValuesOrTheQuery() {
        Map<String, String> values = Map.of("ci.url", "https://h.example/hook?token=q-s3cr3t",
                "ci.secret", "hmac-s3cr3t", "ci.headers.Authorization", "Bearer h-s3cr3t");
        EndpointConfig ci = single(read(values));

        assertThat(ci.toString()).doesNotContain("s3cr3t").contains("Authorization", "https://h.example/hook");
        for (Map.Entry<String, String> bad : Map.of(
                "ci.headers.X-Bad", "v-s3cr3t\nX: y", "ci.url", "https://u:p-s3cr3t@h.example/",
                "ci.secret", "  ").entrySet()) {
            Map<String, String> broken = new HashMap<>(values);
            broken.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> read(broken)).isInstanceOf(InvalidSettingException.class)
                    .message().doesNotContain("s3cr3t");
        }
    }

    private static List<EndpointConfig> read(Map<String, String> values) {
        return EndpointSettingsReader.read(new AdapterSettings(SECTION, values));
    }

    private static EndpointConfig single(List<EndpointConfig> endpoints) {
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }
}
