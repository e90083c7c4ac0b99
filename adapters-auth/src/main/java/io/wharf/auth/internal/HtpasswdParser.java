package io.wharf.auth.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code user:hash} lines {@code htpasswd -B} writes. Only bcrypt is accepted: the other
 * formats htpasswd offers (MD5 {@code $apr1$}, {@code {SHA}}, crypt, SHA-crypt, plain text) are
 * weak or unsalted, and silently ignoring such a user would be a puzzle to debug. Error messages
 * name the file, line and user but never a hash or line content, as they end up in logs.
 */
public final class HtpasswdParser {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final int COST_WHEN_EMPTY = 5;

    private HtpasswdParser() {
    }

    /** @throws IllegalArgumentException naming {@code source} and the line when {@code bytes} is no bcrypt htpasswd file */
    public static Htpasswd parse(Path source, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + " is not UTF-8 text");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Map<Integer, Integer> costs = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(source + " line " + number + ": expected user:hash");
            }
            String user = line.substring(0, colon);
            Matcher hash = BCRYPT.matcher(line.substring(colon + 1));
            if (!hash.matches()) {
                throw new IllegalArgumentException(source + " line " + number + ": the password hash of user '" + user
                        + "' is not bcrypt ($2y$, $2a$ or $2b$); set the password again with htpasswd -B");
            }
            Integer earlier = firstLine.putIfAbsent(user, number);
            if (earlier != null) {
                throw new IllegalArgumentException(source + " line " + number + ": user '" + user
                        + "' appears again (first on line " + earlier + ")");
            }
            hashes.put(user, hash.group());
            costs.merge(Integer.parseInt(hash.group(1)), 1, Integer::sum);
        }
        return new Htpasswd(hashes, DummyHash.ofCost(prevailing(costs)));
    }

    /** The cost most users have (the higher on a tie), which an unknown user should seem to have too. */
    private static int prevailing(Map<Integer, Integer> costs) {
        return costs.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparingInt(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse(COST_WHEN_EMPTY);
    }
}
