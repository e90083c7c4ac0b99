package io.wharf.storage.s3;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code storage.driver: s3}, configured under {@code storage.s3} with distribution's key names. Settings
 * are checked here, so a bad value fails at startup naming its key; the bucket itself is first reached
 * by the first storage call.
 */
public final class S3StorageDriverFactory implements StorageDriverFactory {

    /** Public and argument-free because {@link java.util.ServiceLoader} instantiates it. */
    public S3StorageDriverFactory() {
    }

    @Override
    public String name() {
        return S3StorageDriver.NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return SettingsParser.KEYS;
    }

    @Override
    public StorageDriver create(AdapterSettings settings) {
        S3Settings parsed = SettingsParser.parse(settings);
        warnIfTheHeapIsSmall((long) (parsed.parallelParts() + 1) * parsed.chunkSize());
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            AwsCredentialsProvider credentials = S3Clients.credentials(parsed);
            if (credentials instanceof AutoCloseable closeable) {
                resources.add(closeable); // the default chain may hold refresh threads and HTTP clients
            }
            S3Client client = S3Clients.client(parsed, credentials);
            resources.add(client);
            S3Presigner presigner = S3Clients.presigner(parsed, credentials);
            resources.add(presigner);
            // part uploads block on network I/O; their number is bounded per writer by parallelparts
            ExecutorService parts = Executors.newCachedThreadPool(
                    Thread.ofPlatform().name("wharf-s3-part-", 0).daemon(true).factory());
            return new S3StorageDriver(new Bucket(client, parsed), parsed, presigner, parts, () -> {
                Exception failure = closeAll(resources);
                if (failure != null) {
                    throw failure;
                }
            });
        } catch (RuntimeException e) {
            Exception failure = closeAll(resources);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
    }

    /**
     * Parts are buffered in the heap: a heap that cannot hold three uploads in flight (what one docker or
     * skopeo push runs at once) ends in OutOfMemoryError under load, so say so at start.
     */
    private static void warnIfTheHeapIsSmall(long perUpload) {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < 3 * perUpload + (64L << 20)) {
            System.getLogger(S3StorageDriverFactory.class.getName()).log(System.Logger.Level.WARNING,
                    "storage.s3: each upload in flight may buffer {0} MiB ((parallelparts + 1) x chunksize) but the "
                            + "heap is {1} MiB; raise -Xmx (WHARF_JAVA_OPTS) or lower chunksize/parallelparts "
                            + "(docs/storage.md, Memory)", perUpload >> 20, heap >> 20);
        }
    }

    /** Closes newest first, each whatever became of the others; returns the first failure, if any. */
    private static Exception closeAll(List<AutoCloseable> resources) {
        Exception first = null;
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
