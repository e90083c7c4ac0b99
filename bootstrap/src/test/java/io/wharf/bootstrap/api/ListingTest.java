package io.wharf.bootstrap.api;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tag lists (end-8a, end-8b) and the catalog. */
class ListingTest extends RegistryApiTest {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    @Test
    void tagsAreListedSorted() {
        String name = repo("tags");
        Image image = ociImage(name);
        for (String tag : List.of("v2", "latest", "v1", "a-tag", "Z_upper", "v10")) {
            assertStatus(201, putManifest(name, tag, OCI_MANIFEST, image.json()));
        }
        HttpResponse<byte[]> response = get("/v2/" + name + "/tags/list");
        assertStatus(200, response);
        assertTrue(header(response, "Content-Type").startsWith("application/json"));
        Map<String, Object> body = json(response);
        assertEquals(name, body.get("name"));
        assertEquals(List.of("Z_upper", "a-tag", "latest", "v1", "v10", "v2"), body.get("tags"));
        assertNull(header(response, "Link"), "no next page");
    }

    @Test
    void tagsPaginateWithLinkUntilTheEnd() {
        String name = repo("tag-pages");
        Image image = ociImage(name);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String tag = "t" + i;
            expected.add(tag);
            assertStatus(201, putManifest(name, tag, OCI_MANIFEST, image.json()));
        }
        HttpResponse<byte[]> first = get("/v2/" + name + "/tags/list?n=3");
        assertStatus(200, first);
        assertEquals(List.of("t0", "t1", "t2"), json(first).get("tags"));
        String link = header(first, "Link");
        assertNotNull(link, "Link on a partial page");
        assertTrue(link.matches("<[^>]*/v2/" + Pattern.quote(name) + "/tags/list\\?n=3&last=t2>; rel=\"next\""), link);

        List<String> all = followTags("/v2/" + name + "/tags/list?n=3", "tags");
        assertEquals(expected, all);
        assertEquals(expected, followTags("/v2/" + name + "/tags/list?n=1", "tags"));

        HttpResponse<byte[]> after = get("/v2/" + name + "/tags/list?n=2&last=t4");
        assertEquals(List.of("t5", "t6"), json(after).get("tags"));
        HttpResponse<byte[]> lastOnly = get("/v2/" + name + "/tags/list?last=t5");
        assertEquals(List.of("t6"), json(lastOnly).get("tags"));
        HttpResponse<byte[]> beyond = get("/v2/" + name + "/tags/list?last=zzz");
        assertStatus(200, beyond);
        assertEquals(List.of(), json(beyond).get("tags"));
    }

    @Test
    void nZeroIsAnEmptyPage() {
        String name = repo("tags-zero");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, image.json()));
        HttpResponse<byte[]> response = get("/v2/" + name + "/tags/list?n=0");
        assertStatus(200, response);
        Object tags = json(response).get("tags");
        assertTrue(tags instanceof List<?> list && list.isEmpty(), "tags " + tags);
        assertStatus(200, get("/v2/_catalog?n=0"));
        assertEquals(List.of(), json(get("/v2/_catalog?n=0")).get("repositories"));
    }

    @Test
    void unknownRepositoryIs404NameUnknown() {
        String name = repo("never");
        assertError(get("/v2/" + name + "/tags/list"), 404, "NAME_UNKNOWN");
        assertError(get("/v2/" + name + "/tags/list?n=2"), 404, "NAME_UNKNOWN");
    }

    @Test
    void unknownRepositoryIs404EvenWithNZero() {
        assertError(get("/v2/" + repo("never-zero") + "/tags/list?n=0"), 404, "NAME_UNKNOWN");
    }

    @Test
    void badPageSizeIs400() {
        String name = repo("bad-n");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, image.json()));
        for (String n : List.of("abc", "-1", "1.5")) {
            HttpResponse<byte[]> tags = get("/v2/" + name + "/tags/list?n=" + n);
            assertStatus(400, tags);
            errorCodes(tags);
            HttpResponse<byte[]> catalog = get("/v2/_catalog?n=" + n);
            assertStatus(400, catalog);
            errorCodes(catalog);
        }
    }

    @Test
    void repositoryWithOnlyBlobsHasAnEmptyTagList() {
        String name = repo("blobs-only");
        pushBlob(name, randomBytes(10));
        HttpResponse<byte[]> response = get("/v2/" + name + "/tags/list");
        // distribution answers NAME_UNKNOWN here; an empty list is equally within the spec
        assertTrue(response.statusCode() == 200 || response.statusCode() == 404, "" + response.statusCode());
        if (response.statusCode() == 200) {
            assertEquals(List.of(), json(response).get("tags"));
        }
    }

    @Test
    void catalogListsRepositoriesSortedAndPaginates() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = repo("catalog") + "/sub" + i;
            Image image = ociImage(name);
            assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, image.json()));
            mine.add(name);
        }
        HttpResponse<byte[]> whole = get("/v2/_catalog");
        assertStatus(200, whole);
        assertTrue(header(whole, "Content-Type").startsWith("application/json"));
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) json(whole).get("repositories");
        assertTrue(all.containsAll(mine), all + " ⊇ " + mine);
        assertEquals(all.stream().sorted().toList(), all, "sorted");
        assertEquals(all.stream().distinct().count(), all.size(), "no duplicates");

        HttpResponse<byte[]> first = get("/v2/_catalog?n=2");
        assertEquals(2, ((List<?>) json(first).get("repositories")).size());
        String link = header(first, "Link");
        assertNotNull(link);
        assertTrue(link.matches("<[^>]*/v2/_catalog\\?n=2&last=[^>]+>; rel=\"next\""), link);

        assertEquals(all, followTags("/v2/_catalog?n=2", "repositories"));
        assertEquals(all, followTags("/v2/_catalog?n=1", "repositories"));
    }

    /** Follows Link rel="next" to the end, collecting {@code field} of every page. */
    @SuppressWarnings("unchecked")
    private List<String> followTags(String start, String field) {
        List<String> collected = new ArrayList<>();
        String next = start;
        for (int pages = 0; next != null; pages++) {
            assertTrue(pages < 100, "pagination does not end");
            HttpResponse<byte[]> page = get(next);
            assertStatus(200, page);
            collected.addAll((List<String>) json(page).get(field));
            String link = header(page, "Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertTrue(m.find(), "Link " + link);
                next = m.group(1);
            }
        }
        return collected;
    }
}
