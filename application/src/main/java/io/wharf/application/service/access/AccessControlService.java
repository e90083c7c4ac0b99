package io.wharf.application.service.access;

import io.wharf.application.port.in.AccessControl;
import io.wharf.application.port.in.RegistryUseCases;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Credentials;

import java.util.List;
import java.util.Objects;

/** Access control on: callers authenticate with the configured provider, and every use case checks their rights. */
public final class AccessControlService implements AccessControl {
    private final Authentication authentication;

    public AccessControlService(Authentication authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    public Caller authenticate(Credentials credentials) {
        return authentication.authenticate(credentials);
    }

    @Override
    public void requireSignedIn(Caller caller) {
        if (caller.proof() == Caller.Proof.NONE) {
            throw new Guard(caller, authentication).refusal(List.of(), "this registry");
        }
    }

    @Override
    public RegistryUseCases guard(Caller caller, RegistryUseCases useCases) {
        Guard guard = new Guard(caller, authentication);
        return new RegistryUseCases(
                new AuthorizedBlobUploads(useCases.blobUploads(), guard),
                new AuthorizedBlobReads(useCases.blobReads(), guard),
                new AuthorizedManifests(useCases.manifests(), guard),
                new AuthorizedListings(useCases.listings(), guard));
    }
}
