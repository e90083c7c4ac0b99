package io.wharf.http;

/**
 * Told of every request once it is answered, on the request's thread and while its server span is
 * still current, so what it logs carries the request's trace and span ids.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = request -> { };

    void completed(CompletedRequest request);
}
