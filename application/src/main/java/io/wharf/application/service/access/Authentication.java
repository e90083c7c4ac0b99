package io.wharf.application.service.access;

import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Scope;

import java.util.List;
import java.util.Optional;

/** How callers prove who they are: one configured provider, as in distribution. */
public sealed interface Authentication permits PasswordAuthentication, TokenAuthentication {

    /**
     * The caller the credentials prove; anonymous (with the anonymous policy's grants) when there are none.
     *
     * @throws AccessDeniedException UNAUTHORIZED when they do not hold
     */
    Caller authenticate(Credentials credentials);

    /** The challenge that tells a client how to get credentials good for {@code scopes}. */
    Challenge challenge(List<Scope> scopes, Optional<String> error);

    default AccessDeniedException unauthorized(String detail, Optional<String> error) {
        return AccessDeniedException.unauthorized(detail, challenge(List.of(), error));
    }
}
