package io.wharf.application.port.in;

import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The built-in token issuer of the Docker token spec: short-lived registry tokens for users of the htpasswd file. */
public interface TokenIssuance {

    /**
     * A token whose access is what was asked for and the policy grants, no more.
     *
     * @throws AccessDeniedException UNAUTHORIZED when the credentials or refresh token do not hold
     * @throws InvalidTokenRequestException for a request the spec does not allow (unknown service)
     */
    IssuedToken issue(TokenRequest request);

    /**
     * @param credentials    none (anonymous), a password, or a refresh token as {@link Credentials.Bearer}
     * @param service        the {@code service} parameter: must name this registry
     * @param scopes         the {@code scope} parameters, parsed
     * @param refreshToken   whether to hand out a refresh token too ({@code offline_token=true},
     *                       {@code access_type=offline})
     */
    record TokenRequest(Credentials credentials, String service, List<Scope> scopes, boolean refreshToken) {
        public TokenRequest {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(service, "service");
            scopes = List.copyOf(scopes);
        }
    }

    record IssuedToken(String token, List<Scope> access, Instant issuedAt, Duration expiresIn,
                       Optional<String> refreshToken) {
        public IssuedToken {
            Objects.requireNonNull(token, "token");
            access = List.copyOf(access);
        }

        @Override
        public String toString() {
            return "IssuedToken[access=" + access + ", issuedAt=" + issuedAt + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** A token request the spec does not allow: answered 400 with OAuth2's {@code invalid_request}. */
    final class InvalidTokenRequestException extends RuntimeException {
        public InvalidTokenRequestException(String detail) {
            super(detail, null, false, false);
        }
    }
}
