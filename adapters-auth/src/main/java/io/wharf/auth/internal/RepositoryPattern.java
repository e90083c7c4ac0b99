package io.wharf.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pattern of repository names from the policy file: {@code *} matches any run of characters
 * within one path component, {@code **} any run across components, {@code ${user}} the caller's
 * own name, everything else itself. Checked and turned into a regular expression once, at load; a
 * pattern with {@code ${user}} keeps the expression's pieces and is finished per caller, quoting
 * the name so that nothing in it acts as a wildcard.
 *
 * <p>Anything that could never match a repository name (upper case, spaces, an empty component, a
 * {@code ?} as in shell globs) is an error rather than a rule that silently grants nothing.
 */
public final class RepositoryPattern {
    private static final String USER = "${user}";

    private final String text;
    private final List<String> pieces;
    private final Pattern fixed;

    private RepositoryPattern(String text, List<String> pieces) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
        this.fixed = pieces.size() == 1 ? Pattern.compile(pieces.getFirst()) : null;
    }

    /** @throws IllegalArgumentException saying what is wrong, without naming the file (the caller does) */
    public static RepositoryPattern parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a repository pattern must not be empty");
        }
        if (text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
            throw new IllegalArgumentException("'" + text + "' has an empty path component, so it matches no repository name");
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith(USER, i)) {
                flush(literal, regex);
                pieces.add(regex.toString());
                regex.setLength(0);
                i += USER.length();
            } else if (c == '*') {
                int stars = run(text, i, '*');
                if (stars > 2) {
                    throw new IllegalArgumentException("'" + text + "' has " + stars + " stars in a row; use * (within a component) or ** (across components)");
                }
                flush(literal, regex);
                regex.append(stars == 1 ? "[^/]*" : ".*");
                i += stars;
            } else if (c == '$') {
                throw new IllegalArgumentException("'" + text + "' uses a variable other than ${user}");
            } else if (c == '?') {
                throw new IllegalArgumentException("'" + text + "' uses ?, which is not supported; use *");
            } else if (!allowed(c)) {
                throw new IllegalArgumentException("'" + text + "' holds '" + c
                        + "', which cannot appear in a repository name (lower case letters, digits, . _ - and /)");
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, regex);
        pieces.add(regex.toString());
        return new RepositoryPattern(text, pieces);
    }

    /** The pattern as written in the policy file. */
    public String text() {
        return text;
    }

    /** Whether the pattern names the caller ({@code ${user}}), and so never applies to anonymous callers. */
    public boolean personal() {
        return fixed == null;
    }

    /**
     * The expression for one caller, or empty for an anonymous caller of a personal pattern.
     *
     * @param user the caller's name, or null when anonymous
     */
    public Optional<Pattern> forCaller(String user) {
        if (fixed != null) {
            return Optional.of(fixed);
        }
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(String.join(Pattern.quote(user), pieces)));
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
    }

    private static int run(String text, int from, char c) {
        int end = from;
        while (end < text.length() && text.charAt(end) == c) {
            end++;
        }
        return end - from;
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepositoryPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
