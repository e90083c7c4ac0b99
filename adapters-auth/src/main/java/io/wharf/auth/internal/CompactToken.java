package io.wharf.auth.internal;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.domain.port.InvalidTokenException;

import java.text.ParseException;
import java.util.regex.Pattern;

/**
 * Reads a token's compact serialization into a signed JWT, refusing the other kinds by their header
 * before anything else is looked at. Refusals never quote the token: Nimbus's parse messages can hold
 * pieces of it, so they are replaced by fixed ones.
 */
public final class CompactToken {
    /** Far above any real token (a few x5c certificates fit in 16 KiB); stops work on absurd input early. */
    public static final int MAX_LENGTH = 64 * 1024;
    private static final Pattern BASE64URL_PARTS = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)+");

    private CompactToken() {
    }

    public static SignedJWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("malformed token: it is empty");
        }
        if (token.length() > MAX_LENGTH) {
            throw new InvalidTokenException("malformed token: longer than " + MAX_LENGTH + " characters");
        }
        Base64URL[] parts;
        try {
            parts = JOSEObject.split(token);
        } catch (ParseException e) {
            throw notCompact();
        }
        // Nimbus's base64url decoding skips characters outside the alphabet; a token holding any is not one.
        if (!BASE64URL_PARTS.matcher(token).matches()) {
            throw notCompact();
        }
        Header header;
        try {
            header = Header.parse(parts[0]);
        } catch (ParseException | RuntimeException e) {
            // RuntimeException too: Nimbus throws NullPointerException for a header of JSON null.
            throw new InvalidTokenException("malformed token: its header is unreadable");
        }
        if (header instanceof PlainHeader) {
            throw new InvalidTokenException("unsigned tokens (alg none) are refused");
        }
        if (header instanceof JWEHeader || parts.length != 3) {
            throw new InvalidTokenException("encrypted tokens (JWE) are refused: a registry token is signed, not encrypted");
        }
        try {
            return new SignedJWT(parts[0], parts[1], parts[2]);
        } catch (ParseException | RuntimeException e) {
            throw notCompact();
        }
    }

    private static InvalidTokenException notCompact() {
        return new InvalidTokenException("malformed token: not a compact JWS of three base64url parts");
    }
}
