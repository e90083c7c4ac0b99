package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client mistakes are 4xx with the spec's JSON error body, never a 500: bad digests, bad ranges,
 * bad paths and wrong methods. {@code {repo}}, {@code {digest}} and {@code {upload}} stand for a
 * repository, a blob in it and an open session.
 */
class MalformedRequestTest extends RegistryApiTest {
    private String name;
    private Digest digest;
    private String upload;

    @BeforeAll
    void prepare() {
        name = repo("malformed");
        digest = pushBlob(name, randomBytes(100));
        upload = startUpload(name);
    }

    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /v2/{repo}/blobs/sha256:zz                         |                        | 400,404
            GET    | /v2/{repo}/blobs/sha256:                           |                        | 400,404
            GET    | /v2/{repo}/blobs/SHA256:{hex}                      |                        | 400,404
            GET    | /v2/{repo}/blobs/sha256:{hex}00                    |                        | 400,404
            GET    | /v2/{repo}/blobs/md5:d41d8cd98f00b204e9800998ecf8427e |                     | 400,404
            DELETE | /v2/{repo}/blobs/sha256:zz                         |                        | 400,404
            GET    | /v2/{repo}/blobs/{digest}                          | Range=bytes=500-600    | 416
            GET    | /v2/{repo}/blobs/{digest}                          | Range=bytes=100-       | 416
            POST   | /v2/{repo}/blobs/uploads/?digest=sha256:bad        |                        | 400
            POST   | /v2/{repo}/blobs/uploads/?digest=notadigest        |                        | 400
            POST   | /v2/{repo}/blobs/uploads/?mount=sha256:bad&from={repo} |                    | 400
            POST   | /v2/{repo}/blobs/uploads/?mount={digest}&from=UPPER/Case |                  | 400,202
            PATCH  | {upload}                                           | Content-Range=abc      | 400,416
            PATCH  | {upload}                                           | Content-Range=5-2      | 400,416
            PATCH  | {upload}                                           | Content-Range=0-99999999999999999999999 | 400,416
            PATCH  | {upload}                                           | Content-Range=1000-1009 | 416
            PUT    | {upload}?digest=notadigest                         |                        | 400
            PUT    | {upload}?digest=sha256:short                       |                        | 400
            GET    | /v2/{repo}/blobs/uploads/1-2-3-4-5                 |                        | 404
            GET    | /v2/{repo}/blobs/uploads/../../x                   |                        | 400,404
            GET    | /v2/{repo}/manifests/sha256:totallywrong           |                        | 400,404
            GET    | /v2/x/manifests/sha256:totallywrong                |                        | 400,404
            PUT    | /v2/{repo}/manifests/sha256:totallywrong           |                        | 400,404
            GET    | /v2/{repo}/manifests/bad%21tag                     |                        | 400,404
            GET    | /v2/{repo}/manifests/%2e%2e                        |                        | 400,404
            GET    | /v2/UPPER/manifests/latest                         |                        | 400,404
            GET    | /v2/a%2F%2Fb/manifests/latest                      |                        | 400,404
            GET    | /v2/{repo}/%2e%2e/manifests/latest                 |                        | 400,404
            GET    | /v2/{repo}/tags/list?n=abc                         |                        | 400
            GET    | /v2/_catalog?n=-3                                  |                        | 400
            GET    | /v2/{repo}/referrers/sha256:zz                     |                        | 400,404
            GET    | /v2/no-such-endpoint                               |                        | 404
            GET    | /v2/{repo}/nothing/here                            |                        | 404
            GET    | /v2/{repo}/manifests/                              |                        | 400,404,405
            POST   | /v2/{repo}/manifests/latest                        |                        | 404,405
            PATCH  | /v2/{repo}/blobs/{digest}                          |                        | 404,405
            PUT    | /v2/{repo}/blobs/{digest}                          |                        | 404,405
            PUT    | /v2/_catalog                                       |                        | 404,405
            DELETE | /v2/                                               |                        | 404,405
            POST   | /v2/{repo}/tags/list                               |                        | 404,405
            GET    | /v2/{repo}/blobs/uploads/                          |                        | 404,405
            DELETE | /v2/{repo}/referrers/{digest}                      |                        | 404,405
            """)
    void clientMistakeIsAClientError(String method, String pathTemplate, String header, String allowed) {
        String path = pathTemplate.replace("{repo}", name).replace("{digest}", digest.toString())
                .replace("{hex}", digest.hex()).replace("{upload}", upload);
        String[] headers = header == null ? new String[0] : header.split("=", 2);
        byte[] body = method.equals("PATCH") || method.equals("PUT") || method.equals("POST") ? randomBytes(10) : null;
        HttpResponse<byte[]> response = send(method, path, body, headers);
        String answered = method + " " + path + " " + (header == null ? "" : header) + " -> " + response.statusCode()
                + " " + text(response);
        assertTrue(("," + allowed.replace(" ", "") + ",").contains("," + response.statusCode() + ","),
                "expected one of " + allowed + ": " + answered);
        if (response.statusCode() >= 400) {
            try {
                errorCodes(response);
            } catch (AssertionError e) {
                throw new AssertionError(answered + ": " + e.getMessage(), e);
            }
        }
    }
}
