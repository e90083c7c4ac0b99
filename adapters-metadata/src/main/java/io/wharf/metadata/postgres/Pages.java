package io.wharf.metadata.postgres;

import io.wharf.domain.model.Page;

import java.util.List;

/** Listings fetch one row more than asked, to know whether another page follows without a COUNT. */
final class Pages {

    private Pages() {
    }

    static long fetchSize(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("page limit " + limit + " < 0");
        }
        return (long) limit + 1;
    }

    static <T> Page<T> of(List<T> fetched, int limit) {
        boolean more = fetched.size() > limit;
        return new Page<>(more ? fetched.subList(0, limit) : fetched, more);
    }
}
