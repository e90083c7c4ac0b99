package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.AccessControl;
import io.wharf.application.port.in.RegistryUseCases;
import io.wharf.application.port.in.TokenIssuance;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.event.Origin;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one Helidon handler: parses the path into a {@link RegistryRoute}, picks the handler by
 * route and method, and turns every failure into the spec's JSON error. Helidon's pattern routing
 * is not used because repository names contain slashes.
 */
public final class RegistryRequestHandler implements Handler {
    private static final System.Logger LOG = System.getLogger(RegistryRequestHandler.class.getName());
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final RegistryUseCases useCases;
    private final AccessControl access;
    private final Optional<TokenHandler> tokens;
    private final int maxPageSize;
    private final long chunkMinLength;

    /**
     * @param useCases the use cases, unguarded: {@code access} wraps them per caller
     * @param issuer   the built-in token issuer served at {@code /auth/token}, if any
     */
    public RegistryRequestHandler(RegistryUseCases useCases, AccessControl access, Optional<TokenIssuance> issuer,
                                  int maxPageSize, long chunkMinLength) {
        this.useCases = useCases;
        this.access = access;
        this.tokens = issuer.map(TokenHandler::new);
        this.maxPageSize = maxPageSize;
        this.chunkMinLength = chunkMinLength;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        String method = req.prologue().method().text();
        RequestFacts facts = RequestFacts.of(req);
        if (tokens.isPresent() && path.equals(TokenHandler.PATH)) {
            facts.route(TokenHandler.PATH);
            tokens.get().handle(method, req, res);
            return;
        }
        res.header(RegistryHeaders.API_VERSION);
        try {
            // parsed before authenticating so that even a 401 is counted under its route; a bad parameter
            // is still reported after the credentials are checked, as before
            Supplier<RegistryRoute> route = route(path, facts);
            Caller caller = access.authenticate(AuthorizationHeader.parse(req.headers().first(HeaderNames.AUTHORIZATION)));
            if (!caller.anonymous()) {
                facts.user(caller.name());
            }
            dispatch(route.get(), method, caller, RequestOrigin.of(req, caller), req, res);
        } catch (AccessDeniedException e) {
            ErrorResponses.send(req, res, e);
        } catch (RegistryException e) {
            ErrorResponses.send(req, res, e);
        } catch (HttpProblem e) {
            ErrorResponses.send(req, res, e);
        } catch (StreamAbortedException e) {
            // the client left or the store failed mid-body; nothing can be sent, Helidon drops the connection
            LOG.log(Level.DEBUG, () -> "body aborted for " + req.prologue().method().text() + " " + req.path().path(), e);
            throw e;
        } catch (HttpException e) {
            // Helidon's own verdicts about the request (bad entity, too large): keep its status, say it in JSON
            if (e.status().code() >= 500) {
                internal(req, res, e);
            } else {
                ErrorResponses.send(req, res, new HttpProblem(e.status(), "UNSUPPORTED", e.status().reasonPhrase(),
                        e.getMessage()));
            }
        } catch (RuntimeException e) {
            internal(req, res, e);
        }
    }

    /** The parsed route, with its template already in the request's facts, or the parse failure to throw. */
    private static Supplier<RegistryRoute> route(String path, RequestFacts facts) {
        try {
            RegistryRoute route = RouteParser.parse(path);
            facts.route(route.template());
            return () -> route;
        } catch (RegistryException e) {
            return () -> {
                throw e;
            };
        }
    }

    private void internal(ServerRequest req, ServerResponse res, RuntimeException e) {
        LOG.log(Level.ERROR, "request " + req.prologue().method().text() + " " + req.path().path() + " failed", e);
        if (res.isSent()) {
            throw e;
        }
        ErrorResponses.internal(req, res);
    }

    private void dispatch(RegistryRoute route, String method, Caller caller, Origin origin, ServerRequest req,
                          ServerResponse res) {
        if (route instanceof RegistryRoute.Base) {
            access.requireSignedIn(caller);
        }
        // the use cases as this caller may use them: each call checks the caller's rights first
        RegistryUseCases allowed = access.guard(caller, useCases);
        switch (route) {
            case RegistryRoute.Base b -> {
                switch (method) {
                    case "GET" -> {
                        res.header(RegistryHeaders.JSON);
                        res.send(EMPTY_OBJECT);
                    }
                    case "HEAD" -> {
                        res.header(RegistryHeaders.JSON);
                        res.send();
                    }
                    default -> throw notAllowed(method, res, "GET, HEAD");
                }
            }
            case RegistryRoute.Catalog c -> {
                if (!method.equals("GET")) {
                    throw notAllowed(method, res, "GET");
                }
                new ListingHandler(allowed.listings(), maxPageSize).catalog(req, res);
            }
            case RegistryRoute.TagList t -> {
                if (!method.equals("GET")) {
                    throw notAllowed(method, res, "GET");
                }
                new ListingHandler(allowed.listings(), maxPageSize).tags(t.repository(), req, res);
            }
            case RegistryRoute.Referrers r -> {
                if (!method.equals("GET")) {
                    throw notAllowed(method, res, "GET");
                }
                new ListingHandler(allowed.listings(), maxPageSize).referrers(r.repository(), r.subject(), req, res);
            }
            case RegistryRoute.Manifest m -> {
                ManifestHandler manifests = new ManifestHandler(allowed.manifests(), origin);
                switch (method) {
                    case "GET" -> manifests.get(m.repository(), m.reference(), res);
                    case "HEAD" -> manifests.head(m.repository(), m.reference(), res);
                    case "PUT" -> manifests.put(m.repository(), m.reference(), req, res);
                    case "DELETE" -> manifests.delete(m.repository(), m.reference(), res);
                    default -> throw notAllowed(method, res, "GET, HEAD, PUT, DELETE");
                }
            }
            case RegistryRoute.Blob b -> {
                BlobHandler blobs = new BlobHandler(allowed.blobReads(), origin);
                switch (method) {
                    case "GET" -> blobs.get(b.repository(), b.digest(), req, res);
                    case "HEAD" -> blobs.head(b.repository(), b.digest(), res);
                    case "DELETE" -> blobs.delete(b.repository(), b.digest(), res);
                    default -> throw notAllowed(method, res, "GET, HEAD, DELETE");
                }
            }
            case RegistryRoute.UploadStart u -> {
                if (!method.equals("POST")) {
                    throw notAllowed(method, res, "POST");
                }
                new UploadHandler(allowed.blobUploads(), chunkMinLength, origin).post(u.repository(), req, res);
            }
            case RegistryRoute.Upload u -> {
                UploadHandler uploads = new UploadHandler(allowed.blobUploads(), chunkMinLength, origin);
                switch (method) {
                    case "PATCH" -> uploads.patch(u.repository(), u.session(), req, res);
                    case "PUT" -> uploads.put(u.repository(), u.session(), req, res);
                    case "GET" -> uploads.status(u.repository(), u.session(), res);
                    case "DELETE" -> uploads.delete(u.repository(), u.session(), res);
                    default -> throw notAllowed(method, res, "GET, PATCH, PUT, DELETE");
                }
            }
            case RegistryRoute.Unknown u -> throw new RegistryException(ErrorCode.NAME_UNKNOWN,
                    "no registry endpoint at " + u.path());
        }
    }

    private static RegistryException notAllowed(String method, ServerResponse res, String allowed) {
        res.header(HeaderNames.ALLOW, allowed);
        return new RegistryException(ErrorCode.UNSUPPORTED, "method " + method + " is not allowed here");
    }
}
