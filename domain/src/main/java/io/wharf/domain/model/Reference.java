package io.wharf.domain.model;

/** What a manifest request names: a tag or a digest. */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

    record ByTag(Tag tag) implements Reference {
        @Override
        public String toString() {
            return tag.value();
        }
    }

    record ByDigest(Digest digest) implements Reference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }

    /** A reference containing ':' is a digest, anything else a tag; both are validated. */
    static Reference parse(String text) {
        return Digest.looksLikeDigest(text)
                ? new ByDigest(Digest.parse(text))
                : new ByTag(Tag.of(text));
    }
}
