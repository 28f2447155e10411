// @ts-check

/**
 * Artifacts in the publish function (Postgres): the report's artifacts are
 * stored with it, the API's rendering of a report lists them without their
 * storage keys, and the function returns the replaced artifacts so that the
 * backend can delete those no longer used.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  const { rows } = await knex.raw(
    "SELECT pg_get_functiondef('tofui_publish(jsonb)'::regprocedure) AS def",
  );
  /** @type {string} */
  let publish = rows[0].def;
  publish = publish
    .replace(
      "c->'metadata', NULLIF(c->'summary', 'null'::jsonb),",
      "c->'metadata', NULLIF(c->'summary', 'null'::jsonb), NULLIF(c->'artifacts', 'null'::jsonb),",
    )
    .replace(
      'build_url, html_url, statuses, overall_status, metadata, summary,',
      'build_url, html_url, statuses, overall_status, metadata, summary, artifacts,',
    )
    .replace(
      'summary = EXCLUDED.summary,',
      'summary = EXCLUDED.summary,\n          artifacts = EXCLUDED.artifacts,',
    )
    .replace(
      "'before', v_before_json, 'after', v_after_json);",
      "'before', v_before_json, 'after', v_after_json, 'before_artifacts', v_before.artifacts);",
    );
  if (
    !publish.includes("'before_artifacts'") ||
    !publish.includes('artifacts = EXCLUDED.artifacts')
  ) {
    throw new Error('tofui_publish is not the version this migration expects');
  }
  await knex.raw(publish);
  await knex.raw(`
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
        'artifacts', (SELECT jsonb_object_agg(kind, info - 'key')
                      FROM jsonb_each(r.artifacts) AS a(kind, info)),
        'createdAt', tofui_iso(r.created_at),
        'receivedAt', tofui_iso(r.received_at),
        'updatedAt', tofui_iso(r.updated_at)
      ))
    $$;
  `);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  // Back to the previous definitions.
  await require('./20261126120000_publish_function').up(knex);
};
