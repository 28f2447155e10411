// @ts-check

/**
 * Publishing in one database round trip on Postgres.
 *
 * A publish creates the repository and folder when new, locks the folder,
 * upserts the report, refreshes the folder's latest build/test and verdict and
 * writes the audit record. Done statement by statement from the backend that
 * is nine round trips, and a round trip, not the SQL, is what a publish costs
 * most. `tofui_publish` does the same steps, in the same order and with the
 * same locks, inside the database. SQLite (embedded) keeps the step-by-step
 * path: it has no round trips.
 *
 * `tofui_report_json` renders a report row exactly as the API does.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  await knex.raw(`
    CREATE OR REPLACE FUNCTION tofui_iso(t timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    $$;

    CREATE OR REPLACE FUNCTION tofui_report_json(r reports, owner text, name text, folder text)
    RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
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
        'createdAt', tofui_iso(r.created_at),
        'receivedAt', tofui_iso(r.received_at),
        'updatedAt', tofui_iso(r.updated_at)
      ))
    $$;

    CREATE OR REPLACE FUNCTION tofui_publish(p jsonb) RETURNS jsonb
    LANGUAGE plpgsql AS $$
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
                           build_url, html_url, statuses, overall_status, metadata, summary,
                           created_at, received_at, updated_at)
        VALUES ((p->>'new_id')::uuid, v_repo, v_folder, p->>'report_type', p->>'build_name',
                c->>'display_name', c->>'build_url', c->>'html_url', c->'statuses',
                c->>'overall_status', c->'metadata', NULLIF(c->'summary', 'null'::jsonb),
                (c->>'created_at')::timestamptz, v_now, v_now)
        ON CONFLICT (repository_id, folder_id, report_type, build_name) DO UPDATE SET
          display_name = EXCLUDED.display_name,
          build_url = EXCLUDED.build_url,
          html_url = EXCLUDED.html_url,
          statuses = EXCLUDED.statuses,
          overall_status = EXCLUDED.overall_status,
          metadata = EXCLUDED.metadata,
          summary = EXCLUDED.summary,
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
        'before', v_before_json, 'after', v_after_json);
    END;
    $$;
  `);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  await knex.raw(`
    DROP FUNCTION IF EXISTS tofui_publish(jsonb);
    DROP FUNCTION IF EXISTS tofui_report_json(reports, text, text, text);
    DROP FUNCTION IF EXISTS tofui_iso(timestamptz);
  `);
};
