package io.wharf.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transparent TCP forwarder in front of the registry that records every byte a client sends,
 * so a test can see which requests an independent client made and how much it uploaded, without
 * touching the client or the registry.
 */
final class RecordingProxy implements AutoCloseable {
    private static final Pattern REQUEST_LINE =
            Pattern.compile("(GET|HEAD|POST|PUT|PATCH|DELETE) (/\\S*) HTTP/1\\.[01]\r\n");

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<ByteArrayOutputStream> sent = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private RecordingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "recording-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RecordingProxy to(String host, int port) {
        try {
            return new RecordingProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT} of the proxy. */
    String authority() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Forgets what was recorded so far (connections already open keep being recorded afresh). */
    synchronized void reset() {
        for (ByteArrayOutputStream out : sent) {
            synchronized (out) {
                out.reset();
            }
        }
    }

    /** All bytes clients sent since the last reset, over every connection. */
    long bytesSent() {
        long total = 0;
        for (ByteArrayOutputStream out : sent) {
            synchronized (out) {
                total += out.size();
            }
        }
        return total;
    }

    /** The request lines ({@code METHOD /path?query}) clients sent since the last reset. */
    List<String> requests() {
        List<String> requests = new ArrayList<>();
        for (ByteArrayOutputStream out : sent) {
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.ISO_8859_1);
            }
            Matcher matcher = REQUEST_LINE.matcher(text);
            while (matcher.find()) {
                requests.add(matcher.group(1) + " " + matcher.group(2));
            }
        }
        return requests;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                sent.add(record);
                pump(client, upstream, record);
                pump(upstream, client, null);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("recording proxy: " + e);
                }
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "recording-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(RecordingProxy::closeQuietly);
    }
}
