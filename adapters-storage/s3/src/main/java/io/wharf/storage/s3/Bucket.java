package io.wharf.storage.s3;

import io.wharf.domain.port.StoragePaths;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The S3 requests the driver makes, on keys of one bucket: each one in one place, with the encryption
 * and storage class every new object gets, and with SDK failures turned into messages naming the
 * operation, bucket and key. Storage paths become keys here and nowhere else.
 */
final class Bucket {
    /** DeleteObjects takes at most this many keys a request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final String name;
    private final String keyPrefix;
    private final S3Settings.Encryption encryption;
    private final Optional<String> storageClass;

    Bucket(S3Client client, S3Settings settings) {
        this.client = client;
        this.name = settings.bucket();
        this.keyPrefix = settings.keyPrefix();
        this.encryption = settings.encryption();
        this.storageClass = settings.storageClass();
    }

    String name() {
        return name;
    }

    /** The key of an object path: the root directory prefix and the path without its leading '/'. */
    String key(String path) {
        return keyPrefix + path.substring(1);
    }

    /** The prefix under which the children of directory {@code path} are keyed. */
    String childPrefix(String path) {
        return StoragePaths.ROOT.equals(path) ? keyPrefix : key(path) + "/";
    }

    /** The object's size and ETag, or empty when there is none (HEAD answers 404 for "directories" too). */
    Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(client.headObject(r -> r.bucket(name).key(key)));
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 404)) {
                return Optional.empty();
            }
            throw S3Failures.of("HeadObject", name, key, e);
        }
    }

    /**
     * A stream of the object from {@code offset}, empty when {@code offset} is at or past its end; or
     * nothing when there is no object. With an {@code eTag}, only that version of the object is read.
     */
    Optional<InputStream> get(String key, long offset, Optional<String> eTag) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> response = client.getObject(r -> {
                r.bucket(name).key(key);
                if (offset > 0) {
                    r.range("bytes=" + offset + "-");
                }
                eTag.ifPresent(r::ifMatch);
            });
            return Optional.of(new ObjectStream(response, "s3://" + name + "/" + key));
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 416)) {
                return Optional.of(InputStream.nullInputStream()); // S3's answer to a range starting at or after the end
            }
            if (S3Failures.isStatus(e, 404)) {
                return Optional.empty();
            }
            throw S3Failures.of("GetObject", name, key, e);
        }
    }

    /** Reads a whole object, or empty when there is none. */
    Optional<byte[]> getBytes(String key) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(r -> r.bucket(name).key(key)).asByteArrayUnsafe());
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 404)) {
                return Optional.empty();
            }
            throw S3Failures.of("GetObject", name, key, e);
        }
    }

    /** Reads {@code length} bytes of an object known to have at least as many into {@code into}. */
    void readFully(String key, String eTag, byte[] into, int length) throws IOException {
        InputStream in = get(key, 0, Optional.of(eTag)).orElseThrow(
                () -> new IOException("S3 object s3://" + name + "/" + key + " vanished while being appended to"));
        try (in) {
            int read = in.readNBytes(into, 0, length);
            if (read != length) {
                throw new IOException("S3 object s3://" + name + "/" + key + " ended after " + read
                        + " of " + length + " bytes");
            }
        }
    }

    void put(String key, byte[] bytes, int length) throws IOException {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(name).key(key).contentLength((long) length);
        newObject(request::serverSideEncryption, request::ssekmsKeyId, request::storageClass);
        try {
            client.putObject(request.build(), body(bytes, length));
        } catch (SdkException e) {
            throw S3Failures.of("PutObject", name, key, e);
        }
    }

    /** Copies an object of at most 5 GiB in one request, only if it is still the version {@code eTag}. */
    void copy(String sourceKey, String eTag, String targetKey) throws IOException {
        CopyObjectRequest.Builder request = CopyObjectRequest.builder()
                .sourceBucket(name).sourceKey(sourceKey).copySourceIfMatch(eTag)
                .destinationBucket(name).destinationKey(targetKey);
        newObject(request::serverSideEncryption, request::ssekmsKeyId, request::storageClass);
        try {
            client.copyObject(request.build());
        } catch (SdkException e) {
            throw S3Failures.of("CopyObject from " + sourceKey, name, targetKey, e);
        }
    }

    /** Deletes one object; S3 answers success whether or not it existed. */
    void delete(String key) throws IOException {
        try {
            client.deleteObject(r -> r.bucket(name).key(key));
        } catch (SdkException e) {
            throw S3Failures.of("DeleteObject", name, key, e);
        }
    }

    /** Deletes keys in batches; a key S3 could not delete fails the call, naming it and S3's reason. */
    void delete(List<String> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            DeleteObjectsResponse response;
            try {
                response = client.deleteObjects(r -> r.bucket(name).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw S3Failures.of("DeleteObjects", name, batch.getFirst().key() + " (and "
                        + (batch.size() - 1) + " more)", e);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                S3Error first = response.errors().getFirst();
                throw new IOException("S3 DeleteObjects of s3://" + name + "/" + first.key() + " failed: "
                        + first.code() + ": " + first.message() + " (" + response.errors().size()
                        + " of " + batch.size() + " keys not deleted)");
            }
        }
    }

    /** Every key under {@code prefix}, across all pages. */
    List<String> keysUnder(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix))) {
                for (S3Object object : page.contents()) {
                    keys.add(object.key());
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("ListObjectsV2", name, prefix, e);
        }
        return keys;
    }

    /** The names (not keys) directly under {@code prefix}, objects and "directories" alike, across all pages. */
    List<String> childNames(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(
                    r -> r.bucket(name).prefix(prefix).delimiter("/"))) {
                page.commonPrefixes().forEach(common ->
                        names.add(common.prefix().substring(prefix.length(), common.prefix().length() - 1)));
                page.contents().forEach(object -> names.add(object.key().substring(prefix.length())));
            }
        } catch (SdkException e) {
            throw S3Failures.of("ListObjectsV2", name, prefix, e);
        }
        return names;
    }

    String startMultipart(String key) throws IOException {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(name).key(key);
        newObject(request::serverSideEncryption, request::ssekmsKeyId, request::storageClass);
        try {
            return client.createMultipartUpload(request.build()).uploadId();
        } catch (SdkException e) {
            throw S3Failures.of("CreateMultipartUpload", name, key, e);
        }
    }

    CompletedPart uploadPart(String key, String uploadId, int partNumber, byte[] bytes, int length)
            throws IOException {
        try {
            String eTag = client.uploadPart(r -> r.bucket(name).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength((long) length),
                    body(bytes, length)).eTag();
            return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
        } catch (SdkException e) {
            throw S3Failures.of("UploadPart " + partNumber, name, key, e);
        }
    }

    /** Copies bytes {@code first..last} (inclusive) of version {@code eTag} of another object as one part. */
    CompletedPart copyPart(String key, String uploadId, int partNumber, String sourceKey, String eTag,
            ByteRange range) throws IOException {
        try {
            String partETag = client.uploadPartCopy(r -> r.sourceBucket(name).sourceKey(sourceKey)
                    .copySourceIfMatch(eTag).copySourceRange("bytes=" + range.first() + "-" + range.last())
                    .destinationBucket(name).destinationKey(key).uploadId(uploadId).partNumber(partNumber))
                    .copyPartResult().eTag();
            return CompletedPart.builder().partNumber(partNumber).eTag(partETag).build();
        } catch (SdkException e) {
            throw S3Failures.of("UploadPartCopy " + partNumber + " from " + sourceKey, name, key, e);
        }
    }

    void completeMultipart(String key, String uploadId, List<CompletedPart> parts) throws IOException {
        try {
            client.completeMultipartUpload(r -> r.bucket(name).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (SdkException e) {
            throw S3Failures.of("CompleteMultipartUpload", name, key, e);
        }
    }

    void abortMultipart(String key, String uploadId) throws IOException {
        try {
            client.abortMultipartUpload(r -> r.bucket(name).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 404)) {
                return; // already aborted or completed: nothing is left to clean
            }
            throw S3Failures.of("AbortMultipartUpload", name, key, e);
        }
    }

    /**
     * Aborts the multipart uploads at {@code key} or under {@code key/}: crashed writers leave them behind,
     * invisible but billed. A store that does not implement the listing (HTTP 501) has nothing to abort.
     */
    void abortMultipartsAt(String key) throws IOException {
        List<MultipartUpload> found = new ArrayList<>();
        try {
            client.listMultipartUploadsPaginator(r -> r.bucket(name).prefix(key)).stream()
                    .flatMap(page -> page.uploads().stream())
                    .filter(upload -> upload.key().equals(key) || upload.key().startsWith(key + "/"))
                    .forEach(found::add);
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 501)) {
                return;
            }
            throw S3Failures.of("ListMultipartUploads", name, key, e);
        }
        for (MultipartUpload upload : found) {
            abortMultipart(upload.key(), upload.uploadId());
        }
    }

    /** A body over the caller's array without copying it; each (re)try reads it afresh. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }

    /** The encryption and storage class of a new object, set on whichever request creates it. */
    private void newObject(Consumer<ServerSideEncryption> sse, Consumer<String> kmsKeyId, Consumer<String> storage) {
        if (encryption.enabled()) {
            encryption.kmsKeyId().ifPresentOrElse(id -> {
                sse.accept(ServerSideEncryption.AWS_KMS);
                kmsKeyId.accept(id);
            }, () -> sse.accept(ServerSideEncryption.AES256));
        }
        storageClass.ifPresent(storage);
    }
}
