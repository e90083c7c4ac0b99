package io.wharf.domain.model;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;

import java.util.Optional;
import java.util.regex.Pattern;

/** A repository name as the distribution spec defines it: path components, at most 255 characters. */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    public static final int MAX_LENGTH = 255;
    private static final Pattern GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public RepositoryName {
        if (value == null || value.isEmpty()) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "repository name is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new RegistryException(ErrorCode.NAME_INVALID,
                    "repository name is " + value.length() + " characters, the limit is " + MAX_LENGTH);
        }
        if (!GRAMMAR.matcher(value).matches()) {
            throw new RegistryException(ErrorCode.NAME_INVALID,
                    "repository name '" + value + "' does not match " + GRAMMAR.pattern());
        }
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    /** The name, or empty when {@code value} is not a valid one (as in a token scope from a client). */
    public static Optional<RepositoryName> tryParse(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && GRAMMAR.matcher(value).matches()
                ? Optional.of(new RepositoryName(value)) : Optional.empty();
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
