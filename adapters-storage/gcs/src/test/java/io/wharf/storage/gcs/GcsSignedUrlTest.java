package io.wharf.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirect URLs without a server: the driver is made by the factory from a generated key file, and each URL is
 * checked the way GCS checks it, by recomputing the V4 string-to-sign and verifying the RSA signature with the
 * key's public half. Whether GCS then serves the object is only verified against a real endpoint
 * ({@link GcsStorageDriverEmulatorTest} with a key file).
 */
class GcsSignedUrlTest {
    private static final String OBJECT_PATH = "/docker/registry/v2/blobs/sha256/ab/ab12cd34/data";

    @TempDir
    Path temp;

    private final ServiceAccountKeys account = ServiceAccountKeys.generate();

    @Test
    void aKeyFileGivesV4SignedGetUrlsThatVerifyWithItsPublicKey() throws Exception {
        try (StorageDriver driver = driver(Map.of("rootdirectory", "/registry/"))) {
            URI url = driver.redirectUrl(OBJECT_PATH, Duration.ofMinutes(20)).orElseThrow();
            assertEquals("https", url.getScheme());
            assertEquals("storage.googleapis.com", url.getHost());
            assertEquals("/wharf-bucket/registry/docker/registry/v2/blobs/sha256/ab/ab12cd34/data", url.getRawPath());
            Map<String, String> query = query(url);
            assertEquals("GOOG4-RSA-SHA256", query.get("X-Goog-Algorithm"));
            assertEquals("1200", query.get("X-Goog-Expires"));
            assertEquals("host", query.get("X-Goog-SignedHeaders"));
            assertTrue(query.get("X-Goog-Credential").startsWith(account.clientEmail().replace("@", "%40") + "%2F"),
                    query.get("X-Goog-Credential"));
            assertTrue(verifies(url, account.keys().getPublic()), "signature does not verify: " + url);
        }
    }

    @Test
    void aSignatureCoversTheObjectName() throws Exception {
        try (StorageDriver driver = driver(Map.of())) {
            URI one = driver.redirectUrl("/a/one", Duration.ofMinutes(5)).orElseThrow();
            URI two = driver.redirectUrl("/a/two", Duration.ofMinutes(5)).orElseThrow();
            assertTrue(verifies(one, account.keys().getPublic()));
            URI forged = URI.create(one.toString().replace("/a/one?", "/a/two?"));
            assertTrue(!verifies(forged, account.keys().getPublic()), "a URL for one object must not serve another");
            assertTrue(!verifies(two, ServiceAccountKeys.generate().keys().getPublic()), "verified with a foreign key");
        }
    }

    @Test
    void expiryIsCappedAtTheSevenDaysV4Allows() throws Exception {
        try (StorageDriver driver = driver(Map.of())) {
            URI url = driver.redirectUrl("/a/b", Duration.ofDays(30)).orElseThrow();
            assertEquals(String.valueOf(Duration.ofDays(7).toSeconds()), query(url).get("X-Goog-Expires"));
            assertTrue(verifies(url, account.keys().getPublic()));
        }
    }

    @Test
    void anEndpointOverrideIsTheHostThatIsSigned() throws Exception {
        try (StorageDriver driver = driver(Map.of("endpoint", "https://storage.internal.example:8443"))) {
            URI url = driver.redirectUrl("/a/b", Duration.ofMinutes(5)).orElseThrow();
            assertEquals("storage.internal.example", url.getHost());
            assertEquals(8443, url.getPort());
            assertTrue(verifies(url, account.keys().getPublic()));
        }
    }

    private StorageDriver driver(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("bucket", "wharf-bucket");
        values.put("keyfile", account.writeKeyFile(temp).toString());
        return new GcsStorageDriverFactory(Map.of()).create(new AdapterSettings("storage.gcs", values));
    }

    private static Map<String, String> query(URI url) {
        return Arrays.stream(url.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    /** GCS's V4 check: canonical request, then string-to-sign, then the RSA-SHA256 signature over it. */
    private static boolean verifies(URI url, PublicKey key) throws GeneralSecurityException, IOException {
        Map<String, String> query = query(url);
        String canonicalQuery = Arrays.stream(url.getRawQuery().split("&"))
                .filter(pair -> !pair.startsWith("X-Goog-Signature="))
                .sorted()
                .collect(Collectors.joining("&"));
        String host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        String canonicalRequest = String.join("\n", "GET", url.getRawPath(), canonicalQuery, "host:" + host, "",
                "host", "UNSIGNED-PAYLOAD");
        String credential = java.net.URLDecoder.decode(query.get("X-Goog-Credential"), StandardCharsets.UTF_8);
        String scope = credential.substring(credential.indexOf('/') + 1);
        String stringToSign = String.join("\n", "GOOG4-RSA-SHA256", query.get("X-Goog-Date"), scope,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        return signature.verify(HexFormat.of().parseHex(query.get("X-Goog-Signature")));
    }
}
