package io.wharf.http;

import io.wharf.application.port.in.BlobReads;
import io.wharf.application.port.in.BlobUploads;
import io.wharf.application.port.in.Listings;
import io.wharf.application.port.in.Manifests;
import io.wharf.domain.event.Origin;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Small in-memory stand-ins for the four use cases: just enough behaviour to exercise the HTTP mapping. */
final class InTestFakes {
    static final String BOOM = "secret internal detail 42";
    static final UUID SESSION = UUID.fromString("0b0e3c6e-2b7c-4f45-9d5c-8a0e1f6b2c11");

    private InTestFakes() {
    }

    static final class Blobs implements BlobReads {
        final Map<Digest, byte[]> content = new ConcurrentHashMap<>();
        final AtomicInteger opens = new AtomicInteger();
        /** A digest whose reads fail the way a bug would. */
        Digest exploding;

        Digest add(byte[] bytes) {
            Digest digest = Digest.sha256(bytes);
            content.put(digest, bytes);
            return digest;
        }

        @Override
        public BlobRecord stat(RepositoryName repository, Digest digest) {
            if (digest.equals(exploding)) {
                throw new IllegalStateException(BOOM);
            }
            byte[] bytes = content.get(digest);
            if (bytes == null) {
                throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "no blob " + digest);
            }
            return new BlobRecord(digest, bytes.length);
        }

        @Override
        public BlobContent open(RepositoryName repository, Digest digest, Optional<ByteRange> range, Origin origin) {
            BlobRecord blob = stat(repository, digest);
            byte[] bytes = content.get(digest);
            Optional<ByteRange> cut = range.map(r -> {
                if (r.first() >= blob.size()) {
                    throw new RegistryException(ErrorCode.SIZE_INVALID, Failure.RANGE_NOT_SATISFIABLE, "past the end");
                }
                return new ByteRange(r.first(), Math.min(r.last(), blob.size() - 1));
            });
            int from = (int) (long) cut.map(ByteRange::first).orElse(0L);
            int length = (int) (long) cut.map(ByteRange::length).orElse(blob.size());
            return new BlobContent(blob, cut, Optional.empty(), () -> {
                opens.incrementAndGet();
                return new ByteArrayInputStream(bytes, from, length);
            });
        }

        @Override
        public void delete(RepositoryName repository, Digest digest, Origin origin) {
            stat(repository, digest);
            content.remove(digest);
        }
    }

    static final class Uploads implements BlobUploads {
        final AtomicInteger offset = new AtomicInteger();

        @Override
        public UploadStatus start(RepositoryName repository) {
            offset.set(0);
            return new UploadStatus(repository, SESSION, 0);
        }

        @Override
        public BlobRecord uploadWhole(RepositoryName repository, Digest expected, InputStream body, Origin origin) {
            byte[] bytes = readAll(body);
            if (!Digest.sha256(bytes).equals(expected)) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID, "content does not hash to " + expected);
            }
            return new BlobRecord(expected, bytes.length);
        }

        @Override
        public UploadStatus append(RepositoryName repository, UUID session, Optional<ByteRange> range, InputStream body) {
            known(session);
            if (range.isPresent() && range.get().first() != offset.get()) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, Failure.RANGE_NOT_SATISFIABLE,
                        "chunk starts at " + range.get().first() + ", upload is at " + offset.get());
            }
            offset.addAndGet(readAll(body).length);
            return new UploadStatus(repository, session, offset.get());
        }

        @Override
        public UploadStatus status(RepositoryName repository, UUID session) {
            known(session);
            return new UploadStatus(repository, session, offset.get());
        }

        @Override
        public BlobRecord complete(RepositoryName repository, UUID session, Digest expected, Optional<InputStream> lastChunk,
                                   Origin origin) {
            known(session);
            int last = lastChunk.map(in -> readAll(in).length).orElse(0);
            return new BlobRecord(expected, offset.get() + last);
        }

        @Override
        public void cancel(RepositoryName repository, UUID session) {
            known(session);
        }

        @Override
        public Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from,
                                          Origin origin) {
            return from.filter(f -> f.value().equals("lib/other")).map(f -> new BlobRecord(digest, 3));
        }

        private static void known(UUID session) {
            if (!session.equals(SESSION)) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + session);
            }
        }
    }

    static class ManifestStore implements Manifests {
        final Map<String, StoredManifest> byReference = new ConcurrentHashMap<>();
        volatile Optional<Digest> subject = Optional.empty();
        volatile String lastContentType;
        volatile Origin lastOrigin;

        @Override
        public PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType,
                                   byte[] payload, Origin origin) {
            lastContentType = contentType.orElse(null);
            lastOrigin = origin;
            Digest digest = Digest.sha256(payload);
            StoredManifest stored = new StoredManifest(contentType.orElse("application/vnd.oci.image.manifest.v1+json"),
                    digest, payload);
            byReference.put(reference.toString(), stored);
            byReference.put(digest.toString(), stored);
            return new PushedManifest(digest, subject);
        }

        @Override
        public StoredManifest get(RepositoryName repository, Reference reference) {
            StoredManifest m = byReference.get(reference.toString());
            if (m == null) {
                throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "no manifest " + reference);
            }
            return m;
        }

        @Override
        public StoredManifest pull(RepositoryName repository, Reference reference, Origin origin) {
            lastOrigin = origin;
            return get(repository, reference);
        }

        @Override
        public void delete(RepositoryName repository, Reference reference, Origin origin) {
            get(repository, reference);
            byReference.remove(reference.toString());
        }
    }

    static final class Listing implements Listings {
        final List<String> tags = List.of("a", "b", "c", "d", "e");
        final List<String> repositories = List.of("lib/app", "lib/other", "x");
        volatile List<Descriptor> referrers = List.of();

        @Override
        public Page<Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after) {
            if (!repository.value().startsWith("lib/")) {
                throw new RegistryException(ErrorCode.NAME_UNKNOWN, "no repository " + repository);
            }
            return page(tags, limit, after).map(Tag::of);
        }

        @Override
        public Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after) {
            return page(repositories, limit, after).map(RepositoryName::of);
        }

        @Override
        public List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType) {
            return referrers.stream().filter(d -> artifactType.isEmpty() || d.artifactType().equals(artifactType)).toList();
        }

        private static StringPage page(List<String> all, OptionalInt limit, Optional<String> after) {
            List<String> rest = all.stream().filter(s -> after.isEmpty() || s.compareTo(after.get()) > 0).toList();
            int n = limit.orElse(1000);
            return new StringPage(rest.subList(0, Math.min(n, rest.size())), rest.size() > n);
        }

        private record StringPage(List<String> items, boolean more) {
            <T> Page<T> map(java.util.function.Function<String, T> f) {
                return new Page<>(items.stream().map(f).toList(), more);
            }
        }
    }

    static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
