package io.wharf.storage.gcs;

import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.services.storage.Storage;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.Tuple;
import com.google.cloud.storage.spi.v1.StorageRpc;
import com.google.cloud.storage.testing.StorageRpcTestBase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Google's in-process {@code FakeStorageRpc} (from {@code LocalStorageHelper}) keeps objects in plain HashMaps
 * and says it is not thread-safe, while the contract runs writers, movers and readers at once. This runs each
 * of its calls under one lock and hands out copies of the metadata it keeps, so concurrent calls behave as
 * they would against a server. The SDK reaches the fake two ways: through these RPC methods, and (for upload
 * chunks and reads) through HTTP requests to the fake's in-memory transport, which are locked the same way.
 * Nothing is added: every call and every response is the fake's.
 */
final class SynchronizedStorageRpc extends StorageRpcTestBase {
    private final StorageRpc fake;
    private final Object lock = new Object();
    private final Storage transportClient;

    SynchronizedStorageRpc(StorageRpc fake) {
        this.fake = fake;
        Storage original = fake.getStorage();
        HttpRequestFactory requests = original.getRequestFactory();
        this.transportClient = new Storage.Builder(
                new LockedTransport((MockHttpTransport) requests.getTransport()),
                original.getJsonFactory(), requests.getInitializer())
                .setRootUrl(original.getRootUrl())
                .setServicePath(original.getServicePath())
                .setApplicationName(original.getApplicationName())
                .build();
    }

    private static StorageObject copy(StorageObject object) {
        return object == null ? null : object.clone();
    }

    @Override
    public StorageObject create(StorageObject object, InputStream content, Map<Option, ?> options) {
        synchronized (lock) {
            return copy(fake.create(object, content, options));
        }
    }

    @Override
    public Tuple<String, Iterable<StorageObject>> list(String bucket, Map<Option, ?> options) {
        synchronized (lock) {
            Tuple<String, Iterable<StorageObject>> page = fake.list(bucket, options);
            List<StorageObject> copies = new ArrayList<>();
            page.y().forEach(object -> copies.add(copy(object)));
            return Tuple.of(page.x(), copies);
        }
    }

    @Override
    public StorageObject get(StorageObject object, Map<Option, ?> options) {
        synchronized (lock) {
            return copy(fake.get(object, options));
        }
    }

    @Override
    public boolean delete(StorageObject object, Map<Option, ?> options) {
        synchronized (lock) {
            return fake.delete(object, options);
        }
    }

    @Override
    public StorageObject compose(Iterable<StorageObject> sources, StorageObject target, Map<Option, ?> targetOptions) {
        synchronized (lock) {
            return copy(fake.compose(sources, target, targetOptions));
        }
    }

    @Override
    public byte[] load(StorageObject object, Map<Option, ?> options) {
        synchronized (lock) {
            return fake.load(object, options);
        }
    }

    @Override
    public Tuple<String, byte[]> read(StorageObject from, Map<Option, ?> options, long position, int bytes) {
        synchronized (lock) {
            return fake.read(from, options, position, bytes);
        }
    }

    @Override
    public long read(StorageObject from, Map<Option, ?> options, long position, OutputStream out) {
        synchronized (lock) {
            return fake.read(from, options, position, out);
        }
    }

    @Override
    public String open(StorageObject object, Map<Option, ?> options) {
        synchronized (lock) {
            return fake.open(object, options);
        }
    }

    @Override
    public String open(String signedUrl) {
        synchronized (lock) {
            return fake.open(signedUrl);
        }
    }

    @Override
    public void write(String uploadId, byte[] toWrite, int toWriteOffset, long destOffset, int length, boolean last) {
        synchronized (lock) {
            fake.write(uploadId, toWrite, toWriteOffset, destOffset, length, last);
        }
    }

    @Override
    public StorageObject writeWithResponse(String uploadId, byte[] toWrite, int toWriteOffset, long destOffset, int length, boolean last) {
        synchronized (lock) {
            return copy(fake.writeWithResponse(uploadId, toWrite, toWriteOffset, destOffset, length, last));
        }
    }

    @Override
    public RewriteResponse openRewrite(RewriteRequest request) {
        synchronized (lock) {
            return fake.openRewrite(request);
        }
    }

    @Override
    public Storage getStorage() {
        return transportClient;
    }

    /** The fake's transport, each request executed under the lock. */
    private final class LockedTransport extends HttpTransport {
        private final MockHttpTransport transport;

        LockedTransport(MockHttpTransport transport) {
            this.transport = transport;
        }

        @Override
        protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
            LowLevelHttpRequest request;
            synchronized (lock) {
                request = transport.buildRequest(method, url);
            }
            return new LockedRequest(request);
        }
    }

    private final class LockedRequest extends LowLevelHttpRequest {
        private final LowLevelHttpRequest request;

        LockedRequest(LowLevelHttpRequest request) {
            this.request = request;
        }

        @Override
        public void addHeader(String name, String value) throws IOException {
            request.addHeader(name, value);
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) throws IOException {
            request.setTimeout(connectTimeout, readTimeout);
        }

        @Override
        public void setWriteTimeout(int writeTimeout) throws IOException {
            request.setWriteTimeout(writeTimeout);
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            request.setContentEncoding(getContentEncoding());
            request.setContentLength(getContentLength());
            request.setContentType(getContentType());
            request.setStreamingContent(getStreamingContent());
            synchronized (lock) {
                return request.execute();
            }
        }
    }
}
