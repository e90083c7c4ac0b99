package io.wharf.notify;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventPublisherFactory;
import io.wharf.domain.port.InvalidSettingException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiscardingPublisherFactoryTest {
    @Test
    void isSelectedByTheNameNone() {
        EventPublisherFactory factory = new DiscardingPublisherFactory();
        assertEquals("none", factory.name());
    }

    @Test
    void rejectsSettingsItDoesNotKnow() {
        var settings = new AdapterSettings("notifications.none", Map.of("url", "http://x"));
        var error = assertThrows(InvalidSettingException.class, () -> new DiscardingPublisherFactory().create(settings));
        assertEquals("notifications.none.url", error.key());
    }
}
