package io.wharf.storage.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What one driver instance holds open: the container client over the JDK HTTP transport, and the
 * threads that stage blocks and delete trees in parallel. Every blob client shares the one HTTP client,
 * so connections are pooled per driver.
 */
final class AzureConnection implements AutoCloseable {
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private final AzureSettings settings;
    private final BlobContainerClient container;
    private final KeepingHttpClientBuilder http;
    // virtual threads: the sync SDK blocks a thread per request, and staging is bounded per writer anyway
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    AzureConnection(AzureSettings settings) {
        this.settings = settings;
        this.http = new KeepingHttpClientBuilder();
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder()
                .httpClient(new JdkHttpClientBuilder(http).build())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, settings.maxRetries() + 1,
                        (Duration) null, null, null, null));
        switch (settings.credential()) {
            case AzureCredential.SharedKey key -> builder.endpoint(settings.endpoint())
                    .credential(new StorageSharedKeyCredential(key.accountName(), key.accountKey()));
            case AzureCredential.SasToken sas -> builder.endpoint(settings.endpoint()).sasToken(sas.token());
            case AzureCredential.ConnectionString string -> builder.connectionString(string.value());
        }
        // after endpoint(): a path-style endpoint could otherwise set the container from its path
        this.container = builder.containerName(settings.container()).buildClient();
    }

    AzureSettings settings() {
        return settings;
    }

    BlobContainerClient container() {
        return container;
    }

    String containerName() {
        return settings.container();
    }

    ExecutorService workers() {
        return workers;
    }

    BlobTarget target(String path) {
        String name = settings.names().blob(path);
        BlobClient client = container.getBlobClient(name);
        return new BlobTarget(path, settings.container(), name, client);
    }

    /**
     * The SAS token to add to a copy source URL. A request signed with a SAS does not authorize reading
     * the source, so the source URL carries the token itself; Shared Key requests authorize both.
     */
    Optional<String> sasForCopySource() {
        return switch (settings.credential()) {
            case AzureCredential.SasToken sas -> Optional.of(sas.token());
            case AzureCredential.ConnectionString string -> Optional.ofNullable(string.sasToken());
            case AzureCredential.SharedKey key -> Optional.empty();
        };
    }

    /** Waits for running stages and deletes, then shuts the HTTP client down. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        HttpClient client = http.built();
        if (client != null) {
            client.shutdown();
        }
    }
}
