package io.wharf.bootstrap.access;

import io.wharf.bootstrap.testing.AuthenticatingClient;
import io.wharf.bootstrap.testing.AuthenticatingClient.Mode;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry.User;
import io.wharf.domain.auth.Action;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint × every role × {own repository, someone else's}, under basic authentication and under
 * tokens from the built-in issuer, against the real registry and the policy fixture. The expectations
 * come from two tables written here, not from the policy code: what each role is granted, and what each
 * endpoint needs. A denied request must be refused the way its mode says (401 with a challenge, or 403);
 * an allowed one must succeed with the endpoint's own status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class AuthorizationMatrixTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** Everyone may pull here (the anonymous rule); a mount from it needs only push on the target. */
    private static final String PUBLIC = "public/app";
    /** Only admins may pull here: a mount from it must fall back to an upload for everyone else. */
    private static final String SECRET = "secret/app";

    enum Role {
        ANONYMOUS(null),
        READER(User.READER),
        WRITER(User.WRITER),
        DELETER(User.DELETER),
        ADMIN(User.ADMIN);

        final User user;

        Role(User user) {
            this.user = user;
        }

        /** The repository this role's rights are about: its own namespace, or the public one for anonymous. */
        String own() {
            return user == null ? PUBLIC : user.id() + "/app";
        }

        /** A repository of someone else's. */
        String others() {
            return switch (this) {
                case ANONYMOUS, ADMIN -> "reader/app";
                case READER -> "writer/app";
                case WRITER -> "deleter/app";
                case DELETER -> "admin/app";
            };
        }
    }

    enum Whose {
        OWN,
        OTHERS
    }

    /** Table 1: what the policy fixture grants each role, on its own repository and on someone else's. */
    private static final Map<Role, Map<Whose, Set<Action>>> GRANTED = new EnumMap<>(Map.of(
            Role.ANONYMOUS, Map.of(Whose.OWN, EnumSet.of(Action.PULL), Whose.OTHERS, EnumSet.noneOf(Action.class)),
            Role.READER, Map.of(Whose.OWN, EnumSet.of(Action.PULL), Whose.OTHERS, EnumSet.noneOf(Action.class)),
            Role.WRITER, Map.of(Whose.OWN, EnumSet.of(Action.PULL, Action.PUSH),
                    Whose.OTHERS, EnumSet.noneOf(Action.class)),
            Role.DELETER, Map.of(Whose.OWN, EnumSet.of(Action.PULL, Action.DELETE),
                    Whose.OTHERS, EnumSet.noneOf(Action.class)),
            Role.ADMIN, Map.of(Whose.OWN, EnumSet.allOf(Action.class), Whose.OTHERS, EnumSet.allOf(Action.class))));

    /** What one request is: sent by {@code client} to {@code repository}, whose fixtures {@code seed} made. */
    @FunctionalInterface
    interface Request {
        HttpResponse<byte[]> send(AuthenticatingClient client, String repository, Seed seed);
    }

    /** Table 2: each repository endpoint, what it needs, and how it answers when allowed. */
    record Endpoint(String name, Set<Action> needs, int success, Request request) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET tags/list", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.get("/v2/" + r + "/tags/list?last=" + s.tag())),
            new Endpoint("GET manifest", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.get("/v2/" + r + "/manifests/" + s.tag(), "Accept", OCI_MANIFEST)),
            new Endpoint("HEAD manifest", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.send("HEAD", "/v2/" + r + "/manifests/" + s.manifest(), null, "Accept", OCI_MANIFEST)),
            new Endpoint("PUT manifest", EnumSet.of(Action.PULL, Action.PUSH), 201,
                    (c, r, s) -> c.send("PUT", "/v2/" + r + "/manifests/pushed-" + s.id, s.manifestBody(),
                            "Content-Type", OCI_MANIFEST)),
            new Endpoint("DELETE manifest", EnumSet.of(Action.DELETE), 202,
                    (c, r, s) -> c.send("DELETE", "/v2/" + r + "/manifests/" + s.manifest(), null)),
            new Endpoint("GET blob", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.get("/v2/" + r + "/blobs/" + s.layer())),
            new Endpoint("HEAD blob", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.send("HEAD", "/v2/" + r + "/blobs/" + s.layer(), null)),
            new Endpoint("DELETE blob", EnumSet.of(Action.DELETE), 202,
                    (c, r, s) -> c.send("DELETE", "/v2/" + r + "/blobs/" + s.layer(), null)),
            new Endpoint("POST upload", EnumSet.of(Action.PULL, Action.PUSH), 202,
                    (c, r, s) -> c.send("POST", "/v2/" + r + "/blobs/uploads/", null)),
            new Endpoint("POST monolithic upload", EnumSet.of(Action.PULL, Action.PUSH), 201,
                    (c, r, s) -> c.send("POST", "/v2/" + r + "/blobs/uploads/?digest=" + Digest.sha256(s.fresh()),
                            s.fresh(), "Content-Type", "application/octet-stream")),
            new Endpoint("PATCH upload", EnumSet.of(Action.PULL, Action.PUSH), 202,
                    (c, r, s) -> c.send("PATCH", s.session(), s.fresh(), "Content-Type", "application/octet-stream")),
            new Endpoint("GET upload status", EnumSet.of(Action.PULL, Action.PUSH), 204,
                    (c, r, s) -> c.get(s.session())),
            new Endpoint("PUT upload", EnumSet.of(Action.PULL, Action.PUSH), 201,
                    (c, r, s) -> c.send("PUT", s.session() + "&digest=" + Digest.sha256(s.fresh()), s.fresh(),
                            "Content-Type", "application/octet-stream")),
            new Endpoint("DELETE upload", EnumSet.of(Action.PULL, Action.PUSH), 204,
                    (c, r, s) -> c.send("DELETE", s.session(), null)),
            new Endpoint("POST mount from a repository the caller may pull", EnumSet.of(Action.PULL, Action.PUSH), 201,
                    (c, r, s) -> c.send("POST", "/v2/" + r + "/blobs/uploads/?mount=" + s.blobIn(PUBLIC) + "&from="
                            + PUBLIC, null)),
            new Endpoint("GET referrers", EnumSet.of(Action.PULL), 200,
                    (c, r, s) -> c.get("/v2/" + r + "/referrers/" + s.manifest())));

    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger allowed = new AtomicInteger();
    private final AtomicInteger denied = new AtomicInteger();
    private final AtomicInteger unauthorizedSuccesses = new AtomicInteger();
    private final AtomicInteger seeds = new AtomicInteger();

    private Path work;
    private final Map<Mode, RunningRegistry> registries = new EnumMap<>(Mode.class);

    @BeforeAll
    void start() throws IOException {
        work = Files.createTempDirectory("wharf-authz-matrix");
        registries.put(Mode.BASIC, SecuredRegistry.withHtpasswd(work.resolve("basic"), Map.of()));
        registries.put(Mode.TOKEN, SecuredRegistry.withTokenIssuer(work.resolve("token"), Map.of()));
    }

    @AfterAll
    void stop() throws IOException {
        registries.values().forEach(RunningRegistry::close);
        System.out.printf("authorization matrix: %d cases, %d allowed, %d denied, %d unauthorized successes%n",
                cases.get(), allowed.get(), denied.get(), unauthorizedSuccesses.get());
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertEquals(0, unauthorizedSuccesses.get(), "requests that succeeded without the right");
    }

    @TestFactory
    Stream<DynamicTest> underBasicAuthentication() {
        return matrix(Mode.BASIC);
    }

    @TestFactory
    Stream<DynamicTest> underTokensFromTheBuiltInIssuer() {
        return matrix(Mode.TOKEN);
    }

    private Stream<DynamicTest> matrix(Mode mode) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Role role : Role.values()) {
                for (Whose whose : Whose.values()) {
                    tests.add(DynamicTest.dynamicTest(endpoint.name() + " by " + role + " on " + whose,
                            () -> repositoryCase(mode, endpoint, role, whose)));
                }
            }
            if (endpoint.name().startsWith("POST mount")) {
                for (Role role : Role.values()) {
                    tests.add(DynamicTest.dynamicTest("POST mount from a repository only admins may pull, by " + role,
                            () -> mountFromSecret(mode, role)));
                }
            }
        }
        for (Role role : Role.values()) {
            tests.add(DynamicTest.dynamicTest("GET /v2/ by " + role, () -> versionCheck(mode, role)));
            tests.add(DynamicTest.dynamicTest("GET _catalog by " + role, () -> catalog(mode, role)));
        }
        return tests.stream();
    }

    private void repositoryCase(Mode mode, Endpoint endpoint, Role role, Whose whose) {
        String repository = whose == Whose.OWN ? role.own() : role.others();
        Seed seed = new Seed(admin(mode), repository, seeds.incrementAndGet());
        HttpResponse<byte[]> response = endpoint.request().send(client(mode, role), repository, seed);
        boolean may = GRANTED.get(role).get(whose).containsAll(endpoint.needs());
        record(mode, role, may, endpoint.success(), response);
    }

    /** A mount needs pull on its source too; without it the registry starts a plain upload instead (202). */
    private void mountFromSecret(Mode mode, Role role) {
        String repository = role.own();
        Seed seed = new Seed(admin(mode), repository, seeds.incrementAndGet());
        HttpResponse<byte[]> response = client(mode, role).send("POST", "/v2/" + repository
                + "/blobs/uploads/?mount=" + seed.blobIn(SECRET) + "&from=" + SECRET, null);
        boolean mayPush = GRANTED.get(role).get(Whose.OWN).containsAll(EnumSet.of(Action.PULL, Action.PUSH));
        record(mode, role, mayPush, role == Role.ADMIN ? 201 : 202, response);
        if (mayPush && role != Role.ADMIN) {
            HttpResponse<byte[]> head = client(mode, role).send("HEAD", "/v2/" + repository + "/blobs/"
                    + seed.blobIn(SECRET), null);
            assertEquals(404, head.statusCode(), "the blob of " + SECRET + " must not have been mounted");
        }
    }

    /** {@code /v2/} is how clients learn to sign in: anonymous callers are challenged unless they bring a token. */
    private void versionCheck(Mode mode, Role role) {
        HttpResponse<byte[]> response = client(mode, role).get("/v2/");
        // under token authentication the client comes back with a token, anonymous or not, and is let in
        boolean may = role != Role.ANONYMOUS || mode == Mode.TOKEN;
        record(mode, role, may, 200, response);
    }

    /**
     * With a password, the catalog lists what the caller may pull (everything for admins). A token must
     * hold {@code registry:catalog:*}, which the issuer grants admins only, as in distribution.
     */
    private void catalog(Mode mode, Role role) {
        new Seed(admin(mode), SECRET, seeds.incrementAndGet()).manifest();
        new Seed(admin(mode), PUBLIC, seeds.incrementAndGet()).manifest();
        if (role.user != null) {
            new Seed(admin(mode), role.own(), seeds.incrementAndGet()).manifest();
        }
        HttpResponse<byte[]> response = client(mode, role).get("/v2/_catalog");
        boolean may = mode == Mode.BASIC || role == Role.ADMIN;
        record(mode, role, may, 200, response);
        if (!may) {
            return;
        }
        List<String> all = repositories(admin(mode).get("/v2/_catalog"));
        List<String> expected = all.stream().filter(name -> role == Role.ADMIN || name.startsWith("public/")
                || (role.user != null && name.startsWith(role.user.id() + "/"))).toList();
        assertEquals(expected, repositories(response), "the catalog " + role + " sees");
        assertTrue(all.contains(SECRET) && all.contains(PUBLIC), "the catalog holds " + all);
    }

    private void record(Mode mode, Role role, boolean may, int success, HttpResponse<byte[]> response) {
        cases.incrementAndGet();
        int status = response.statusCode();
        if (!may && status < 400) {
            unauthorizedSuccesses.incrementAndGet();
        }
        if (may) {
            allowed.incrementAndGet();
            assertEquals(success, status, () -> "allowed, but answered " + text(response));
            return;
        }
        denied.incrementAndGet();
        boolean challenged = mode == Mode.TOKEN || role == Role.ANONYMOUS;
        assertEquals(challenged ? 401 : 403, status, () -> "denied, but answered " + text(response));
        if (!response.request().method().equals("HEAD")) { // a HEAD answer has no body to read the code from
            Map<?, ?> error = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JsonReader.parse(response.body())).get("errors"))
                    .getFirst();
            assertEquals(challenged ? "UNAUTHORIZED" : "DENIED", error.get("code"), () -> text(response));
        }
        String challenge = RegistryClient.header(response, "WWW-Authenticate");
        if (mode == Mode.BASIC && challenged) {
            assertTrue(challenge != null && challenge.startsWith("Basic realm="), "challenge " + challenge);
        } else if (mode == Mode.TOKEN) {
            assertTrue(challenge != null && challenge.contains("error=\"insufficient_scope\""), "challenge " + challenge);
        }
    }

    private AuthenticatingClient client(Mode mode, Role role) {
        RunningRegistry registry = registries.get(mode);
        return role.user == null
                ? new AuthenticatingClient(registry.baseUri(), mode, Optional.empty(), "")
                : new AuthenticatingClient(registry.baseUri(), mode, Optional.of(role.user.id()), role.user.password());
    }

    private AuthenticatingClient admin(Mode mode) {
        return client(mode, Role.ADMIN);
    }

    private static List<String> repositories(HttpResponse<byte[]> catalog) {
        return ((List<?>) ((Map<?, ?>) JsonReader.parse(catalog.body())).get("repositories")).stream()
                .map(String.class::cast).toList();
    }

    /**
     * What a case needs in its repository, pushed by an admin when first asked for: a tagged manifest with
     * its blobs, an upload session, a blob in another repository to mount. Content is unique per case, so
     * a delete in one case never touches another's.
     */
    static final class Seed {
        private final AuthenticatingClient admin;
        private final String repository;
        final int id;
        private Digest layer;
        private Digest config;
        private Digest manifest;

        Seed(AuthenticatingClient admin, String repository, int id) {
            this.admin = admin;
            this.repository = repository;
            this.id = id;
        }

        String tag() {
            manifest();
            return "seed-" + id;
        }

        Digest layer() {
            if (layer == null) {
                layer = push(repository, ("layer of case " + id).getBytes(StandardCharsets.UTF_8));
            }
            return layer;
        }

        /** Bytes no other case uploads. */
        byte[] fresh() {
            return ("fresh bytes of case " + id).getBytes(StandardCharsets.UTF_8);
        }

        byte[] manifestBody() {
            layer();
            if (config == null) {
                config = push(repository, ("{\"case\":" + id + "}").getBytes(StandardCharsets.UTF_8));
            }
            int configSize = ("{\"case\":" + id + "}").getBytes(StandardCharsets.UTF_8).length;
            int layerSize = ("layer of case " + id).getBytes(StandardCharsets.UTF_8).length;
            return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize
                    + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                    + layer + "\",\"size\":" + layerSize + "}]}").getBytes(StandardCharsets.UTF_8);
        }

        Digest manifest() {
            if (manifest == null) {
                byte[] body = manifestBody();
                HttpResponse<byte[]> put = admin.send("PUT", "/v2/" + repository + "/manifests/seed-" + id, body,
                        "Content-Type", OCI_MANIFEST);
                assertEquals(201, put.statusCode(), () -> "seeding a manifest: " + text(put));
                manifest = Digest.sha256(body);
            }
            return manifest;
        }

        /** An upload session started by an admin: its path and query, as the Location header gives them. */
        String session() {
            HttpResponse<byte[]> post = admin.send("POST", "/v2/" + repository + "/blobs/uploads/", null);
            assertEquals(202, post.statusCode(), () -> "seeding an upload: " + text(post));
            String location = RegistryClient.header(post, "Location");
            return location.contains("?") ? location : location + "?";
        }

        /** A blob of this case pushed to {@code source}, for a mount. */
        Digest blobIn(String source) {
            return push(source, ("mountable blob of case " + id).getBytes(StandardCharsets.UTF_8));
        }

        private Digest push(String target, byte[] content) {
            Digest digest = Digest.sha256(content);
            HttpResponse<byte[]> response = admin.send("POST", "/v2/" + target + "/blobs/uploads/?digest=" + digest,
                    content, "Content-Type", "application/octet-stream");
            assertEquals(201, response.statusCode(), () -> "seeding a blob: " + text(response));
            return digest;
        }
    }
}
