package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.ManifestParser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Small manifests built from JSON text, parsed by the domain exactly as a push would be. */
final class TestManifests {
    static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private TestManifests() {
    }

    static BlobRecord blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new BlobRecord(Digest.sha256(bytes), bytes.length);
    }

    static Manifest image(BlobRecord config, List<BlobRecord> layers) {
        return image(config, layers, Optional.empty(), Optional.empty(), Map.of());
    }

    static Manifest image(BlobRecord config, List<BlobRecord> layers, Optional<Manifest> subject,
                          Optional<String> artifactType, Map<String, String> annotations) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + IMAGE + "\"");
        artifactType.ifPresent(t -> json.append(",\"artifactType\":\"").append(t).append('"'));
        json.append(",\"config\":").append(descriptor(CONFIG, config.digest(), config.size()));
        json.append(",\"layers\":[")
                .append(layers.stream().map(l -> descriptor(LAYER, l.digest(), l.size())).collect(Collectors.joining(",")))
                .append(']');
        subject.ifPresent(s -> json.append(",\"subject\":").append(descriptor(s.mediaType(), s.digest(), s.size())));
        if (!annotations.isEmpty()) {
            json.append(",\"annotations\":{").append(annotations.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(","))).append('}');
        }
        return parse(json.append('}').toString(), IMAGE);
    }

    static Manifest index(List<Manifest> children) {
        String manifests = children.stream().map(c -> descriptor(c.mediaType(), c.digest(), c.size()))
                .collect(Collectors.joining(","));
        return parse("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + manifests + "]}", INDEX);
    }

    private static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static Manifest parse(String json, String mediaType) {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), Optional.of(mediaType), DigestAlgorithm.SHA256);
    }
}
