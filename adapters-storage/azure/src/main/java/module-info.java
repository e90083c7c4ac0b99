/**
 * The Azure Blob storage driver. Nothing is exported: bootstrap finds the factory through
 * {@link java.util.ServiceLoader} and only ever sees the domain's {@code StorageDriver} port.
 */
module io.wharf.storage.azure {
    requires io.wharf.domain;
    requires com.azure.storage.blob;
    // the one HTTP transport: azure-core-http-netty is excluded (its natives do not resolve)
    requires com.azure.core.http.jdk.httpclient;
    requires java.net.http;

    provides io.wharf.domain.port.StorageDriverFactory
            with io.wharf.storage.azure.AzureStorageDriverFactory;
}
