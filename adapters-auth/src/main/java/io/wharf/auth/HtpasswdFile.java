package io.wharf.auth;

import io.wharf.auth.internal.BcryptCheck;
import io.wharf.auth.internal.Htpasswd;
import io.wharf.auth.internal.HtpasswdParser;
import io.wharf.auth.internal.ReloadingFile;
import io.wharf.auth.internal.VerifiedPasswords;
import io.wharf.domain.port.UserDirectory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Users and passwords from an htpasswd file written by {@code htpasswd -B} (bcrypt only; any other
 * hash format is refused). The file is read again when it changes, checked at most once a second;
 * a new version that does not parse is logged and the previous one stays in use. Passwords longer
 * than 72 bytes count with their first 72 bytes, as with htpasswd itself.
 *
 * <p>bcrypt is slow by design and docker sends its credentials with every request, so passwords
 * bcrypt accepted are remembered (as an HMAC, bound to the hash they matched) until the user's
 * hash changes. An unknown user costs a bcrypt check all the same, so timing does not tell which
 * users exist.
 */
public final class HtpasswdFile implements UserDirectory {
    static final int CACHE_CAPACITY = 10_000;

    private final ReloadingFile<Htpasswd> file;
    private final BcryptCheck bcrypt;
    private final VerifiedPasswords verified;

    HtpasswdFile(Path path, BcryptCheck bcrypt, int cacheCapacity, LongSupplier nanoTime, System.Logger log) {
        this.bcrypt = Objects.requireNonNull(bcrypt, "bcrypt");
        this.file = new ReloadingFile<>(path, bytes -> HtpasswdParser.parse(path, bytes), nanoTime, log);
        this.verified = new VerifiedPasswords(cacheCapacity);
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException     when it is not a bcrypt htpasswd file (naming the line and user)
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static HtpasswdFile open(Path file) {
        return new HtpasswdFile(file, BcryptCheck.library(), CACHE_CAPACITY, System::nanoTime,
                System.getLogger(HtpasswdFile.class.getName()));
    }

    @Override
    public boolean authenticate(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Htpasswd users = file.current();
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        String hash = users.hashOf(user);
        if (hash == null) {
            bcrypt.matches(bytes, users.dummyHash());
            return false;
        }
        VerifiedPasswords.Key key = verified.key(user, bytes);
        if (verified.confirms(key, hash)) {
            return true;
        }
        if (!bcrypt.matches(bytes, hash)) {
            return false;
        }
        verified.remember(key, hash);
        return true;
    }

    @Override
    public boolean exists(String user) {
        return file.current().hashOf(user) != null;
    }

    @Override
    public String toString() {
        return "htpasswd file " + file.path();
    }
}
