package io.wharf.application.port.in;

import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Credentials;

/**
 * Who is calling, and the use cases as that caller may use them. Every inbound adapter goes through
 * here, so the same rules hold for HTTP, mounts, the catalog and referrers alike.
 */
public interface AccessControl {

    /** No access control: everyone may do everything. */
    AccessControl OFF = new AccessControl() {
        @Override
        public Caller authenticate(Credentials credentials) {
            return Caller.UNRESTRICTED;
        }

        @Override
        public void requireSignedIn(Caller caller) {
        }

        @Override
        public RegistryUseCases guard(Caller caller, RegistryUseCases useCases) {
            return useCases;
        }
    };

    /**
     * The caller these credentials prove, with what it may do; no credentials make an anonymous caller.
     *
     * @throws AccessDeniedException UNAUTHORIZED with a challenge when the credentials do not hold
     */
    Caller authenticate(Credentials credentials);

    /**
     * For the API version check ({@code /v2/}), which clients use to learn how to sign in: anonymous
     * callers get a challenge whenever access control is on.
     *
     * @throws AccessDeniedException UNAUTHORIZED with a challenge
     */
    void requireSignedIn(Caller caller);

    /** {@code useCases} as {@code caller} may use them: each call checks its rights first. */
    RegistryUseCases guard(Caller caller, RegistryUseCases useCases);
}
