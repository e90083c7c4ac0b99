package io.wharf.http.internal;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.ByteRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderParsingTest {

    @Test
    void range_forms() {
        assertEquals(Optional.of(new RangeHeader.Closed(0, 99)), RangeHeader.parse("bytes=0-99"));
        assertEquals(Optional.of(new RangeHeader.Closed(5, 5)), RangeHeader.parse(" Bytes=5-5 "));
        assertEquals(Optional.of(new RangeHeader.From(100)), RangeHeader.parse("bytes=100-"));
        assertEquals(Optional.of(new RangeHeader.Suffix(10)), RangeHeader.parse("bytes=-10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=5-1", "bytes=0-1,3-4", "items=0-1", "bytes=a-b", "bytes=1",
            "bytes=-1-2", "bytes=+1-2", "bytes=99999999999999999999-"})
    void unusable_ranges_are_ignored(String value) {
        assertEquals(Optional.empty(), RangeHeader.parse(value));
    }

    @Test
    void resolving_against_the_size() {
        assertEquals(Optional.of(new ByteRange(0, 9)), new RangeHeader.Closed(0, 9).resolve(-1));
        assertEquals(Optional.of(new ByteRange(7, Long.MAX_VALUE)), new RangeHeader.From(7).resolve(-1));
        assertEquals(Optional.of(new ByteRange(90, 99)), new RangeHeader.Suffix(10).resolve(100));
        assertEquals(Optional.of(new ByteRange(0, 4)), new RangeHeader.Suffix(10).resolve(5));
        assertEquals(Optional.empty(), new RangeHeader.Suffix(0).resolve(5));
        assertEquals(Optional.empty(), new RangeHeader.Suffix(3).resolve(0));
        assertTrue(new RangeHeader.Suffix(1).needsSize());
    }

    @Test
    void content_range_forms() {
        assertEquals(Optional.empty(), ContentRangeHeader.parse(Optional.empty()));
        assertEquals(Optional.of(new ByteRange(0, 1023)), ContentRangeHeader.parse(Optional.of("0-1023")));
        assertEquals(Optional.of(new ByteRange(10, 19)), ContentRangeHeader.parse(Optional.of("bytes 10-19/*")));
        assertEquals(Optional.of(new ByteRange(10, 19)), ContentRangeHeader.parse(Optional.of("bytes 10-19/100")));
        assertEquals(Optional.of(new ByteRange(10, 19)), ContentRangeHeader.parse(Optional.of("bytes=10-19")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "5-1", "a-b", "-5", "5-", "bytes */100"})
    void bad_content_range_is_400(String value) {
        RegistryException e = assertThrows(RegistryException.class, () -> ContentRangeHeader.parse(Optional.of(value)));
        assertEquals(ErrorCode.BLOB_UPLOAD_INVALID, e.code());
        assertEquals(400, StatusMapping.status(e).code());
    }

    @Test
    void upload_range_value_follows_distribution() {
        assertEquals("0-0", UploadHandler.rangeValue(0));
        assertEquals("0-0", UploadHandler.rangeValue(1));
        assertEquals("0-1023", UploadHandler.rangeValue(1024));
    }

    @Test
    void media_type_without_parameters() {
        assertEquals(Optional.of("application/vnd.oci.image.manifest.v1+json"),
                ManifestHandler.mediaType("application/vnd.oci.image.manifest.v1+json; charset=utf-8"));
        assertEquals(Optional.empty(), ManifestHandler.mediaType(" ; x=y"));
    }

    @Test
    void numbers() {
        assertEquals(0, Numbers.parseNonNegative("0"));
        assertEquals(1000, Numbers.parseNonNegative("1000"));
        assertEquals(-1, Numbers.parseNonNegative("-1"));
        assertEquals(-1, Numbers.parseNonNegative("1e3"));
        assertEquals(-1, Numbers.parseNonNegative(""));
    }
}
