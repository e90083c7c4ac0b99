/**
 * The Google Cloud Storage driver. Nothing is exported: bootstrap finds the factory through
 * {@link java.util.ServiceLoader} and only ever sees the domain's {@code StorageDriver} port.
 */
module io.wharf.storage.gcs {
    requires io.wharf.domain;
    // google-cloud-storage and its closure, shaded into one automatic module (see adapters-storage/gcs-sdk)
    requires io.wharf.storage.gcs.sdk;
    // The SDK module is automatic: it reads every module that is resolved but cannot require one. Automatic
    // modules (OpenTelemetry) are resolved along with it; these explicit modules it uses at run time are
    // resolved only because they are required here (bootstrap starts with -m, not ALL-MODULE-PATH).
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.xml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    provides io.wharf.domain.port.StorageDriverFactory
            with io.wharf.storage.gcs.GcsStorageDriverFactory;
}
