package io.wharf.bootstrap.logging;

import io.wharf.http.CompletedRequest;

/** One request as the access log writes it: fields for the JSON format, a sentence for the text format. */
record AccessLine(CompletedRequest request) implements LogFields {
    @Override
    public String message() {
        return request.method() + " " + (request.route().isEmpty() ? "(no route)" : request.route()) + " "
                + request.status();
    }

    @Override
    public void writeTo(FieldWriter fields) {
        fields.text("method", request.method());
        fields.text("route", request.route());
        fields.number("status", request.status());
        fields.number("bytes_in", request.bytesIn());
        fields.number("bytes_out", request.bytesOut());
        fields.decimal("duration_ms", microseconds(), 3);
        fields.text("user", request.user());
        fields.text("client", request.client());
    }

    @Override
    public String text() {
        StringBuilder line = new StringBuilder(160).append(message()).append(" in ");
        RecordParts.appendDecimal(line, microseconds(), 3);
        return line.append(" ms, ").append(request.bytesIn()).append(" B in, ").append(request.bytesOut())
                .append(" B out, ").append(request.user().isEmpty() ? "anonymous" : "user " + request.user())
                .append(", client ").append(request.client()).toString();
    }

    /** Milliseconds to the microsecond: a manifest served from the cache takes a fraction of one. */
    private long microseconds() {
        return request.duration().toNanos() / 1000;
    }

    /** The readable line, for formatters that print the parameter through the message {@code "{0}"}. */
    @Override
    public String toString() {
        return text();
    }
}
