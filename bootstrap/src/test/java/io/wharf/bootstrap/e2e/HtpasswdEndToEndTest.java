package io.wharf.bootstrap.e2e;

import io.wharf.bootstrap.testing.AuthenticatingClient;
import io.wharf.bootstrap.testing.AuthenticatingClient.Mode;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Basic authentication against an htpasswd file written by {@code htpasswd -B}: skopeo with
 * {@code --creds} and after {@code skopeo login}, Jib with credentials, and a changed file taking
 * effect without a restart.
 */
@Timeout(180)
class HtpasswdEndToEndTest {
    private static Path work;
    private static RunningRegistry registry;
    private static Skopeo skopeo;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-htpasswd-e2e");
        skopeo = Skopeo.locate(work);
        registry = SecuredRegistry.withHtpasswd(work.resolve("secured"), Map.of());
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
    void skopeoPushesAndPullsWithCredentialsAndIsRefusedWithoutTheRight() throws IOException {
        OciLayout image = AccessImages.small(work.resolve("source"), 1);
        String ref = "docker://" + registry.authority() + "/writer/app:v1";
        String writer = "--dest-creds=" + User.WRITER.id() + ":" + User.WRITER.password();

        ExternalProcess.Result anonymous = skopeo.attempt("copy", "--dest-tls-verify=false",
                "oci:" + image.layout() + ":v1", ref);
        assertNotEquals(0, anonymous.exitCode(), "a push without credentials must fail\n" + anonymous.describe());
        assertTrue(anonymous.stderr().toLowerCase().contains("unauthorized")
                || anonymous.stderr().toLowerCase().contains("authentication required"), anonymous.describe());

        skopeo.run("copy", "--dest-tls-verify=false", writer, "oci:" + image.layout() + ":v1", ref);
        Path pulled = work.resolve("pulled");
        skopeo.run("copy", "--src-tls-verify=false", "--src-creds=" + User.WRITER.id() + ":" + User.WRITER.password(),
                ref, "oci:" + pulled + ":v1");
        assertEquals(image.manifestDigest(), OciLayout.taggedManifest(pulled, "v1"));

        // reader may pull its own namespace only: denied (403), so skopeo gives up rather than retrying
        ExternalProcess.Result reader = skopeo.attempt("copy", "--src-tls-verify=false",
                "--src-creds=" + User.READER.id() + ":" + User.READER.password(), ref, "oci:" + work.resolve("no") + ":v1");
        assertNotEquals(0, reader.exitCode(), reader.describe());
        assertTrue(reader.stderr().toLowerCase().contains("denied"), reader.describe());
    }

    @Test
    void skopeoLoginStoresCredentialsThatLaterCommandsUse() throws IOException {
        ExternalProcess.Result wrong = skopeo.attempt("login", "--tls-verify=false", "-u", User.ADMIN.id(), "-p",
                "not-the-password", registry.authority());
        assertNotEquals(0, wrong.exitCode(), wrong.describe());

        skopeo.run("login", "--tls-verify=false", "-u", User.ADMIN.id(), "-p", User.ADMIN.password(),
                registry.authority());
        OciLayout image = AccessImages.small(work.resolve("login-source"), 2);
        String ref = "docker://" + registry.authority() + "/team/logged-in:v1";
        skopeo.run("copy", "--dest-tls-verify=false", "oci:" + image.layout() + ":v1", ref);
        ExternalProcess.Result tags = skopeo.run("list-tags", "--tls-verify=false", "docker://" + registry.authority()
                + "/team/logged-in");
        assertTrue(tags.stdout().contains("\"v1\""), tags.describe());

        skopeo.run("logout", registry.authority());
        ExternalProcess.Result afterLogout = skopeo.attempt("list-tags", "--tls-verify=false",
                "docker://" + registry.authority() + "/team/logged-in");
        assertNotEquals(0, afterLogout.exitCode(), afterLogout.describe());
    }

    @Test
    void jibPushesAndPullsWithCredentials() throws Exception {
        String image = registry.authority() + "/admin/jib:1";
        AccessImages.JibRoundTrip roundTrip = AccessImages.jibRoundTrip(work.resolve("jib"), image,
                User.ADMIN.id(), User.ADMIN.password());
        assertEquals(roundTrip.pushed().getImageId(), roundTrip.pulled().getImageId());
    }

    @Test
    void aChangedHtpasswdFileTakesEffectWithoutARestart() throws Exception {
        Path dir = work.resolve("rotating");
        try (RunningRegistry rotating = SecuredRegistry.withHtpasswd(dir, Map.of())) {
            AuthenticatingClient oldWriter = client(rotating, User.WRITER.id(), User.WRITER.password());
            AuthenticatingClient newWriter = client(rotating, User.WRITER.id(), "writer-N3w-word");
            AuthenticatingClient deleter = client(rotating, User.DELETER.id(), User.DELETER.password());
            assertEquals(200, oldWriter.get("/v2/").statusCode());
            assertEquals(200, deleter.get("/v2/").statusCode(), "signed in once, so its check may be remembered");
            assertEquals(401, newWriter.get("/v2/").statusCode());

            // as an operator does: write the new file beside the old one, then move it into place
            Path next = SecuredRegistry.copy("htpasswd-rotated", dir);
            Files.move(next, dir.resolve("htpasswd"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            List<Integer> seen = List.of();
            for (int attempt = 0; attempt < 50; attempt++) {
                seen = List.of(oldWriter.get("/v2/").statusCode(), newWriter.get("/v2/").statusCode(),
                        deleter.get("/v2/").statusCode());
                if (seen.equals(List.of(401, 200, 401))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(List.of(401, 200, 401), seen,
                    "old password, new password, removed user: the new file was not in force within 5 s");
        }
    }

    @Test
    void aWrongPasswordIsChallengedAndNeverEchoed() {
        HttpResponse<byte[]> wrong = client(registry, User.WRITER.id(), "Guessed-Secret-42").get("/v2/writer/app/tags/list");
        assertEquals(401, wrong.statusCode());
        assertEquals("Basic realm=\"Wharf Registry\"", header(wrong, "WWW-Authenticate"));
        assertTrue(text(wrong).contains("UNAUTHORIZED"), text(wrong));
        assertTrue(!text(wrong).contains("Guessed-Secret-42"), text(wrong));

        HttpResponse<byte[]> garbled = new io.wharf.bootstrap.testing.RegistryClient(registry.baseUri())
                .get("/v2/", "Authorization", "Basic !!!not-base64");
        assertEquals(401, garbled.statusCode(), text(garbled));
        assertTrue(new String(garbled.body(), StandardCharsets.UTF_8).contains("base64"), text(garbled));
    }

    private static AuthenticatingClient client(RunningRegistry target, String user, String password) {
        return new AuthenticatingClient(target.baseUri(), Mode.BASIC, Optional.of(user), password);
    }
}
