package io.wharf.bootstrap.e2e;

import io.wharf.domain.model.Digest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds real image pieces for the end-to-end tests without any image library: ustar archives
 * (512-byte headers), gzip, image configs and manifests as JSON text. Also reads tar archives back.
 */
final class ImageFixtures {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private ImageFixtures() {
    }

    /** A layer: the uncompressed tar (whose digest is the diff_id) and its gzip form (the blob). */
    record Layer(byte[] tar, byte[] gzipped) {
        static Layer of(Map<String, byte[]> files) {
            byte[] tar = ImageFixtures.tar(files);
            return new Layer(tar, gzip(tar));
        }

        Digest diffId() {
            return Digest.sha256(tar);
        }

        Digest digest() {
            return Digest.sha256(gzipped);
        }
    }

    static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- tar ---------------------------------------------------------------------------------

    /**
     * A ustar archive of the given entries in order; names ending in {@code /} are directories.
     * Parent directories are not added implicitly.
     */
    static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            boolean directory = name.endsWith("/");
            byte[] content = directory ? new byte[0] : entry.getValue();
            out.writeBytes(header(name, content.length, directory));
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length)]);
        }
        out.writeBytes(new byte[1024]); // two zero blocks end the archive
        return out.toByteArray();
    }

    private static int padding(long size) {
        return (int) ((512 - size % 512) % 512);
    }

    private static byte[] header(String name, long size, boolean directory) {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("name longer than 100 bytes: " + name);
        }
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, directory ? 0755 : 0644); // mode
        octal(header, 108, 8, 0);                       // uid
        octal(header, 116, 8, 0);                       // gid
        octal(header, 124, 12, size);                   // size
        octal(header, 136, 12, 1_700_000_000L);         // mtime
        header[156] = (byte) (directory ? '5' : '0');   // typeflag
        ascii(header, 257, "ustar\0");                  // magic
        ascii(header, 263, "00");                       // version
        ascii(header, 265, "root");                     // uname
        ascii(header, 297, "root");                     // gname
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';                            // checksum counted as spaces
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        String checksum = String.format("%06o", sum);
        ascii(header, 148, checksum);
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String text = String.format("%0" + (length - 1) + "o", value);
        ascii(header, offset, text);
        header[offset + length - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Reads a (ustar or GNU/PAX-free) tar archive into name → content; directories map to empty arrays. */
    static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int pos = 0;
        while (pos + 512 <= tar.length) {
            boolean empty = true;
            for (int i = pos; i < pos + 512; i++) {
                if (tar[i] != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                break;
            }
            String name = cString(tar, pos, 100);
            String prefix = cString(tar, pos + 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            String sizeField = cString(tar, pos + 124, 12).trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            pos += 512;
            byte[] content = new byte[(int) size];
            System.arraycopy(tar, pos, content, 0, (int) size);
            entries.put(name, content);
            pos += (int) size + padding(size);
        }
        return entries;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    // ---- gzip --------------------------------------------------------------------------------

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] content) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isGzip(byte[] content) {
        return content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    // ---- JSON --------------------------------------------------------------------------------

    /** An image config for linux/amd64 whose rootfs lists the layers' diff_ids, one history entry each. */
    static byte[] config(List<Layer> layers, String... env) {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            String sep = i == 0 ? "" : ",";
            diffIds.append(sep).append('"').append(layers.get(i).diffId()).append('"');
            history.append(sep).append("{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"wharf e2e layer ")
                    .append(i).append("\"}");
        }
        StringBuilder envJson = new StringBuilder();
        for (int i = 0; i < env.length; i++) {
            envJson.append(i == 0 ? "" : ",").append('"').append(env[i]).append('"');
        }
        String json = "{\"created\":\"2024-01-01T00:00:00Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"Env\":[" + envJson + "],\"WorkingDir\":\"/\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},"
                + "\"history\":[" + history + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.sha256(content)
                + "\",\"size\":" + content.length + "}";
    }

    /** An image manifest ({@code schemaVersion} 2) of the given media types, with {@code mediaType} set. */
    static byte[] manifest(String manifestType, String configType, byte[] config, String layerType,
                           List<byte[]> layerBlobs) {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < layerBlobs.size(); i++) {
            layers.append(i == 0 ? "" : ",").append(descriptor(layerType, layerBlobs.get(i)));
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\","
                + "\"config\":" + descriptor(configType, config) + ","
                + "\"layers\":[" + layers + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
