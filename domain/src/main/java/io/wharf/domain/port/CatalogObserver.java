package io.wharf.domain.port;

/**
 * Told of every statement the catalog runs, after it ends: where SQL timing metrics and trace spans
 * come from. Called on the thread that ran the statement, so it must be quick.
 */
@FunctionalInterface
public interface CatalogObserver {
    CatalogObserver NONE = call -> {
    };

    void observe(CatalogCall call);
}
