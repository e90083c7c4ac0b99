package io.wharf.notify;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventEndpointFactory;
import io.wharf.domain.port.InvalidSettingException;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The factory the bootstrap loads: endpoints by name, disabled ones left out, bad settings refused. */
class WebhookEndpointsTest {
    private final EventEndpointFactory factory = new WebhookEndpoints();

    @Test
    void isTheModulesEndpointFactory() {
        ModuleDescriptor module = WebhookEndpoints.class.getModule().getDescriptor();

        assertThat(module.provides()).anySatisfy(provides -> {
            assertThat(provides.service()).isEqualTo(EventEndpointFactory.class.getName());
            assertThat(provides.providers()).containsExactly(WebhookEndpoints.class.getName());
        });
    }

    @Test
    void noSettingsNoEndpoints() {
        assertThat(factory.create(new AdapterSettings("notifications.endpoints", Map.of()))).isEmpty();
    }

    @Test
    void makesTheEnabledEndpointsSortedByName() {
        var endpoints = factory.create(new AdapterSettings("notifications.endpoints", Map.of(
                "search.url", "https://search.example/hook", "search.ignoredactions", "pull",
                "audit.url", "https://audit.example/hook", "audit.format", "cloudevents",
                "old.url", "https://old.example/hook", "old.disabled", "true")));

        assertThat(endpoints).extracting(EventEndpoint::name).containsExactly("audit", "search");
        assertThat(endpoints).allSatisfy(endpoint -> assertThat(endpoint).isInstanceOf(WebhookEndpoint.class));
        assertThat(((WebhookEndpoint) endpoints.get(0)).mediaType()).isEqualTo("application/cloudevents-batch+json");
        assertThat(((WebhookEndpoint) endpoints.get(1)).mediaType())
                .isEqualTo("application/vnd.docker.distribution.events.v2+json");
        assertThat(endpoints.get(1).policy().ignoredActions()).extracting(a -> a.token()).containsExactly("pull");
    }

    @Test
    void aBadSettingNamesItsFullKey() {
        assertThatThrownBy(() -> factory.create(new AdapterSettings("notifications.endpoints",
                Map.of("ci.url", "https://ci.example/hook", "ci.timeout", "soon"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("notifications.endpoints.ci.timeout ");
    }
}
