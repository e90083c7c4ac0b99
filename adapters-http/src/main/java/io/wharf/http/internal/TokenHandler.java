package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.TokenIssuance;
import io.wharf.http.RegistryHttpServer;
import io.wharf.application.port.in.TokenIssuance.InvalidTokenRequestException;
import io.wharf.application.port.in.TokenIssuance.IssuedToken;
import io.wharf.application.port.in.TokenIssuance.TokenRequest;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.json.JsonWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in issuer's endpoint: {@code GET} as in the Docker token spec (basic credentials,
 * {@code service}, {@code scope}, {@code offline_token}) and {@code POST} as in its OAuth2 variant
 * (form {@code grant_type=password} or {@code refresh_token}).
 */
final class TokenHandler {
    static final String PATH = RegistryHttpServer.TOKEN_PATH;
    /** A token request form is a few hundred bytes; anything near this is not one. */
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final TokenIssuance issuer;

    TokenHandler(TokenIssuance issuer) {
        this.issuer = issuer;
    }

    void handle(String method, ServerRequest req, ServerResponse res) {
        switch (method) {
            case "GET" -> get(req, res);
            case "POST" -> post(req, res);
            default -> {
                res.header(HeaderNames.ALLOW, "GET, POST");
                oauthError(res, Status.METHOD_NOT_ALLOWED_405, "invalid_request", "use GET or POST");
            }
        }
    }

    private void get(ServerRequest req, ServerResponse res) {
        Credentials credentials = AuthorizationHeader.parse(req.headers().first(HeaderNames.AUTHORIZATION));
        if (credentials instanceof Credentials.Bearer) {
            credentials = new Credentials.Unreadable("the token endpoint takes basic credentials");
        }
        List<String> scopes = new ArrayList<>(req.query().all("scope", List::of));
        Optional<String> service = UploadHandler.parameter(req.query(), "service");
        boolean offline = "true".equals(req.query().first("offline_token").orElse(""));
        try {
            IssuedToken issued = issuer.issue(new TokenRequest(credentials, service.orElse(""), scopes(scopes), offline));
            Map<String, Object> body = common(issued);
            body.put("token", issued.token());
            send(res, body);
        } catch (AccessDeniedException e) {
            ErrorResponses.send(req, res, e);
        } catch (InvalidTokenRequestException e) {
            oauthError(res, Status.BAD_REQUEST_400, "invalid_request", e.getMessage());
        }
    }

    private void post(ServerRequest req, ServerResponse res) {
        Map<String, String> form;
        try {
            form = form(req);
        } catch (IllegalArgumentException e) {
            oauthError(res, Status.BAD_REQUEST_400, "invalid_request", e.getMessage());
            return;
        }
        Credentials credentials = switch (form.getOrDefault("grant_type", "")) {
            case "password" -> new Credentials.Password(form.getOrDefault("username", ""), form.getOrDefault("password", ""));
            case "refresh_token" -> new Credentials.Bearer(form.getOrDefault("refresh_token", ""));
            default -> null;
        };
        if (credentials == null) {
            oauthError(res, Status.BAD_REQUEST_400, "unsupported_grant_type", "grant_type must be password or refresh_token");
            return;
        }
        boolean offline = "offline".equals(form.get("access_type"));
        try {
            IssuedToken issued = issuer.issue(new TokenRequest(credentials, form.getOrDefault("service", ""),
                    scopes(List.of(form.getOrDefault("scope", ""))), offline));
            Map<String, Object> body = common(issued);
            body.put("scope", issued.access().stream().map(Scope::toString).collect(Collectors.joining(" ")));
            send(res, body);
        } catch (AccessDeniedException e) {
            oauthError(res, Status.UNAUTHORIZED_401, "invalid_grant", e.detail());
        } catch (InvalidTokenRequestException e) {
            oauthError(res, Status.BAD_REQUEST_400, "invalid_request", e.getMessage());
        }
    }

    private static Map<String, Object> common(IssuedToken issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("expires_in", issued.expiresIn().toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        issued.refreshToken().ifPresent(r -> body.put("refresh_token", r));
        return body;
    }

    /** Scope parameters may repeat and may each hold several scopes separated by spaces; unreadable ones are dropped. */
    private static List<Scope> scopes(List<String> parameters) {
        List<Scope> scopes = new ArrayList<>();
        for (String parameter : parameters) {
            for (String text : parameter.split(" ")) {
                if (!text.isBlank()) {
                    Scope.parse(text).ifPresent(scopes::add);
                }
            }
        }
        return scopes;
    }

    private static Map<String, String> form(ServerRequest req) {
        byte[] bytes;
        try (InputStream in = RequestFacts.body(req)) {
            bytes = in.readNBytes(MAX_FORM_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_FORM_BYTES) {
            throw new IllegalArgumentException("the form is larger than " + MAX_FORM_BYTES + " bytes");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static void send(ServerResponse res, Map<String, Object> body) {
        res.header(RegistryHeaders.JSON);
        // tokens must not be kept by caches between the client and the issuer
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void oauthError(ServerResponse res, Status status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        res.status(status);
        res.header(RegistryHeaders.JSON);
        res.send(JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
