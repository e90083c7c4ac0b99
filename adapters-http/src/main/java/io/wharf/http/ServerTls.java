package io.wharf.http;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.tls.TlsConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The files HTTPS is served from: the server's identity (PEM certificate chain and key, or a PKCS#12
 * keystore) and optionally a PEM bundle of the CAs whose client certificates are accepted (mutual TLS),
 * turned into Helidon's TLS settings each time they are loaded.
 */
record ServerTls(Identity identity, Optional<ClientCertificates> clients) {
    /** TLS 1.0 and 1.1 are broken and refused by every current client; distribution also defaults to 1.2. */
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Where the server's private key and certificate chain come from. */
    sealed interface Identity permits PemIdentity, Pkcs12Identity {
        List<Path> files();

        KeyAndChain load();
    }

    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    }

    /** A PEM certificate chain (server certificate first) and an unencrypted PKCS#8 PEM key. */
    record PemIdentity(Path certificateChain, Path privateKey) implements Identity {
        @Override
        public List<Path> files() {
            return List.of(certificateChain, privateKey);
        }

        @Override
        public KeyAndChain load() {
            requireReadable(certificateChain, "certificate chain");
            requireReadable(privateKey, "private key");
            Keys keys;
            try {
                keys = Keys.builder()
                        .pem(pem -> pem.key(Resource.create(privateKey)).certChain(Resource.create(certificateChain)))
                        .build();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot read the TLS key " + privateKey + " or certificates "
                        + certificateChain + " as PEM: " + e.getMessage(), e);
            }
            PrivateKey key = keys.privateKey().orElseThrow(() -> new IllegalArgumentException(
                    "no private key in " + privateKey + " (expected a PEM 'PRIVATE KEY' block)"));
            if (keys.certChain().isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certificateChain
                        + " (expected PEM 'CERTIFICATE' blocks)");
            }
            return new KeyAndChain(key, keys.certChain());
        }
    }

    /** A PKCS#12 keystore holding one private key entry with its chain; the password opens both. */
    record Pkcs12Identity(Path keystore, String password) implements Identity {
        @Override
        public List<Path> files() {
            return List.of(keystore);
        }

        @Override
        public KeyAndChain load() {
            requireReadable(keystore, "keystore");
            char[] secret = password.toCharArray();
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, secret);
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                        List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(alias))
                                .map(X509Certificate.class::cast).toList();
                        return new KeyAndChain(key, chain);
                    }
                }
                throw new IllegalArgumentException("the TLS keystore " + keystore + " holds no private key");
            } catch (IOException | GeneralSecurityException | ClassCastException e) {
                // a wrong password shows up as an IOException from load
                throw new IllegalArgumentException("cannot open the TLS keystore " + keystore
                        + " as PKCS#12 with the configured password: " + e.getMessage(), e);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** Client certificates signed by the CAs in {@code caBundle}: demanded, or only checked when offered. */
    record ClientCertificates(Path caBundle, boolean required) {
    }

    /** Every file this TLS setup is read from, so a change to any of them is noticed. */
    List<Path> files() {
        List<Path> files = new ArrayList<>(identity.files());
        clients.ifPresent(c -> files.add(c.caBundle()));
        return files;
    }

    Tls load() {
        KeyAndChain server = identity.load();
        TlsConfig.Builder tls = Tls.builder()
                .privateKey(server.key())
                .privateKeyCertChain(server.chain())
                .enabledProtocols(PROTOCOLS);
        clients.ifPresent(c -> tls.trust(trusted(c.caBundle()))
                .clientAuth(c.required() ? TlsClientAuth.REQUIRED : TlsClientAuth.OPTIONAL));
        return tls.build();
    }

    private static List<X509Certificate> trusted(Path bundle) {
        requireReadable(bundle, "client CA bundle");
        List<X509Certificate> cas;
        try {
            cas = Keys.builder().pem(pem -> pem.certificates(Resource.create(bundle))).build().certs();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the client CA bundle " + bundle + " as PEM: " + e.getMessage(), e);
        }
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the client CA bundle " + bundle);
        }
        return cas;
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the TLS " + what + " " + file + " is not a readable file");
        }
    }
}
