package io.wharf.storage.s3;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StoragePaths;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects are S3 objects keyed by their path (under {@code rootdirectory}), so {@code docker/registry/v2/...}
 * is distribution's layout and an existing distribution bucket can be used in place. Directories are only
 * key prefixes: they exist while some object is under them.
 */
final class S3StorageDriver implements StorageDriver {
    static final String NAME = "s3";

    /** The longest a SigV4 presigned URL may be valid. */
    static final Duration MAX_REDIRECT_EXPIRY = Duration.ofDays(7);

    private final Bucket bucket;
    private final S3Settings settings;
    private final S3Presigner presigner;
    private final ExecutorService parts;
    private final AutoCloseable resources;

    /**
     * @param parts runs the background part uploads and copies of every writer and move
     * @param resources the client, credentials and the like, closed with the driver
     */
    S3StorageDriver(Bucket bucket, S3Settings settings, S3Presigner presigner, ExecutorService parts,
            AutoCloseable resources) {
        this.bucket = bucket;
        this.settings = settings;
        this.presigner = presigner;
        this.parts = parts;
        this.resources = resources;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<StorageStat> stat(String path) throws IOException {
        return bucket.head(bucket.key(path))
                .map(head -> new StorageStat(path, head.contentLength(), head.lastModified()));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        return bucket.get(bucket.key(path), offset, Optional.empty()).orElseThrow(() -> new PathNotFoundException(path));
    }

    /** Appending sizes the object now, so {@link StorageWriter#size()} is right before anything is written. */
    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        Optional<S3StorageWriter.Existing> existing = append
                ? bucket.head(bucket.key(path)).map(head -> new S3StorageWriter.Existing(head.contentLength(), head.eTag()))
                : Optional.empty();
        return new S3StorageWriter(bucket, path, settings, parts, existing, append);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return bucket.getBytes(bucket.key(path)).orElseThrow(() -> new PathNotFoundException(path));
    }

    /** A single PutObject: S3 replaces objects atomically, readers see the old or the new one. */
    @Override
    public void putContent(String path, byte[] content) throws IOException {
        bucket.put(bucket.key(path), content, content.length);
    }

    /**
     * S3 has no rename: a copy (atomic for readers of the target), then the source is deleted. The copy is
     * of the version just sized, so a source replaced meanwhile fails the move rather than mixing versions.
     */
    @Override
    public void move(String from, String to) throws IOException {
        String source = bucket.key(from);
        HeadObjectResponse head = bucket.head(source).orElseThrow(() -> new PathNotFoundException(from));
        if (from.equals(to)) {
            return;
        }
        String target = bucket.key(to);
        long size = head.contentLength();
        if (size <= settings.multipartCopyThreshold()) {
            bucket.copy(source, head.eTag(), target);
        } else {
            multipartCopy(source, head.eTag(), size, target);
        }
        bucket.delete(source);
    }

    /** Parts of {@code multipartcopychunksize} copied in parallel: required above 5 GiB, faster above a few MiB. */
    private void multipartCopy(String source, String eTag, long size, String target) throws IOException {
        long partSize = Math.max(settings.multipartCopyChunkSize(), Math.ceilDiv(size, S3Settings.MAX_PARTS));
        Multipart upload = Multipart.start(bucket, target, parts, settings.multipartCopyMaxConcurrency());
        try {
            int partNumber = 1;
            for (ByteRange range : ByteRange.fixed(size, partSize)) {
                int number = partNumber++;
                upload.submit(() -> bucket.copyPart(target, upload.uploadId(), number, source, eTag, range), () -> { });
            }
            upload.complete();
        } catch (IOException | RuntimeException e) {
            upload.abort(e);
            throw e;
        }
    }

    /**
     * The object at {@code path} and everything under {@code path/}, in batches, after aborting the multipart
     * uploads there: a writer that crashed leaves its upload behind, invisible to listings but billed.
     */
    @Override
    public void delete(String path) throws IOException {
        String key = bucket.key(path);
        List<String> keys = new ArrayList<>();
        if (bucket.head(key).isPresent()) {
            keys.add(key);
        }
        keys.addAll(bucket.keysUnder(key + "/"));
        bucket.abortMultipartsAt(key);
        if (keys.isEmpty()) {
            throw new PathNotFoundException(path);
        }
        bucket.delete(keys);
    }

    /** Names outside the path alphabet (objects another tool put in the bucket) are left out, as no path can name them. */
    @Override
    public List<String> list(String path) throws IOException {
        String parent = StoragePaths.ROOT.equals(path) ? StoragePaths.ROOT : path + "/";
        TreeSet<String> children = new TreeSet<>();
        for (String name : bucket.childNames(bucket.childPrefix(path))) {
            if (StoragePaths.isComponent(name)) {
                children.add(parent + name);
            }
        }
        if (children.isEmpty() && !StoragePaths.ROOT.equals(path)) {
            throw new PathNotFoundException(path);
        }
        return List.copyOf(children);
    }

    /**
     * A presigned GET, valid for {@code expiry} (at most the 7 days SigV4 allows). Signing is local: no request
     * is made, and the URL works only while the object exists and the signing credentials stay valid.
     */
    @Override
    public Optional<URI> redirectUrl(String path, Duration expiry) throws IOException {
        Duration valid = expiry.compareTo(MAX_REDIRECT_EXPIRY) > 0 ? MAX_REDIRECT_EXPIRY : expiry;
        String key = bucket.key(path);
        try {
            return Optional.of(presigner.presignGetObject(r -> r.signatureDuration(valid)
                    .getObjectRequest(get -> get.bucket(bucket.name()).key(key))).url().toURI());
        } catch (SdkException e) {
            throw S3Failures.of("presign GetObject", bucket.name(), key, e);
        } catch (URISyntaxException e) {
            throw new IOException("the presigned URL for s3://" + bucket.name() + "/" + key + " is not a URI", e);
        }
    }

    @Override
    public void close() throws IOException {
        parts.shutdownNow();
        try {
            resources.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the S3 driver failed", e);
        }
    }
}
