package io.wharf.storage.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.storage.testkit.StorageDriverFactories;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Settings are checked before any request is made, so none of this needs a server. */
class AzureStorageDriverFactoryTest {
    private static final String SECTION = "storage.azure";
    private static final String KEY = "c2VjcmV0LWtleS1ieXRlcw==";

    private final StorageDriverFactory factory = new AzureStorageDriverFactory();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        StorageDriverFactory found = StorageDriverFactories.byName("azure").orElseThrow();
        assertInstanceOf(AzureStorageDriverFactory.class, found);
        assertEquals(Set.of("accountname", "accountkey", "connectionstring", "sastoken", "container", "realm", "endpoint",
                "rootdirectory", "blocksize", "parallelblocks", "maxretries", "createcontainer"), found.settingKeys());
    }

    @Test
    void defaultsAreThePublicCloudAndDocumentedSizes() {
        AzureSettings settings = AzureStorageDriverFactory.parse(settings(valid()));
        assertEquals("https://acct1.blob.core.windows.net", settings.endpoint());
        assertEquals(8 << 20, settings.blockSize());
        assertEquals(4, settings.parallelBlocks());
        assertEquals(3, settings.maxRetries());
        assertFalse(settings.createContainer());
        assertEquals(new BlobNames(""), settings.names());
        assertEquals(new AzureCredential.SharedKey("acct1", KEY), settings.credential());
        assertFalse(settings.credential().toString().contains(KEY), "toString shows the key");
    }

    @Test
    void realmEndpointAndRootDirectoryShapeNames() {
        Map<String, String> values = valid();
        values.put("realm", "core.chinacloudapi.cn");
        values.put("rootdirectory", "/registry/v2-root/");
        AzureSettings settings = AzureStorageDriverFactory.parse(settings(values));
        assertEquals("https://acct1.blob.core.chinacloudapi.cn", settings.endpoint());
        assertEquals("registry/v2-root/docker/x", settings.names().blob("/docker/x"));
        assertEquals("registry/v2-root/", settings.names().directoryPrefix("/"));

        values.remove("realm");
        values.put("endpoint", "http://127.0.0.1:10000/acct1/");
        assertEquals("http://127.0.0.1:10000/acct1", AzureStorageDriverFactory.parse(settings(values)).endpoint());
    }

    @Test
    void sasTokenAndConnectionStringAreCredentialsToo() {
        AzureSettings sas = AzureStorageDriverFactory.parse(settings(Map.of("accountname", "acct1",
                "sastoken", "?sv=2024-11-04&sp=racwdl&sig=abc%3D", "container", "registry")));
        assertEquals(new AzureCredential.SasToken("sv=2024-11-04&sp=racwdl&sig=abc%3D"), sas.credential());
        assertFalse(sas.credential().canSign());

        AzureSettings sasWithEndpoint = AzureStorageDriverFactory.parse(settings(Map.of("endpoint",
                "https://acct1.blob.core.windows.net", "sastoken", "sig=x", "container", "registry")));
        assertEquals("https://acct1.blob.core.windows.net", sasWithEndpoint.endpoint());

        AzureSettings keyed = AzureStorageDriverFactory.parse(settings(Map.of("connectionstring",
                "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=" + KEY + ";EndpointSuffix=core.windows.net",
                "container", "registry")));
        assertTrue(keyed.credential().canSign());
        AzureSettings signed = AzureStorageDriverFactory.parse(settings(Map.of("connectionstring",
                "BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=sv=1&sig=x", "container", "registry")));
        assertFalse(signed.credential().canSign());
        assertEquals(new AzureCredential.ConnectionString(
                "BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=sv=1&sig=x", false, "sv=1&sig=x"),
                signed.credential());
    }

    @Test
    void anUnknownKeyIsRejected() {
        Map<String, String> values = valid();
        values.put("chunksize", "100");
        InvalidSettingException e = rejected(values, "chunksize");
        assertTrue(e.getMessage().contains("blocksize"), e.getMessage());
    }

    @Test
    void exactlyOneCredentialFormIsRequired() {
        Map<String, String> none = valid();
        none.remove("accountkey");
        assertTrue(rejected(none, "accountkey").getMessage().contains("sastoken"));

        Map<String, String> two = valid();
        two.put("sastoken", "sig=x");
        assertTrue(rejected(two, "sastoken").getMessage().contains("storage.azure.accountkey"));

        Map<String, String> three = valid();
        three.put("connectionstring", "AccountName=a;AccountKey=" + KEY);
        rejected(three, "connectionstring");
    }

    @Test
    void aConnectionStringCarriesTheAccountAndEndpoint() {
        for (String conflicting : new String[] {"accountname", "realm", "endpoint"}) {
            Map<String, String> values = new HashMap<>(Map.of("connectionstring",
                    "AccountName=acct1;AccountKey=" + KEY, "container", "registry"));
            values.put(conflicting, conflicting.equals("endpoint") ? "https://x.example" : "acct1");
            rejected(values, conflicting);
        }
        rejected(Map.of("connectionstring", "AccountName=acct1", "container", "registry"), "connectionstring");
        rejected(Map.of("connectionstring", "AccountKey=" + KEY, "container", "registry"), "connectionstring");
    }

    @Test
    void anAccountKeyNeedsItsAccountName() {
        Map<String, String> values = valid();
        values.remove("accountname");
        rejected(values, "accountname");
        Map<String, String> withEndpoint = valid();
        withEndpoint.remove("accountname");
        withEndpoint.put("endpoint", "https://acct1.blob.core.windows.net");
        rejected(withEndpoint, "accountname");
    }

    @Test
    void badValuesNameTheirKey() {
        assertBad("accountname", "Not_An_Account");
        assertBad("container", "Bad_Name");
        assertBad("container", "ab");
        assertBad("container", "double--hyphen");
        assertBad("container", "  ");
        assertBad("realm", "https://core.windows.net/");
        assertBad("endpoint", "ftp://acct1.example");
        assertBad("endpoint", "https://acct1.blob.core.windows.net?sv=1&sig=x");
        assertBad("endpoint", "not a url");
        assertBad("rootdirectory", "a/../b");
        assertBad("rootdirectory", "a//b");
        assertBad("blocksize", "8MiB");
        assertBad("blocksize", Integer.toString((1 << 20) - 1));
        assertBad("blocksize", Integer.toString((256 << 20) + 1));
        assertBad("parallelblocks", "0");
        assertBad("parallelblocks", "65");
        assertBad("maxretries", "-1");
        assertBad("createcontainer", "yes");
        assertBad("sastoken", "sv=2024-11-04&sp=r");
    }

    @Test
    void realmAndEndpointAreAlternatives() {
        Map<String, String> values = valid();
        values.put("realm", "core.windows.net");
        values.put("endpoint", "https://acct1.blob.core.windows.net");
        rejected(values, "realm");
    }

    @Test
    void aMalformedKeyIsRejectedWithoutShowingIt() {
        Map<String, String> values = valid();
        values.put("accountkey", "not base64 but a secret!");
        InvalidSettingException e = rejected(values, "accountkey");
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void theContainerIsRequired() {
        Map<String, String> values = valid();
        values.remove("container");
        rejected(values, "container");
    }

    private void assertBad(String key, String value) {
        Map<String, String> values = valid();
        if (key.equals("sastoken")) {
            values.remove("accountkey");
        }
        if (key.equals("endpoint")) {
            values.remove("realm");
        }
        values.put(key, value);
        rejected(values, key);
    }

    private InvalidSettingException rejected(Map<String, String> values, String key) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> factory.create(settings(values)),
                () -> "accepted " + key + " in " + values.keySet());
        assertEquals(SECTION + "." + key, e.key(), e.getMessage());
        return e;
    }

    private static Map<String, String> valid() {
        return new HashMap<>(Map.of("accountname", "acct1", "accountkey", KEY, "container", "registry"));
    }

    private static AdapterSettings settings(Map<String, String> values) {
        return new AdapterSettings(SECTION, values);
    }
}
