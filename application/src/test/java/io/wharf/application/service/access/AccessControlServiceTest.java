package io.wharf.application.service.access;

import io.wharf.application.port.in.BlobReads;
import io.wharf.application.port.in.BlobUploads;
import io.wharf.application.port.in.Listings;
import io.wharf.application.port.in.Manifests;
import io.wharf.application.port.in.RegistryUseCases;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.AccessPolicy;
import io.wharf.domain.port.InvalidTokenException;
import io.wharf.domain.port.UserDirectory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessControlServiceTest {
    private static final UserDirectory USERS = new UserDirectory() {
        @Override
        public boolean authenticate(String user, String password) {
            return password.equals(user + "-secret");
        }

        @Override
        public boolean exists(String user) {
            return true;
        }
    };

    /** alice pulls and pushes alice/**, pulls shared; anonymous pulls public/*. */
    private static final AccessPolicy POLICY = identity -> switch (identity) {
        case Identity.Anonymous a -> new NamedGrants(name -> name.startsWith("public/")
                ? EnumSet.of(Action.PULL) : EnumSet.noneOf(Action.class));
        case Identity.User u -> new NamedGrants(name -> name.startsWith(u.name() + "/")
                ? EnumSet.of(Action.PULL, Action.PUSH)
                : name.equals("shared") ? EnumSet.of(Action.PULL) : EnumSet.noneOf(Action.class));
    };

    private static final Origin ORIGIN = Origin.internal("test");

    private final AccessControlService basic = new AccessControlService(new PasswordAuthentication(USERS, POLICY, "Wharf"));

    @Test
    void wrongPasswordIsChallengedWithBasicRealm() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> basic.authenticate(new Credentials.Password("alice", "nope")));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(Optional.of(new Challenge.Basic("Wharf")), e.challenge());
        assertFalse(e.detail().contains("nope"));
    }

    @Test
    void anonymousIsChallengedButASignedInUserIsDenied() {
        RepositoryName bobs = RepositoryName.of("bob/app");
        Caller anonymous = basic.authenticate(Credentials.NONE);
        Caller alice = basic.authenticate(new Credentials.Password("alice", "alice-secret"));

        AccessDeniedException challenged = assertThrows(AccessDeniedException.class,
                () -> basic.guard(anonymous, useCases(List.of())).manifests().get(bobs, null));
        assertEquals(ErrorCode.UNAUTHORIZED, challenged.code());

        AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                () -> basic.guard(alice, useCases(List.of())).manifests().get(bobs, null));
        assertEquals(ErrorCode.DENIED, denied.code());
        assertTrue(denied.challenge().isEmpty());
        assertTrue(denied.detail().contains("alice"), denied.detail());
    }

    @Test
    void theVersionCheckAsksAnonymousCallersToSignIn() {
        assertThrows(AccessDeniedException.class, () -> basic.requireSignedIn(basic.authenticate(Credentials.NONE)));
        basic.requireSignedIn(basic.authenticate(new Credentials.Password("alice", "alice-secret")));
    }

    @Test
    void aTokenThatFallsShortIsChallengedForExactlyTheMissingScope() {
        TokenAuthentication tokens = new TokenAuthentication(token -> claims(List.of(
                Scope.repository("team/app", Set.of(Action.PULL)))), "https://auth.example/token", "registry");
        AccessControlService access = new AccessControlService(tokens);
        Caller caller = access.authenticate(new Credentials.Bearer("t"));
        RegistryUseCases guarded = access.guard(caller, useCases(List.of()));

        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> guarded.blobUploads().start(RepositoryName.of("team/app")));
        Challenge.Bearer challenge = assertInstanceOf(Challenge.Bearer.class, e.challenge().orElseThrow());
        assertEquals("repository:team/app:pull,push", challenge.scopes().getFirst().toString());
        assertEquals(Optional.of("insufficient_scope"), challenge.error());
        assertEquals("registry", challenge.service());
    }

    @Test
    void withoutATokenEveryRepositoryRequestIsChallengedSoTheClientFetchesOne() {
        AccessControlService access = new AccessControlService(new TokenAuthentication(token -> claims(List.of()),
                "https://auth.example/token", "registry"));
        Caller anonymous = access.authenticate(Credentials.NONE);
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> access.guard(anonymous, useCases(List.of())).manifests().get(RepositoryName.of("shared"), null));
        Challenge.Bearer challenge = assertInstanceOf(Challenge.Bearer.class, e.challenge().orElseThrow());
        assertEquals(List.of("repository:shared:pull"), challenge.scopes().stream().map(Scope::toString).toList());
        assertEquals(Optional.empty(), challenge.error());
        assertThrows(AccessDeniedException.class, () -> access.requireSignedIn(anonymous));
    }

    @Test
    void aMountChallengeAlsoNamesPullOnTheSource() {
        AccessControlService access = new AccessControlService(new TokenAuthentication(token -> claims(List.of()),
                "https://auth.example/token", "registry"));
        RegistryUseCases guarded = access.guard(access.authenticate(new Credentials.Bearer("t")), useCases(List.of()));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> guarded.blobUploads().mount(
                RepositoryName.of("team/app"), Digest.parse("sha256:" + "a".repeat(64)),
                Optional.of(RepositoryName.of("base/os")), ORIGIN));
        assertEquals(List.of("repository:team/app:pull,push", "repository:base/os:pull"),
                assertInstanceOf(Challenge.Bearer.class, e.challenge().orElseThrow()).scopes().stream()
                        .map(Scope::toString).toList());
    }

    @Test
    void aTokenWithoutAccessIsAskedForMoreOnTheCatalog() {
        AccessControlService access = new AccessControlService(new TokenAuthentication(token -> claims(List.of()),
                "https://auth.example/token", "registry"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> access.guard(
                access.authenticate(new Credentials.Bearer("t")), useCases(List.of())).listings()
                .repositories(OptionalInt.empty(), Optional.empty()));
        Challenge.Bearer challenge = assertInstanceOf(Challenge.Bearer.class, e.challenge().orElseThrow());
        assertEquals(List.of(Scope.WHOLE_CATALOG), challenge.scopes());
        assertEquals(Optional.of("insufficient_scope"), challenge.error());
    }

    @Test
    void anInvalidTokenIsChallengedWithInvalidToken() {
        AccessControlService access = new AccessControlService(new TokenAuthentication(token -> {
            throw new InvalidTokenException("token expired");
        }, "https://auth.example/token", "registry"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> access.authenticate(new Credentials.Bearer("t")));
        assertEquals(Optional.of("invalid_token"), assertInstanceOf(Challenge.Bearer.class, e.challenge().orElseThrow()).error());
    }

    @Test
    void aMountWithoutPullOnTheSourceFallsBackToAnUpload() {
        Caller alice = basic.authenticate(new Credentials.Password("alice", "alice-secret"));
        List<String> mounted = new ArrayList<>();
        RegistryUseCases guarded = basic.guard(alice, useCases(mounted));
        Digest digest = Digest.parse("sha256:" + "a".repeat(64));

        assertTrue(guarded.blobUploads().mount(RepositoryName.of("alice/app"), digest,
                Optional.of(RepositoryName.of("bob/secret")), ORIGIN).isEmpty());
        assertEquals(List.of(), mounted, "the source the caller may not pull was not even asked");

        assertTrue(guarded.blobUploads().mount(RepositoryName.of("alice/app"), digest,
                Optional.of(RepositoryName.of("shared")), ORIGIN).isPresent());
        assertEquals(List.of("shared"), mounted);
    }

    @Test
    void theCatalogShowsOnlyWhatTheCallerMayPullAcrossPages() {
        List<RepositoryName> all = IntStream.range(0, 30).mapToObj(i -> RepositoryName.of(
                (i % 3 == 0 ? "alice/r" : "bob/r") + String.format("%02d", i))).sorted().toList();
        Caller alice = basic.authenticate(new Credentials.Password("alice", "alice-secret"));
        Listings catalog = basic.guard(alice, useCases(List.of(), all, 4)).listings();

        Page<RepositoryName> first = catalog.repositories(OptionalInt.of(3), Optional.empty());
        assertEquals(List.of("alice/r00", "alice/r03", "alice/r06"), first.items().stream().map(RepositoryName::value).toList());
        assertTrue(first.more());
        List<RepositoryName> seen = new ArrayList<>(first.items());
        Page<RepositoryName> page = first;
        while (page.more()) {
            page = catalog.repositories(OptionalInt.of(3), Optional.of(page.items().getLast().value()));
            seen.addAll(page.items());
        }
        assertEquals(all.stream().filter(n -> n.value().startsWith("alice/")).toList(), seen);
    }

    @Test
    void anonymousWithNoRightsIsAskedToSignInForTheCatalog() {
        AccessPolicy nothing = identity -> Grants.NOTHING;
        AccessControlService closed = new AccessControlService(new PasswordAuthentication(USERS, nothing, "Wharf"));
        assertThrows(AccessDeniedException.class, () -> closed.guard(closed.authenticate(Credentials.NONE),
                useCases(List.of())).listings().repositories(OptionalInt.empty(), Optional.empty()));
    }

    private static TokenClaims claims(List<Scope> access) {
        Instant now = Instant.now();
        return new TokenClaims("carol", "registry", "id", now, now, now.plusSeconds(300), access);
    }

    private static RegistryUseCases useCases(List<String> mounts) {
        return useCases(mounts, List.of(), 1000);
    }

    /** Use cases that answer what the guard lets through: mounts record their source, the catalog pages {@code repositories}. */
    private static RegistryUseCases useCases(List<String> mounts, List<RepositoryName> repositories, int pageSize) {
        return new RegistryUseCases(new MountingUploads(mounts), new NoReads(), new NoManifests(),
                new PagedCatalog(repositories, pageSize));
    }

    private record MountingUploads(List<String> mounts) implements BlobUploads {
        @Override
        public Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from,
                                          Origin origin) {
            mounts.add(from.orElseThrow().value());
            return Optional.of(new BlobRecord(digest, 1));
        }

        @Override
        public UploadStatus start(RepositoryName repository) {
            return new UploadStatus(repository, java.util.UUID.randomUUID(), 0);
        }

        @Override
        public BlobRecord uploadWhole(RepositoryName repository, Digest expected, java.io.InputStream body,
                                      Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UploadStatus append(RepositoryName repository, java.util.UUID session,
                                   Optional<io.wharf.domain.model.ByteRange> range, java.io.InputStream body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UploadStatus status(RepositoryName repository, java.util.UUID session) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BlobRecord complete(RepositoryName repository, java.util.UUID session, Digest expected,
                                   Optional<java.io.InputStream> lastChunk, Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(RepositoryName repository, java.util.UUID session) {
            throw new UnsupportedOperationException();
        }
    }

    private record PagedCatalog(List<RepositoryName> repositories, int pageSize) implements Listings {
        @Override
        public Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after) {
            List<RepositoryName> rest = repositories.stream()
                    .filter(r -> after.isEmpty() || r.value().compareTo(after.get()) > 0).toList();
            int n = Math.min(limit.orElse(pageSize), pageSize);
            return new Page<>(rest.subList(0, Math.min(n, rest.size())), rest.size() > n);
        }

        @Override
        public Page<io.wharf.domain.model.Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after) {
            return new Page<>(List.of(), false);
        }

        @Override
        public List<io.wharf.domain.model.Descriptor> referrers(RepositoryName repository, Digest subject,
                                                               Optional<String> artifactType) {
            return List.of();
        }
    }

    private static final class NoReads implements BlobReads {
        @Override
        public BlobRecord stat(RepositoryName repository, Digest digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BlobContent open(RepositoryName repository, Digest digest, Optional<io.wharf.domain.model.ByteRange> range,
                                Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(RepositoryName repository, Digest digest, Origin origin) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class NoManifests implements Manifests {
        @Override
        public PushedManifest push(RepositoryName repository, io.wharf.domain.model.Reference reference,
                                   Optional<String> contentType, byte[] payload, Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.wharf.domain.model.StoredManifest get(RepositoryName repository, io.wharf.domain.model.Reference reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.wharf.domain.model.StoredManifest pull(RepositoryName repository,
                                                         io.wharf.domain.model.Reference reference, Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(RepositoryName repository, io.wharf.domain.model.Reference reference, Origin origin) {
            throw new UnsupportedOperationException();
        }
    }

    private record NamedGrants(java.util.function.Function<String, Set<Action>> rule) implements Grants {
        @Override
        public Set<Action> on(RepositoryName repository) {
            return rule.apply(repository.value());
        }

        @Override
        public boolean wholeCatalog() {
            return false;
        }
    }
}
