package io.wharf.bootstrap.e2e;

import io.wharf.bootstrap.testing.AuthenticatingClient;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry.User;
import io.wharf.domain.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docker token authentication with the built-in issuer at {@code /auth/token}: skopeo and Jib follow
 * the Bearer challenge with their credentials; the OAuth2 POST flow hands out refresh tokens; and a
 * second registry with no issuer of its own trusts the first one's tokens through a certificate bundle,
 * as a registry behind an external issuer (Harbor, GitLab, docker_auth) does.
 */
@Timeout(240)
class TokenEndToEndTest {
    private static Path work;
    private static Path signingKey;
    private static Path signingCertificate;
    private static RunningRegistry registry;
    private static RegistryClient plain;
    private static Skopeo skopeo;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-token-e2e");
        skopeo = Skopeo.locate(work);
        signingKey = work.resolve("issuer.key");
        signingCertificate = work.resolve("issuer.crt");
        TestCertificates.openssl(work, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-out", signingKey.toString());
        TestCertificates.openssl(work, "req", "-x509", "-new", "-key", signingKey.toString(), "-days", "2",
                "-subj", "/CN=wharf-test-issuer", "-out", signingCertificate.toString());
        registry = SecuredRegistry.withTokenIssuer(work.resolve("issuer"), Map.of("auth.issuer.key", signingKey.toString()));
        plain = new RegistryClient(registry.baseUri());
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (work != null) {
            SkopeoEndToEndTest.deleteRecursively(work);
        }
    }

    @Test
    void requestsWithoutATokenAreChallengedWithTheScopeTheyNeed() {
        HttpResponse<byte[]> response = plain.get("/v2/public/app/tags/list");
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"" + registry.baseUri().resolve("/auth/token") + "\",service=\""
                + SecuredRegistry.SERVICE + "\",scope=\"repository:public/app:pull\"", header(response, "WWW-Authenticate"));
        HttpResponse<byte[]> push = plain.send("POST", "/v2/writer/app/blobs/uploads/", null);
        assertTrue(header(push, "WWW-Authenticate").endsWith("scope=\"repository:writer/app:pull,push\""),
                header(push, "WWW-Authenticate"));
    }

    @Test
    void skopeoPushesAndPullsWithCredentialsThroughTheIssuer() throws IOException {
        OciLayout image = AccessImages.small(work.resolve("source"), 11);
        String ref = "docker://" + registry.authority() + "/writer/tokens:v1";
        skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds=" + User.WRITER.id() + ":" + User.WRITER.password(),
                "oci:" + image.layout() + ":v1", ref);
        Path pulled = work.resolve("pulled");
        skopeo.run("copy", "--src-tls-verify=false", "--src-creds=" + User.WRITER.id() + ":" + User.WRITER.password(),
                ref, "oci:" + pulled + ":v1");
        assertEquals(image.manifestDigest(), OciLayout.taggedManifest(pulled, "v1"));

        ExternalProcess.Result wrong = skopeo.attempt("copy", "--src-tls-verify=false",
                "--src-creds=" + User.WRITER.id() + ":wrong", ref, "oci:" + work.resolve("nope") + ":v1");
        assertNotEquals(0, wrong.exitCode(), wrong.describe());
        ExternalProcess.Result reader = skopeo.attempt("copy", "--src-tls-verify=false",
                "--src-creds=" + User.READER.id() + ":" + User.READER.password(), ref, "oci:" + work.resolve("no") + ":v1");
        assertNotEquals(0, reader.exitCode(), "the reader's token does not grant writer/tokens\n" + reader.describe());
    }

    @Test
    void skopeoLoginAgainstTheIssuer() throws IOException {
        ExternalProcess.Result wrong = skopeo.attempt("login", "--tls-verify=false", "-u", User.ADMIN.id(), "-p",
                "wrong", registry.authority());
        assertNotEquals(0, wrong.exitCode(), wrong.describe());
        skopeo.run("login", "--tls-verify=false", "-u", User.ADMIN.id(), "-p", User.ADMIN.password(),
                registry.authority());
        OciLayout image = AccessImages.small(work.resolve("login-source"), 12);
        skopeo.run("copy", "--dest-tls-verify=false", "oci:" + image.layout() + ":v1",
                "docker://" + registry.authority() + "/team/via-login:v1");
        ExternalProcess.Result tags = skopeo.run("list-tags", "--tls-verify=false",
                "docker://" + registry.authority() + "/team/via-login");
        assertTrue(tags.stdout().contains("\"v1\""), tags.describe());
        skopeo.run("logout", registry.authority());
    }

    @Test
    void jibPushesAndPullsWithCredentialsThroughTheIssuer() throws Exception {
        AccessImages.JibRoundTrip roundTrip = AccessImages.jibRoundTrip(work.resolve("jib"),
                registry.authority() + "/writer/jib:1", User.WRITER.id(), User.WRITER.password());
        assertEquals(roundTrip.pushed().getImageId(), roundTrip.pulled().getImageId());
    }

    @Test
    void tokensGrantWhatWasAskedAndThePolicyAllowsNoMore() {
        Map<?, ?> issued = json(plain.get("/auth/token?service=" + SecuredRegistry.SERVICE
                + "&scope=repository:writer/app:pull,push,delete&scope=repository:admin/app:pull", "Authorization",
                basic(User.WRITER)));
        assertEquals(List.of(Map.of("type", "repository", "name", "writer/app", "actions", List.of("pull", "push"))),
                claims((String) issued.get("token")).get("access"));
        assertEquals(issued.get("token"), issued.get("access_token"));
        assertTrue(((Number) issued.get("expires_in")).intValue() >= 60, issued.toString());

        Map<?, ?> anonymous = json(plain.get("/auth/token?service=" + SecuredRegistry.SERVICE
                + "&scope=repository:public/app:pull,push"));
        assertEquals(List.of(Map.of("type", "repository", "name", "public/app", "actions", List.of("pull"))),
                claims((String) anonymous.get("token")).get("access"));
        Object subject = claims((String) anonymous.get("token")).get("sub");
        assertTrue(subject == null || subject.equals(""), "an anonymous token names nobody: " + subject);

        HttpResponse<byte[]> wrongService = plain.get("/auth/token?service=elsewhere", "Authorization", basic(User.WRITER));
        assertEquals(400, wrongService.statusCode(), text(wrongService));
        HttpResponse<byte[]> wrongPassword = plain.get("/auth/token?service=" + SecuredRegistry.SERVICE,
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("writer:nope".getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, wrongPassword.statusCode(), text(wrongPassword));
    }

    @Test
    void theOAuth2FlowHandsOutRefreshTokensThatAreNeverAccessTokens() {
        String scope = "repository:reader/app:pull";
        HttpResponse<byte[]> password = form("grant_type=password&client_id=e2e&access_type=offline&service="
                + SecuredRegistry.SERVICE + "&scope=" + encode(scope) + "&username=reader&password="
                + encode(User.READER.password()));
        assertEquals(200, password.statusCode(), text(password));
        Map<?, ?> first = json(password);
        assertEquals(scope, first.get("scope"));
        String refresh = (String) first.get("refresh_token");
        assertTrue(refresh != null && !refresh.isEmpty(), first.toString());

        Map<?, ?> renewed = json(form("grant_type=refresh_token&client_id=e2e&service=" + SecuredRegistry.SERVICE
                + "&scope=" + encode(scope) + "&refresh_token=" + encode(refresh)));
        String access = (String) renewed.get("access_token");
        assertEquals("reader", claims(access).get("sub"));
        HttpResponse<byte[]> withRenewed = plain.get("/v2/reader/app/tags/list", "Authorization", "Bearer " + access);
        assertEquals(404, withRenewed.statusCode(), "let in, to a repository nobody pushed yet: " + text(withRenewed));

        HttpResponse<byte[]> refreshAsAccess = plain.get("/v2/reader/app/tags/list", "Authorization", "Bearer " + refresh);
        assertEquals(401, refreshAsAccess.statusCode(), text(refreshAsAccess));
        assertTrue(header(refreshAsAccess, "WWW-Authenticate").contains("error=\"invalid_token\""));

        HttpResponse<byte[]> wrong = form("grant_type=password&client_id=e2e&service=" + SecuredRegistry.SERVICE
                + "&username=reader&password=wrong");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_grant", json(wrong).get("error"));
        HttpResponse<byte[]> unknownGrant = form("grant_type=client_credentials&service=" + SecuredRegistry.SERVICE);
        assertEquals(400, unknownGrant.statusCode());
        assertEquals("unsupported_grant_type", json(unknownGrant).get("error"));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = (String) json(plain.get("/auth/token?service=" + SecuredRegistry.SERVICE
                + "&scope=repository:reader/app:pull", "Authorization", basic(User.READER))).get("token");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("reader/app", "admin/app");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        HttpResponse<byte[]> response = plain.get("/v2/admin/app/tags/list", "Authorization", "Bearer " + forged);
        assertEquals(401, response.statusCode(), text(response));
        assertTrue(header(response, "WWW-Authenticate").contains("error=\"invalid_token\""));
    }

    /** A registry without an issuer of its own, trusting the first registry's signing certificate. */
    @Test
    void aRegistryTrustsAnExternalIssuerThroughItsCertificateBundle() throws IOException {
        Map<String, String> settings = new HashMap<>(SecuredRegistry.tokenSettings(
                registry.baseUri().resolve("/auth/token").toString()));
        settings.put("auth.token.rootcertbundle", signingCertificate.toString());
        try (RunningRegistry relying = RunningRegistry.start(Files.createDirectories(work.resolve("relying")), settings)) {
            OciLayout image = AccessImages.small(work.resolve("relying-source"), 13);
            String ref = "docker://" + relying.authority() + "/writer/relying:v1";
            skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds=" + User.WRITER.id() + ":" + User.WRITER.password(),
                    "oci:" + image.layout() + ":v1", ref);
            ExternalProcess.Result tags = skopeo.run("list-tags", "--tls-verify=false",
                    "--creds=" + User.WRITER.id() + ":" + User.WRITER.password(), "docker://" + relying.authority()
                            + "/writer/relying");
            assertTrue(tags.stdout().contains("\"v1\""), tags.describe());
            HttpResponse<byte[]> own = new AuthenticatingClient(relying.baseUri(), AuthenticatingClient.Mode.TOKEN,
                    java.util.Optional.of(User.READER.id()), User.READER.password()).get("/v2/writer/relying/tags/list");
            assertEquals(401, own.statusCode(), "the issuer's policy still decides: " + text(own));
            assertEquals(404, plain.get("/v2/writer/relying/tags/list", "Authorization", "Bearer "
                    + json(plain.get("/auth/token?service=" + SecuredRegistry.SERVICE
                    + "&scope=repository:writer/relying:pull", "Authorization", basic(User.WRITER))).get("token"))
                    .statusCode(), "the image went to the relying registry, not to the issuer's");
        }
    }

    private static HttpResponse<byte[]> form(String body) {
        return plain.send("POST", "/auth/token", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    private static String basic(User user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.id() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Map<?, ?> json(HttpResponse<byte[]> response) {
        return (Map<?, ?>) JsonReader.parse(response.body());
    }

    /** The claims of a JWT, read without checking it: the registry's job, not the test's. */
    private static Map<?, ?> claims(String token) {
        return (Map<?, ?>) JsonReader.parse(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
