package io.wharf.bootstrap.access;

import io.wharf.bootstrap.logging.AccessLog;
import io.wharf.bootstrap.logging.JsonLineFormatter;
import io.wharf.bootstrap.logging.TextLineFormatter;
import io.wharf.bootstrap.testing.AuthenticatingClient;
import io.wharf.bootstrap.testing.AuthenticatingClient.Mode;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry.User;
import io.wharf.domain.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every log line of a registry under access control, at every level down to the finest and in every
 * format (java.util.logging's own, Wharf's JSON and text lines, stack traces included), holds no
 * password, token or {@code Authorization} header value — whether the credentials were right, wrong,
 * garbled or forged, and whether they reached the registry or the token endpoint. The access log names
 * the route template, never the path's query string.
 */
@Timeout(120)
class SecretsStayOutOfLogsTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> accessLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final JsonLineFormatter json = new JsonLineFormatter();
        private final TextLineFormatter readable = new TextLineFormatter();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(formatter.format(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(text.toString());
            String jsonLine = json.format(record);
            lines.add(jsonLine);
            lines.add(readable.format(record));
            if (AccessLog.LOGGER.equals(record.getLoggerName())) {
                accessLines.add(jsonLine);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @TempDir
    Path dir;

    @BeforeEach
    void captureEverything() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restore() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    @Test
    void noSecretReachesTheLogs() {
        List<String> secrets = new ArrayList<>();
        try (RunningRegistry basic = SecuredRegistry.withHtpasswd(dir.resolve("basic"), Map.of());
             RunningRegistry token = SecuredRegistry.withTokenIssuer(dir.resolve("token"), Map.of())) {
            for (User user : User.values()) {
                secrets.add(user.password());
                secrets.add(basicHeader(user.id(), user.password()));
                exercise(basic, Mode.BASIC, user.id(), user.password());
                exercise(token, Mode.TOKEN, user.id(), user.password());
            }
            String wrong = "Wr0ng-Pa55word-xyz";
            secrets.add(wrong);
            secrets.add(basicHeader("writer", wrong));
            exercise(basic, Mode.BASIC, "writer", wrong);
            exercise(token, Mode.TOKEN, "writer", wrong);

            RegistryClient raw = new RegistryClient(token.baseUri());
            String issued = (String) ((Map<?, ?>) JsonReader.parse(raw.get("/auth/token?service="
                    + SecuredRegistry.SERVICE + "&scope=repository:writer/app:pull,push", "Authorization",
                    basicHeader("writer", User.WRITER.password())).body())).get("token");
            secrets.add(issued);
            secrets.add(issued.substring(issued.lastIndexOf('.') + 1)); // the signature alone
            String forged = issued.substring(0, issued.lastIndexOf('.') + 1) + "AAAA" + issued.substring(
                    issued.lastIndexOf('.') + 5);
            secrets.add(forged.substring(forged.lastIndexOf('.') + 1));
            assertEquals(401, raw.get("/v2/writer/app/tags/list", "Authorization", "Bearer " + forged).statusCode());
            String garbage = "Garbage-Token-Value-123";
            secrets.add(garbage);
            assertEquals(401, raw.get("/v2/", "Authorization", "Bearer " + garbage).statusCode());
            assertEquals(401, raw.get("/v2/", "Authorization", "Digest " + garbage).statusCode());
            HttpResponse<byte[]> form = raw.send("POST", "/auth/token", ("grant_type=password&service="
                    + SecuredRegistry.SERVICE + "&username=admin&password=" + wrong).getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(401, form.statusCode());
            HttpResponse<byte[]> refresh = raw.send("POST", "/auth/token", ("grant_type=refresh_token&service="
                    + SecuredRegistry.SERVICE + "&refresh_token=" + garbage).getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(401, refresh.statusCode());
        }
        assertFalse(lines.isEmpty(), "nothing was logged, so nothing was checked");
        assertTrue(lines.stream().anyMatch(l -> l.contains("htpasswd authentication")),
                "the start line names the access control mode");
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a secret reached the logs:\n" + line);
            }
        }
        assertTrue(accessLines.size() > 20, "the requests have no access lines: " + accessLines.size());
        assertTrue(accessLines.stream().anyMatch(l -> l.contains("\"route\":\"/auth/token\"")
                && l.contains("\"status\":401")), "no access line for a refused token request");
        for (String line : accessLines) {
            // query strings (digest=, scope=, refresh_token=) and header names stay out of the access log
            assertFalse(line.contains("?") || line.contains("digest=") || line.contains("scope=")
                    || line.contains("Authorization") || line.contains("Basic ") || line.contains("Bearer "), line);
        }
        System.out.printf("secrets in logs: %d log lines (records at level ALL, in three formats) checked against "
                        + "%d secrets%n",
                lines.size(), secrets.size());
    }

    /** Signs in, pushes, pulls and is refused, as a client of {@code mode} with these credentials. */
    private static void exercise(RunningRegistry registry, Mode mode, String user, String password) {
        AuthenticatingClient client = new AuthenticatingClient(registry.baseUri(), mode, Optional.of(user), password);
        client.get("/v2/");
        byte[] blob = ("blob of " + user).getBytes(StandardCharsets.UTF_8);
        client.send("POST", "/v2/" + user + "/app/blobs/uploads/?digest="
                + io.wharf.domain.model.Digest.sha256(blob), blob, "Content-Type", "application/octet-stream");
        client.get("/v2/" + user + "/app/tags/list");
        client.get("/v2/admin/app/tags/list");
        client.get("/v2/_catalog");
    }

    private static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
