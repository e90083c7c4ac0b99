package io.wharf.http.internal;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.Listings;
import io.wharf.domain.json.JsonWriter;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** Tag lists, the catalog and referrers: JSON listings, the first two paginated with {@code n}/{@code last}. */
final class ListingHandler {
    static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

    private final Listings listings;
    private final int maxPageSize;

    ListingHandler(Listings listings, int maxPageSize) {
        this.listings = listings;
        this.maxPageSize = maxPageSize;
    }

    void tags(RepositoryName repository, ServerRequest req, ServerResponse res) {
        int n = pageSize(req.query());
        Optional<String> last = UploadHandler.parameter(req.query(), "last");
        // n=0 still goes to the use case: an unknown repository is NAME_UNKNOWN whatever the page size.
        Page<Tag> page = listings.tags(repository, OptionalInt.of(n), last);
        Map<String, Object> body = new LinkedHashMap<>(4);
        body.put("name", repository.value());
        body.put("tags", strings(page.items(), Tag::value));
        sendPage(res, body, page, n, "/v2/" + repository.value() + "/tags/list", Tag::value);
    }

    void catalog(ServerRequest req, ServerResponse res) {
        int n = pageSize(req.query());
        Optional<String> last = UploadHandler.parameter(req.query(), "last");
        Page<RepositoryName> page = listings.repositories(OptionalInt.of(n), last);
        Map<String, Object> body = Map.of("repositories", strings(page.items(), RepositoryName::value));
        sendPage(res, body, page, n, "/v2/_catalog", RepositoryName::value);
    }

    void referrers(RepositoryName repository, Digest subject, ServerRequest req, ServerResponse res) {
        Optional<String> artifactType = UploadHandler.parameter(req.query(), "artifactType");
        List<Descriptor> found = listings.referrers(repository, subject, artifactType);
        List<Object> manifests = new ArrayList<>(found.size());
        for (Descriptor d : found) {
            manifests.add(descriptor(d));
        }
        Map<String, Object> index = new LinkedHashMap<>(4);
        index.put("schemaVersion", 2);
        index.put("mediaType", INDEX_MEDIA_TYPE);
        index.put("manifests", manifests);
        if (artifactType.isPresent()) {
            res.header(RegistryHeaders.FILTERS_ARTIFACT_TYPE);
        }
        res.header(RegistryHeaders.OCI_INDEX);
        res.send(JsonWriter.write(index).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> descriptor(Descriptor d) {
        Map<String, Object> out = new LinkedHashMap<>(8);
        out.put("mediaType", d.mediaType());
        out.put("digest", d.digest().toString());
        out.put("size", d.size());
        d.artifactType().ifPresent(type -> out.put("artifactType", type));
        if (!d.annotations().isEmpty()) {
            out.put("annotations", d.annotations());
        }
        return out;
    }

    /** {@code n}: absent means the largest page; larger values are capped, the Link header carries on. */
    int pageSize(UriQuery query) {
        Optional<String> text = UploadHandler.parameter(query, "n");
        if (text.isEmpty()) {
            return maxPageSize;
        }
        long n = Numbers.parseNonNegative(text.get());
        if (n < 0) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "PAGINATION_NUMBER_INVALID",
                    "invalid number of results requested", "n must be a non-negative integer, not '" + text.get() + "'");
        }
        return (int) Math.min(n, maxPageSize);
    }

    private static <T> void sendPage(ServerResponse res, Map<String, Object> body, Page<T> page, int n, String path,
                                     Function<T, String> key) {
        if (page.more() && !page.items().isEmpty()) {
            // RFC 5988 link to the next page, as distribution writes it
            String last = key.apply(page.items().getLast());
            res.header(HeaderNames.LINK, "<" + path + "?n=" + n + "&last=" + last + ">; rel=\"next\"");
        }
        res.header(RegistryHeaders.JSON);
        res.send(JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> List<String> strings(List<T> items, Function<T, String> text) {
        List<String> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(text.apply(item));
        }
        return out;
    }
}
