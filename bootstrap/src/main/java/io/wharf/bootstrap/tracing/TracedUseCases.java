package io.wharf.bootstrap.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.wharf.application.port.in.RegistryUseCases;

/** The use cases, each call in a span of its own under the request's. */
public final class TracedUseCases {
    private TracedUseCases() {
    }

    public static RegistryUseCases wrap(RegistryUseCases useCases, OpenTelemetry openTelemetry) {
        UseCaseSpans spans = new UseCaseSpans(openTelemetry);
        return new RegistryUseCases(new TracedBlobUploads(useCases.blobUploads(), spans),
                new TracedBlobReads(useCases.blobReads(), spans),
                new TracedManifests(useCases.manifests(), spans),
                new TracedListings(useCases.listings(), spans));
    }
}
