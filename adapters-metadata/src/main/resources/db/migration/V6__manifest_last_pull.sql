-- When each manifest was last pulled, for reports. A table of its own rather than a column of manifest:
-- an update of a manifest row would rewrite it and wake the manifest-change listeners for nothing.
CREATE TABLE manifest_pull (
    manifest_id    bigint PRIMARY KEY REFERENCES manifest (id) ON DELETE CASCADE,
    last_pulled_at timestamptz NOT NULL
);
COMMENT ON TABLE manifest_pull IS 'When each manifest was last pulled (GET by tag or digest). Written in batches about once a minute, so up to a minute late; a crash can lose the last minute of pulls.';
COMMENT ON COLUMN manifest_pull.manifest_id IS 'The manifest pulled; a manifest never pulled has no row.';
COMMENT ON COLUMN manifest_pull.last_pulled_at IS 'The latest pull recorded; it only moves forward.';

CREATE OR REPLACE VIEW report_tag AS
SELECT r.name AS repository, t.name AS tag, m.digest, m.media_type, m.size AS manifest_bytes,
       t.updated_at AS tagged_at, now() - t.updated_at AS age, p.last_pulled_at
FROM tag t
JOIN repository r ON r.id = t.repository_id
JOIN manifest m ON m.id = t.manifest_id
LEFT JOIN manifest_pull p ON p.manifest_id = m.id;
COMMENT ON VIEW report_tag IS 'Every tag with the manifest it points at, when it last moved, and when that manifest was last pulled (NULL: never, as far as the catalog knows; up to a minute late).';
