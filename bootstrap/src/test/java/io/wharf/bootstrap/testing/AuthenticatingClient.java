package io.wharf.bootstrap.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wharf.domain.json.JsonReader;

/**
 * A registry client that signs in the way docker does: with basic credentials on every request, or
 * by answering a {@code Bearer} challenge with a token fetched from the challenge's realm for exactly
 * the scope it names, then sending the request again.
 */
public final class AuthenticatingClient {
    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** How the client proves who it is. */
    public enum Mode {
        BASIC,
        TOKEN
    }

    private final RegistryClient http;
    private final Mode mode;
    private final Optional<String> basic;

    /**
     * @param user     empty for an anonymous client
     * @param password ignored when {@code user} is empty
     */
    public AuthenticatingClient(URI base, Mode mode, Optional<String> user, String password) {
        this.http = new RegistryClient(base);
        this.mode = mode;
        this.basic = user.map(u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers) {
        if (mode == Mode.BASIC) {
            return http.send(method, pathAndQuery, body, withAuthorization(headers, basic));
        }
        HttpResponse<byte[]> first = http.send(method, pathAndQuery, body, headers);
        Optional<Map<String, String>> challenge = bearerChallenge(first);
        if (first.statusCode() != 401 || challenge.isEmpty()) {
            return first;
        }
        HttpResponse<byte[]> token = token(challenge.get());
        if (token.statusCode() != 200) {
            return token; // the issuer refused: the client gives up with its answer, as docker does
        }
        String bearer = (String) ((Map<?, ?>) JsonReader.parse(token.body())).get("token");
        return http.send(method, pathAndQuery, body, withAuthorization(headers, Optional.of("Bearer " + bearer)));
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** Asks the challenge's realm for a token for its service and scope, with this client's credentials. */
    private HttpResponse<byte[]> token(Map<String, String> challenge) {
        StringBuilder query = new StringBuilder("?service=").append(encode(challenge.getOrDefault("service", "")));
        if (challenge.containsKey("scope")) {
            for (String scope : challenge.get("scope").split(" ")) {
                query.append("&scope=").append(encode(scope));
            }
        }
        URI realm = URI.create(challenge.get("realm") + query);
        return new RegistryClient(realm.resolve("/")).send("GET", realm.getRawPath() + "?" + realm.getRawQuery(), null,
                withAuthorization(new String[0], basic));
    }

    /** The parameters of a {@code WWW-Authenticate: Bearer …} header, if the response has one. */
    public static Optional<Map<String, String>> bearerChallenge(HttpResponse<?> response) {
        String header = response.headers().firstValue("WWW-Authenticate").orElse("");
        if (!header.startsWith("Bearer ")) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher m = PARAMETER.matcher(header);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2).replaceAll("\\\\(.)", "$1"));
        }
        return Optional.of(parameters);
    }

    private static String[] withAuthorization(String[] headers, Optional<String> authorization) {
        List<String> all = new ArrayList<>(List.of(headers));
        authorization.ifPresent(a -> {
            all.add("Authorization");
            all.add(a);
        });
        return all.toArray(String[]::new);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
