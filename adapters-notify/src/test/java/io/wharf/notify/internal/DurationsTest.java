package io.wharf.notify.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
            "500ms,   PT0.5S",
            "5s,      PT5S",
            "1m,      PT1M",
            "2h,      PT2H",
            "1m30s,   PT1M30S",
            "1h0m5s,  PT1H5S",
            "' 5s ',  PT5S",
            "0s,      PT0S",
            "PT5S,    PT5S",
            "pt0.25s, PT0.25S",
            "P1D,     PT24H",
    })
    void readsGoAndIsoSpellings(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5", "s", "5 s", "1.5s", "5d", "5S", "-5s", "fast", "PT", "P5X", "99999999999999999999h"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0.5S,       500ms",
            "PT5S,         5s",
            "PT1M,         1m",
            "PT1M30S,      90s",
            "PT2H,         2h",
            "PT0.0000001S, PT0.0000001S",
    })
    void formatsAsTheShortestExactGoSpelling(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
