-- Wharf metadata catalog, version 1.
-- Text keys that are listed in order (repository names, tags) or compared byte for byte (digests)
-- use COLLATE "C": the registry API promises lexical (code point) order, whatever the database locale.

CREATE TABLE repository (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT repository_name_key UNIQUE (name)
);
COMMENT ON TABLE repository IS 'A repository (e.g. library/alpine); created by the first blob link or manifest push into it.';
COMMENT ON COLUMN repository.name IS 'Repository name as clients use it; unique, listed in byte order.';
COMMENT ON COLUMN repository.id IS 'Surrogate key referenced by the other tables.';
COMMENT ON COLUMN repository.created_at IS 'When the first push into the repository happened.';

CREATE TABLE blob (
    digest     text COLLATE "C" PRIMARY KEY,
    size       bigint NOT NULL CHECK (size >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE blob IS 'A blob whose bytes are in storage (layer, config or other content), registry wide.';
COMMENT ON COLUMN blob.digest IS 'Content digest, algorithm:hex (e.g. sha256:...); also the storage key.';
COMMENT ON COLUMN blob.size IS 'Size of the content in bytes.';

CREATE TABLE repository_blob (
    repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    blob_digest   text COLLATE "C" NOT NULL REFERENCES blob (digest),
    linked_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, blob_digest)
);
CREATE INDEX repository_blob_by_blob ON repository_blob (blob_digest);
COMMENT ON TABLE repository_blob IS 'Which repositories may serve which blobs (pushed or mounted into them).';
COMMENT ON COLUMN repository_blob.linked_at IS 'When the blob was first pushed or mounted into the repository.';
COMMENT ON INDEX repository_blob_by_blob IS 'Finds the repositories linking a blob (cross-repository lookups, garbage collection).';

CREATE TABLE manifest (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id  bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    digest         text COLLATE "C" NOT NULL,
    media_type     text NOT NULL,
    payload        bytea NOT NULL,
    size           bigint NOT NULL CHECK (size >= 0),
    artifact_type  text,
    subject_digest text COLLATE "C",
    annotations    jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT manifest_repository_digest_key UNIQUE (repository_id, digest)
);
CREATE INDEX manifest_referrers ON manifest (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;
COMMENT ON TABLE manifest IS 'A manifest (image manifest or index) stored in a repository, with its exact bytes.';
COMMENT ON COLUMN manifest.id IS 'Surrogate key referenced by tag, manifest_blob and manifest_child.';
COMMENT ON COLUMN manifest.repository_id IS 'Repository the manifest was pushed to (a manifest pushed to two repositories has two rows).';
COMMENT ON COLUMN manifest.digest IS 'Digest of payload, algorithm:hex; unique within the repository.';
COMMENT ON COLUMN manifest.media_type IS 'Media type the manifest is served with.';
COMMENT ON COLUMN manifest.payload IS 'The manifest bytes exactly as pushed; a GET returns them unchanged.';
COMMENT ON COLUMN manifest.size IS 'Length of payload in bytes.';
COMMENT ON COLUMN manifest.artifact_type IS 'Effective artifact type (artifactType, else config media type) reported by the referrers API.';
COMMENT ON COLUMN manifest.subject_digest IS 'Digest of the manifest this one refers to (OCI subject), for the referrers API.';
COMMENT ON COLUMN manifest.annotations IS 'The manifest''s own annotations, copied out of payload for the referrers API.';
COMMENT ON INDEX manifest_referrers IS 'Referrers query: manifests of a repository whose subject is a given digest.';

CREATE TABLE manifest_blob (
    manifest_id bigint NOT NULL REFERENCES manifest (id) ON DELETE CASCADE,
    blob_digest text COLLATE "C" NOT NULL REFERENCES blob (digest),
    PRIMARY KEY (manifest_id, blob_digest)
);
CREATE INDEX manifest_blob_by_blob ON manifest_blob (blob_digest);
COMMENT ON TABLE manifest_blob IS 'Blobs (config and layers) a manifest needs; dropped with the manifest.';
COMMENT ON COLUMN manifest_blob.blob_digest IS 'A config or layer blob of the manifest.';
COMMENT ON INDEX manifest_blob_by_blob IS 'Which manifests use a blob (garbage collection).';

CREATE TABLE manifest_child (
    parent_manifest_id bigint NOT NULL REFERENCES manifest (id) ON DELETE CASCADE,
    child_manifest_id  bigint NOT NULL REFERENCES manifest (id) ON DELETE CASCADE,
    PRIMARY KEY (parent_manifest_id, child_manifest_id)
);
CREATE INDEX manifest_child_by_child ON manifest_child (child_manifest_id);
COMMENT ON TABLE manifest_child IS 'Manifests an index lists (parent = the index); dropped with either side.';
COMMENT ON COLUMN manifest_child.parent_manifest_id IS 'The index (or manifest list).';
COMMENT ON COLUMN manifest_child.child_manifest_id IS 'A manifest the index lists; deleting it drops this row, not the index.';
COMMENT ON INDEX manifest_child_by_child IS 'Which indexes list a manifest (deletes, garbage collection).';

CREATE TABLE tag (
    repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    name          text COLLATE "C" NOT NULL,
    manifest_id   bigint NOT NULL REFERENCES manifest (id) ON DELETE CASCADE,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, name)
);
CREATE INDEX tag_by_manifest ON tag (manifest_id);
COMMENT ON TABLE tag IS 'A tag of a repository and the manifest it currently names; a manifest delete drops its tags.';
COMMENT ON COLUMN tag.name IS 'Tag name; unique within the repository, listed in byte order (primary key index).';
COMMENT ON COLUMN tag.manifest_id IS 'The manifest the tag names now.';
COMMENT ON COLUMN tag.updated_at IS 'When the tag was last pointed at a manifest.';
COMMENT ON INDEX tag_by_manifest IS 'Tags of a manifest (manifest deletes).';

CREATE TABLE upload_session (
    id              uuid PRIMARY KEY,
    repository_name text COLLATE "C" NOT NULL,
    started_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    byte_offset     bigint NOT NULL CHECK (byte_offset >= 0)
);
CREATE INDEX upload_session_by_updated_at ON upload_session (updated_at);
COMMENT ON TABLE upload_session IS 'Blob uploads in progress; their bytes are in storage under the upload directory.';
COMMENT ON COLUMN upload_session.repository_name IS 'Repository the upload targets; by name, as the repository row may not exist yet.';
COMMENT ON COLUMN upload_session.id IS 'Upload id, part of the upload URL given to the client.';
COMMENT ON COLUMN upload_session.started_at IS 'When the upload was started.';
COMMENT ON COLUMN upload_session.updated_at IS 'Last time bytes were received; abandoned sessions are expired by this.';
COMMENT ON COLUMN upload_session.byte_offset IS 'Bytes received so far, as last recorded.';
COMMENT ON INDEX upload_session_by_updated_at IS 'Finds stale sessions, oldest first.';
