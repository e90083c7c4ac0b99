package io.wharf.domain.model;

import java.util.List;

/** One page of a sorted listing; {@code more} says whether entries follow the last one. */
public record Page<T>(List<T> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }
}
