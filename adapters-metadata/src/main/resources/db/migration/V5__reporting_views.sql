-- Wharf metadata catalog, version 5: reporting views. Stable names and columns for operators' SQL
-- (docs/sql-reporting.md); the tables underneath may change, these views keep their shape.

CREATE VIEW report_repository_size AS
SELECT r.name AS repository,
       (SELECT count(*) FROM manifest m WHERE m.repository_id = r.id) AS manifests,
       (SELECT count(*) FROM tag t WHERE t.repository_id = r.id) AS tags,
       count(b.digest) AS blobs,
       coalesce(sum(b.size), 0)::bigint AS logical_bytes,
       coalesce(sum(b.size) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM repository_blob other
           WHERE other.blob_digest = b.digest AND other.repository_id <> r.id)), 0)::bigint AS exclusive_bytes,
       (SELECT coalesce(sum(m.size), 0) FROM manifest m WHERE m.repository_id = r.id)::bigint AS manifest_bytes,
       r.created_at
FROM repository r
LEFT JOIN repository_blob rb ON rb.repository_id = r.id
LEFT JOIN blob b ON b.digest = rb.blob_digest
GROUP BY r.id, r.name, r.created_at;
COMMENT ON VIEW report_repository_size IS 'Per repository: manifests, tags, linked blobs; logical_bytes counts every blob the repository links, exclusive_bytes only those no other repository links (what deleting it would free).';

CREATE VIEW report_storage_total AS
SELECT (SELECT count(*) FROM blob b WHERE EXISTS (SELECT 1 FROM repository_blob rb WHERE rb.blob_digest = b.digest)) AS blobs,
       (SELECT coalesce(sum(b.size), 0) FROM blob b
        WHERE EXISTS (SELECT 1 FROM repository_blob rb WHERE rb.blob_digest = b.digest))::bigint AS stored_bytes,
       (SELECT coalesce(sum(b.size), 0) FROM repository_blob rb JOIN blob b ON b.digest = rb.blob_digest)::bigint
           AS logical_bytes,
       (SELECT count(*) FROM repository) AS repositories,
       (SELECT count(*) FROM manifest) AS manifests,
       (SELECT count(*) FROM tag) AS tags;
COMMENT ON VIEW report_storage_total IS 'The registry as a whole: bytes stored once per blob (stored_bytes) against the sum over repositories (logical_bytes); their ratio is what de-duplication saves.';

CREATE VIEW report_tag AS
SELECT r.name AS repository, t.name AS tag, m.digest, m.media_type, m.size AS manifest_bytes,
       t.updated_at AS tagged_at, now() - t.updated_at AS age
FROM tag t
JOIN repository r ON r.id = t.repository_id
JOIN manifest m ON m.id = t.manifest_id;
COMMENT ON VIEW report_tag IS 'Every tag with the manifest it points at and when it last moved. Pull times are not kept in the catalog (see docs/sql-reporting.md).';

CREATE VIEW report_untagged_manifest AS
SELECT r.name AS repository, m.digest, m.media_type, m.size, m.created_at,
       m.subject_digest IS NOT NULL AS referrer
FROM manifest m
JOIN repository r ON r.id = m.repository_id
WHERE NOT EXISTS (SELECT 1 FROM tag t WHERE t.manifest_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM manifest_child c WHERE c.child_manifest_id = m.id);
COMMENT ON VIEW report_untagged_manifest IS 'Manifests no tag points at and no index lists. Referrers (signatures, SBOMs) are untagged by design: filter on referrer.';

CREATE VIEW report_blob_sharing AS
SELECT b.digest, b.size, count(*) AS repositories,
       array_agg(r.name ORDER BY r.name) AS repository_names, b.created_at
FROM blob b
JOIN repository_blob rb ON rb.blob_digest = b.digest
JOIN repository r ON r.id = rb.repository_id
GROUP BY b.digest, b.size, b.created_at;
COMMENT ON VIEW report_blob_sharing IS 'Every linked blob, its size and the repositories that share it.';

CREATE VIEW report_referrers AS
SELECT r.name AS repository, m.subject_digest AS subject, coalesce(m.artifact_type, '') AS artifact_type,
       count(*) AS referrers, max(m.created_at) AS latest
FROM manifest m
JOIN repository r ON r.id = m.repository_id
WHERE m.subject_digest IS NOT NULL
GROUP BY r.name, m.subject_digest, m.artifact_type;
COMMENT ON VIEW report_referrers IS 'Referrers per subject manifest and artifact type (empty when the referrer names none).';

CREATE VIEW report_pushes_per_day AS
SELECT day, sum(manifests)::bigint AS manifests, sum(blob_links)::bigint AS blob_links,
       sum(blob_bytes)::bigint AS blob_bytes
FROM (SELECT (m.created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS manifests, 0 AS blob_links, 0 AS blob_bytes
      FROM manifest m GROUP BY 1
      UNION ALL
      SELECT (rb.linked_at AT TIME ZONE 'UTC')::date, 0, count(*), sum(b.size)
      FROM repository_blob rb JOIN blob b ON b.digest = rb.blob_digest GROUP BY 1) per_kind
GROUP BY day;
COMMENT ON VIEW report_pushes_per_day IS 'Per UTC day: manifests stored, blobs pushed or mounted into a repository, and their bytes (of what is still in the catalog).';
