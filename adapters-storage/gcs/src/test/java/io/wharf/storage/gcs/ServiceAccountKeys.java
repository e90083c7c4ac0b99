package io.wharf.storage.gcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A service account key made up for tests: a fresh RSA key pair in the JSON layout Google's console downloads.
 * Nothing accepts it but this process, which is all signing needs: a V4 signature is computed locally.
 */
record ServiceAccountKeys(KeyPair keys, String clientEmail) {
    static final String PROJECT = "wharf-test-project";

    static ServiceAccountKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServiceAccountKeys(generator.generateKeyPair(), "wharf-signer@" + PROJECT + ".iam.gserviceaccount.com");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key file into {@code directory} and returns its path. */
    Path writeKeyFile(Path directory) {
        return writeKeyFile(directory, "https://oauth2.googleapis.com/token");
    }

    /**
     * With {@code tokenUri} where a client exchanges the key for access tokens: tests that send requests point
     * it at a loopback port, so nothing ever goes to Google.
     */
    Path writeKeyFile(Path directory, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String json = """
                {
                  "type": "service_account",
                  "project_id": "%s",
                  "private_key_id": "0123456789abcdef",
                  "private_key": "%s",
                  "client_email": "%s",
                  "client_id": "100000000000000000001",
                  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                  "token_uri": "%s"
                }
                """.formatted(PROJECT, pem.replace("\n", "\\n"), clientEmail, tokenUri);
        try {
            return Files.writeString(directory.resolve("service-account.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
