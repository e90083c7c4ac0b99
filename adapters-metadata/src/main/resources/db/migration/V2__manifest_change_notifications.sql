-- Wharf metadata catalog, version 2: every registry instance keeps an in-process cache of manifest
-- lookups (ManifestCache) and LISTENs on channel wharf_manifest_changes; these triggers NOTIFY it
-- with the repository name whenever a tag or manifest row of that repository changes, so each
-- instance drops that repository's cached entries. NOTIFY is delivered on commit (never for a
-- rolled-back change) and identical payloads within one transaction are delivered once.

CREATE FUNCTION notify_manifest_change() RETURNS trigger
    LANGUAGE plpgsql
    -- The function is called from whatever session changed the rows (psql too): resolve "repository"
    -- in the schema the catalog was migrated in, not in that session's search_path.
    SET search_path FROM CURRENT
AS $$
DECLARE
    changed_id bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        -- An empty payload means "anything may have changed".
        PERFORM pg_notify('wharf_manifest_changes', '');
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        changed_id := OLD.repository_id;
    ELSE
        changed_id := NEW.repository_id;
    END IF;
    -- The repository row is already gone when its delete cascades here: then notify '' (everything).
    PERFORM pg_notify('wharf_manifest_changes', coalesce((SELECT name FROM repository WHERE id = changed_id), ''));
    IF TG_OP = 'UPDATE' AND OLD.repository_id <> NEW.repository_id THEN
        PERFORM pg_notify('wharf_manifest_changes', coalesce((SELECT name FROM repository WHERE id = OLD.repository_id), ''));
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION notify_manifest_change() IS 'NOTIFY wharf_manifest_changes with the repository name (empty: all) so registry instances drop cached manifest lookups.';

CREATE TRIGGER tag_change_notify AFTER INSERT OR UPDATE OR DELETE ON tag
    FOR EACH ROW EXECUTE FUNCTION notify_manifest_change();
CREATE TRIGGER tag_truncate_notify AFTER TRUNCATE ON tag
    FOR EACH STATEMENT EXECUTE FUNCTION notify_manifest_change();
CREATE TRIGGER manifest_change_notify AFTER INSERT OR UPDATE OR DELETE ON manifest
    FOR EACH ROW EXECUTE FUNCTION notify_manifest_change();
CREATE TRIGGER manifest_truncate_notify AFTER TRUNCATE ON manifest
    FOR EACH STATEMENT EXECUTE FUNCTION notify_manifest_change();
COMMENT ON TRIGGER tag_change_notify ON tag IS 'Invalidates cached manifest lookups of the repository (tag moved, added or deleted).';
COMMENT ON TRIGGER manifest_change_notify ON manifest IS 'Invalidates cached manifest lookups of the repository (manifest deleted, or stored).';
