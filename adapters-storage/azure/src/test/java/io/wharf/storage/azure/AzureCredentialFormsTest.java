package io.wharf.storage.azure;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.StorageDriverFactories;
import io.wharf.storage.testkit.servers.AzuriteServer;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each credential form and the startup check, against Azurite, through the factory as bootstrap uses it. */
class AzureCredentialFormsTest {
    private static final String SECTION = "storage.azure";

    private static AzuriteServer azurite;

    private final String container = "forms-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

    @BeforeAll
    static void startAzurite() throws IOException {
        azurite = AzuriteServer.start();
    }

    @AfterAll
    static void stopAzurite() throws IOException {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void accountKeyWithEndpointCreatesTheContainerWhenAsked() throws IOException {
        try (StorageDriver driver = create(keyed(Map.of("createcontainer", "true")))) {
            assertEquals("azure", driver.name());
            exercise(driver);
            assertTrue(driver.redirectUrl("/a/b", Duration.ofMinutes(1)).isPresent());
        }
    }

    @Test
    void aConnectionStringWithTheKeyWorksAndSigns() throws IOException {
        createContainer();
        try (StorageDriver driver = create(Map.of("connectionstring", azurite.connectionString(), "container", container))) {
            exercise(driver);
            assertTrue(driver.redirectUrl("/a/b", Duration.ofMinutes(1)).isPresent());
        }
    }

    /** A SAS never leaves the driver, so there are no redirects; moves carry it to authorize the copy source. */
    @Test
    void aSasTokenWorksWithoutRedirects() throws IOException {
        createContainer();
        String sas = containerSas();
        try (StorageDriver driver = create(Map.of("endpoint", azurite.blobEndpoint(), "sastoken", "?" + sas,
                "container", container))) {
            exercise(driver);
            assertEquals(Optional.empty(), driver.redirectUrl("/a/b", Duration.ofMinutes(1)));
        }
        String connection = "BlobEndpoint=" + azurite.blobEndpoint() + ";SharedAccessSignature=" + sas;
        try (StorageDriver driver = create(Map.of("connectionstring", connection, "container", container))) {
            exercise(driver);
            assertEquals(Optional.empty(), driver.redirectUrl("/a/b", Duration.ofMinutes(1)));
        }
    }

    @Test
    void aMissingContainerFailsTheStartNamingItsKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> create(keyed(Map.of())));
        assertEquals("storage.azure.container", e.key());
        assertTrue(e.getMessage().contains("createcontainer"), e.getMessage());
    }

    @Test
    void aWrongKeyFailsTheStartNamingItsKeyButNotShowingIt() throws IOException {
        createContainer();
        String wrong = Base64.getEncoder().encodeToString(utf8("a wrong key, 32 bytes long......"));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> create(keyed(Map.of("accountkey", wrong))));
        assertEquals("storage.azure.accountkey", e.key());
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    /** Put, append across writers, list, move (a server-side copy), redirect-free reads and delete. */
    private static void exercise(StorageDriver driver) throws IOException {
        driver.putContent("/a/b", utf8("put"));
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("one;"), 0, 4);
        }
        try (StorageWriter writer = driver.writer("/up/data", true)) {
            writer.write(utf8("two"), 0, 3);
            writer.commit();
        }
        driver.move("/up/data", "/blobs/x");
        assertArrayEquals(utf8("one;two"), driver.getContent("/blobs/x"));
        assertEquals(List.of("/a", "/blobs"), driver.list("/"));
        driver.delete("/blobs");
        assertEquals(List.of("/a"), driver.list("/"));
    }

    private StorageDriver create(Map<String, String> values) {
        return StorageDriverFactories.byName("azure").orElseThrow().create(new AdapterSettings(SECTION, values));
    }

    private Map<String, String> keyed(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("accountname", azurite.accountName(),
                "accountkey", azurite.accountKey(), "endpoint", azurite.blobEndpoint(), "container", container));
        values.putAll(extra);
        return values;
    }

    private AzureConnection raw() {
        return new AzureConnection(AzureStorageDriverFactory.parse(new AdapterSettings(SECTION, keyed(Map.of()))));
    }

    private void createContainer() {
        try (AzureConnection raw = raw()) {
            raw.container().create();
        }
    }

    /** What an operator would issue: a container SAS with exactly the permissions docs/storage-azure.md lists. */
    private String containerSas() {
        try (AzureConnection raw = raw()) {
            return raw.container().generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                    BlobContainerSasPermission.parse("rwdl")));
        }
    }
}
