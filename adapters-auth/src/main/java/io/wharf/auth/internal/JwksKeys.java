package io.wharf.auth.internal;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The keys an external issuer publishes as a JWKS. Nimbus caches the set and fetches it again when a
 * token names a {@code kid} it does not hold (so key rotation needs no restart), at most twice in each
 * rate-limit interval (so tokens with made-up key ids cannot make Wharf hammer the issuer), and keeps
 * serving the last set through an outage of the URL.
 */
public final class JwksKeys {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final int SIZE_LIMIT = 256 * 1024;
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    // How long a request waits for another one's fetch: covers one retry of connect and read.
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(12);
    private static final Duration RATE_LIMIT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

    private final URI url;
    private final JWKSource<SecurityContext> source;

    public JwksKeys(URI url) {
        this.url = url;
        try {
            source = JWKSourceBuilder.<SecurityContext>create(url.toURL(), new DefaultResourceRetriever(
                            (int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(), SIZE_LIMIT))
                    .cache(TIME_TO_LIVE.toMillis(), REFRESH_TIMEOUT.toMillis())
                    // Refresh-ahead would run a background executor that nothing here could close.
                    .refreshAheadCache(false)
                    .rateLimited(RATE_LIMIT_INTERVAL.toMillis())
                    .retrying(true)
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS URL " + url + " is not a valid URL", e);
        }
    }

    public URI url() {
        return url;
    }

    /** The published keys that fit the token's header: its {@code kid} (when it has one), key type and curve. */
    public List<VerificationKey> keysFor(JWSHeader header) throws KeySourceException {
        return source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null).stream()
                .map(VerificationKey::of)
                .flatMap(Optional::stream)
                .filter(k -> k.fits(header.getAlgorithm()))
                .toList();
    }
}
