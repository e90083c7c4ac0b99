package io.wharf.bootstrap.metrics;

import java.util.Locale;

/** The metric types of the text exposition format that OpenTelemetry's explicit-bucket data maps onto. */
enum PrometheusType {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    /** As written after {@code # TYPE}. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
