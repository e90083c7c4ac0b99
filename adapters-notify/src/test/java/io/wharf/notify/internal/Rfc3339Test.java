package io.wharf.notify.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Timestamps as Go's encoding/json writes a UTC time.Time (RFC3339Nano: trailing zeros dropped). */
class Rfc3339Test {
    @ParameterizedTest
    @CsvSource({
            "2006-01-02T15:04:05Z,            2006-01-02T15:04:05Z",
            "2006-01-02T15:04:05.400Z,        2006-01-02T15:04:05.4Z",
            "2006-01-02T15:04:05.000001Z,     2006-01-02T15:04:05.000001Z",
            "2016-03-09T22:44:26.402973972Z,  2016-03-09T22:44:26.402973972Z",
            "2016-03-09T22:44:26.402973970Z,  2016-03-09T22:44:26.40297397Z",
            "0001-01-01T00:00:00Z,            0001-01-01T00:00:00Z",
    })
    void writesLikeGo(String instant, String expected) {
        assertThat(Rfc3339.format(Instant.parse(instant))).isEqualTo(expected);
    }
}
