package io.wharf.notify.internal;

import io.wharf.domain.event.DeliveryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook endpoint's settings, read and checked. Header values and the secret are credentials
 * more often than not: {@link #toString()} names the headers but never shows their values or the
 * secret, and shows the URL without its query.
 *
 * @param headers header name to its values, each sent as its own header line, in key order
 * @param secret  the HMAC key for {@link Signature}, when requests are signed
 */
public record EndpointConfig(String name, URI url, Map<String, List<String>> headers, Duration timeout,
                             EventFormat format, Optional<String> secret, DeliveryPolicy policy) {
    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(policy, "policy");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((header, values) -> copy.put(header, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The URL as logs may show it: scheme, host, port and path, no query (it may hold a token). */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getRawAuthority() + Optional.ofNullable(url.getRawPath()).orElse("");
    }

    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", url=" + displayUrl() + ", headers=" + headers.keySet()
                + ", timeout=" + Durations.format(timeout) + ", format=" + format.name()
                + ", signed=" + secret.isPresent() + ", policy=" + policy + "]";
    }
}
