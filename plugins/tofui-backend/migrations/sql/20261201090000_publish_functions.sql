-- The publish path on Postgres, whole: tofui_publish() and the two
-- functions it uses. Applied with CREATE OR REPLACE by the migration of the
-- same timestamp (20261201090000_publish_functions.js). To change one, copy
-- this file under a new timestamp, edit it, and add a migration that applies
-- the new file (its down() applies this one): a file, once applied, is never
-- edited, so each version stays readable as it is in the database.
--
-- tofui_publish(p) does in one round trip what KnexReportStore.publish does
-- step by step on SQLite: create the repository and folder when new, lock
-- the folder, upsert the report, refresh the folder's latest build and test
-- and its verdict, write the audit record. KnexReportStore.test.ts runs the
-- same cases on both and expects the same results.
--
-- tofui_report_json(r, ...) renders a report row exactly as the API does
-- (storage keys of artifacts left out).


CREATE OR REPLACE FUNCTION tofui_iso(t timestamp with time zone)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    $function$
;

CREATE OR REPLACE FUNCTION tofui_report_json(r reports, owner text, name text, folder text)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
AS $function$
      SELECT jsonb_strip_nulls(jsonb_build_object(
        'id', r.id,
        'repository', owner || '/' || name,
        'folder', folder,
        'reportType', r.report_type,
        'buildName', r.build_name,
        'displayName', NULLIF(r.display_name, ''),
        'htmlUrl', NULLIF(r.html_url, ''),
        'buildUrl', NULLIF(r.build_url, ''),
        'statuses', r.statuses,
        'overallStatus', r.overall_status,
        'metadata', COALESCE(r.metadata, '{}'::jsonb),
        'summary', r.summary,
        'artifacts', (SELECT jsonb_object_agg(kind, info - 'key')
                      FROM jsonb_each(r.artifacts) AS a(kind, info)),
        'renderStatus', r.render_status,
        'createdAt', tofui_iso(r.created_at),
        'receivedAt', tofui_iso(r.received_at),
        'updatedAt', tofui_iso(r.updated_at)
      ))
    $function$
;

CREATE OR REPLACE FUNCTION tofui_publish(p jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
    DECLARE
      v_now timestamptz := (p->>'now')::timestamptz;
      v_repo uuid := (p->>'repository_id')::uuid;
      v_folder uuid := (p->>'folder_id')::uuid;
      v_locked uuid;
      v_owner text;
      v_name text;
      v_before reports;
      v_after reports;
      v_build_id uuid;
      v_build_status text;
      v_test_id uuid;
      v_test_status text;
      v_before_json jsonb;
      v_after_json jsonb;
      c jsonb := p->'content';
    BEGIN
      -- Cached ids: the lock also proves the folder still exists.
      IF v_folder IS NOT NULL THEN
        SELECT id INTO v_locked FROM folders WHERE id = v_folder AND repository_id = v_repo FOR UPDATE;
      END IF;
      IF v_locked IS NULL THEN
        INSERT INTO repositories (id, slug, owner, name, created_at, updated_at)
          VALUES (gen_random_uuid(), p->>'slug', p->>'owner', p->>'name', v_now, v_now)
          ON CONFLICT (slug) DO NOTHING;
        SELECT id INTO v_repo FROM repositories WHERE slug = p->>'slug';
        INSERT INTO folders (id, repository_id, name, created_at)
          VALUES (gen_random_uuid(), v_repo, p->>'folder', v_now)
          ON CONFLICT (repository_id, name) DO NOTHING;
        -- Locked before a report references it (see KnexReportStore).
        SELECT id INTO v_folder FROM folders WHERE repository_id = v_repo AND name = p->>'folder' FOR UPDATE;
      END IF;
      SELECT owner, name INTO v_owner, v_name FROM repositories WHERE id = v_repo;

      SELECT * INTO v_before FROM reports
        WHERE repository_id = v_repo AND folder_id = v_folder
          AND report_type = p->>'report_type' AND build_name = p->>'build_name';

      INSERT INTO reports (id, repository_id, folder_id, report_type, build_name, display_name,
                           build_url, html_url, statuses, overall_status, metadata, summary, artifacts,
                           created_at, received_at, updated_at)
        VALUES ((p->>'new_id')::uuid, v_repo, v_folder, p->>'report_type', p->>'build_name',
                c->>'display_name', c->>'build_url', c->>'html_url', c->'statuses',
                c->>'overall_status', c->'metadata', NULLIF(c->'summary', 'null'::jsonb), NULLIF(c->'artifacts', 'null'::jsonb),
                (c->>'created_at')::timestamptz, v_now, v_now)
        ON CONFLICT (repository_id, folder_id, report_type, build_name) DO UPDATE SET
          display_name = EXCLUDED.display_name,
          build_url = EXCLUDED.build_url,
          html_url = EXCLUDED.html_url,
          statuses = EXCLUDED.statuses,
          overall_status = EXCLUDED.overall_status,
          metadata = EXCLUDED.metadata,
          summary = EXCLUDED.summary,
          artifacts = EXCLUDED.artifacts,
          created_at = EXCLUDED.created_at,
          updated_at = EXCLUDED.updated_at
        RETURNING * INTO v_after;

      SELECT id, overall_status INTO v_build_id, v_build_status FROM reports
        WHERE folder_id = v_folder AND report_type = 'build'
        ORDER BY created_at DESC, received_at DESC, id DESC LIMIT 1;
      SELECT id, overall_status INTO v_test_id, v_test_status FROM reports
        WHERE folder_id = v_folder AND report_type = 'test'
        ORDER BY created_at DESC, received_at DESC, id DESC LIMIT 1;
      UPDATE folders SET
        latest_build_report_id = v_build_id,
        latest_test_report_id = v_test_id,
        overall_status = CASE
          WHEN v_build_status = 'failing' OR v_test_status = 'failing' THEN 'failing'
          WHEN v_build_status IS NULL AND v_test_status IS NULL THEN 'unknown'
          WHEN v_build_status = 'unknown' OR v_test_status = 'unknown' THEN 'unknown'
          ELSE 'passing' END
        WHERE id = v_folder;

      v_after_json := tofui_report_json(v_after, v_owner, v_name, p->>'folder');
      IF v_before.id IS NOT NULL THEN
        v_before_json := tofui_report_json(v_before, v_owner, v_name, p->>'folder');
      END IF;
      INSERT INTO audit_logs (id, entity_type, entity_id, action, actor, changes, created_at)
        VALUES (gen_random_uuid(), 'report', v_after.id::text,
                CASE WHEN v_before.id IS NULL THEN 'create' ELSE 'update' END,
                p->>'actor',
                jsonb_strip_nulls(jsonb_build_object('before', v_before_json, 'after', v_after_json)),
                v_now);

      RETURN jsonb_build_object(
        'repository_id', v_repo, 'folder_id', v_folder,
        'before', v_before_json, 'after', v_after_json, 'before_artifacts', v_before.artifacts);
    END;
    $function$
;

