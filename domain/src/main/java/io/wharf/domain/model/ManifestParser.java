package io.wharf.domain.model;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.json.JsonException;
import io.wharf.domain.json.JsonReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns pushed bytes into a {@link Manifest}, rejecting anything the registry could not serve back
 * faithfully: malformed JSON, an unknown or contradictory media type, missing or invalid descriptors.
 */
public final class ManifestParser {
    private ManifestParser() {
    }

    /**
     * @param contentType the request's Content-Type without parameters, or empty
     * @param algorithm   the algorithm to identify the manifest by (sha256 unless pushed by a sha512 digest)
     */
    public static Manifest parse(byte[] payload, Optional<String> contentType, DigestAlgorithm algorithm) {
        Map<String, Object> root = object(parseJson(payload), "manifest");
        Optional<String> declared = optionalString(root, "mediaType");
        ManifestKind kind = kindOf(root, contentType, declared);
        Object schemaVersion = root.get("schemaVersion");
        if (!(schemaVersion instanceof Long v) || v != 2) {
            throw invalid("schemaVersion must be 2");
        }
        Optional<Descriptor> config = Optional.empty();
        List<Descriptor> blobs = new ArrayList<>();
        List<Descriptor> children = List.of();
        if (kind.isIndex()) {
            children = descriptors(root, "manifests");
        } else {
            Descriptor configDescriptor = descriptor(required(root, "config"), "config");
            config = Optional.of(configDescriptor);
            blobs.add(configDescriptor);
            blobs.addAll(descriptors(root, "layers"));
        }
        Optional<Descriptor> subject = root.containsKey("subject")
                ? Optional.of(descriptor(root.get("subject"), "subject"))
                : Optional.empty();
        return new Manifest(kind, Digest.of(algorithm, payload), payload, config, blobs, children, subject,
                optionalString(root, "artifactType"), annotations(root.get("annotations"), "annotations"));
    }

    private static Object parseJson(byte[] payload) {
        try {
            return JsonReader.parse(payload);
        } catch (JsonException e) {
            throw invalid("manifest is not valid JSON: " + e.getMessage());
        }
    }

    private static ManifestKind kindOf(Map<String, Object> root, Optional<String> contentType,
                                       Optional<String> declared) {
        if (contentType.isPresent() && declared.isPresent() && !contentType.get().equals(declared.get())) {
            throw invalid("Content-Type '" + contentType.get() + "' differs from the manifest's mediaType '"
                    + declared.get() + "'");
        }
        Optional<String> mediaType = declared.or(() -> contentType);
        if (mediaType.isPresent()) {
            return ManifestKind.byMediaType(mediaType.get()).orElseThrow(() -> invalid(
                    "manifest media type '" + mediaType.get() + "' is not supported; supported: "
                            + java.util.Arrays.stream(ManifestKind.values()).map(ManifestKind::mediaType).toList()));
        }
        // An OCI manifest may omit mediaType; its shape then says what it is.
        if (root.containsKey("manifests")) {
            return ManifestKind.OCI_IMAGE_INDEX;
        }
        if (root.containsKey("config")) {
            return ManifestKind.OCI_IMAGE_MANIFEST;
        }
        throw invalid("manifest has no mediaType and is neither an image manifest nor an index");
    }

    private static List<Descriptor> descriptors(Map<String, Object> root, String field) {
        Object value = required(root, field);
        if (!(value instanceof List<?> list)) {
            throw invalid("'" + field + "' must be an array");
        }
        List<Descriptor> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(descriptor(list.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static Descriptor descriptor(Object value, String where) {
        Map<String, Object> map = object(value, where);
        String mediaType = optionalString(map, "mediaType")
                .orElseThrow(() -> invalid(where + ".mediaType is required"));
        Object digestText = map.get("digest");
        if (!(digestText instanceof String text)) {
            throw invalid(where + ".digest is required");
        }
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (RegistryException e) {
            throw invalid(where + ".digest: " + e.detail());
        }
        if (!(map.get("size") instanceof Long size) || size < 0) {
            throw invalid(where + ".size must be a non-negative integer");
        }
        return new Descriptor(mediaType, digest, size, optionalString(map, "artifactType"),
                annotations(map.get("annotations"), where + ".annotations"));
    }

    private static Map<String, String> annotations(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        Map<String, Object> map = object(value, where);
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw invalid(where + "." + k + " must be a string");
            }
            out.put(k, s);
        });
        return out;
    }

    private static Object required(Map<String, Object> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            throw invalid("'" + field + "' is required");
        }
        return value;
    }

    private static Optional<String> optionalString(Map<String, Object> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw invalid("'" + field + "' must be a string");
        }
        return Optional.of(s);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(where + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static RegistryException invalid(String detail) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, detail);
    }
}
