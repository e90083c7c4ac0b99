package io.wharf.auth.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;

/** Checks a password against a bcrypt hash; a seam so tests can count the (slow) checks. */
@FunctionalInterface
public interface BcryptCheck {

    /** Whether {@code password} (UTF-8 bytes) is the one {@code hash} was made from. */
    boolean matches(byte[] password, String hash);

    /**
     * The bcrypt library's check, for {@code $2y$}, {@code $2a$} and {@code $2b$} alike (they
     * differ only in bugs of other implementations that do not arise below 256 bytes).
     * Passwords longer than 72 bytes are cut to 72, as htpasswd and Go's bcrypt effectively
     * do: bcrypt's key schedule never reads further, so refusing them would lock out users whose
     * htpasswd entries work everywhere else.
     */
    static BcryptCheck library() {
        BCrypt.Verifyer verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2Y,
                LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));
        return (password, hash) -> verifyer.verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }
}
