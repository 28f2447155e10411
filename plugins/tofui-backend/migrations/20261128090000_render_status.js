// @ts-check

/**
 * Background rendering: a report published with a plan and no HTML report is
 * rendered by a job, and `reports.render_status` (there since the first
 * migration) tells where that stands: pending, rendered, failed; null when
 * tofUI renders nothing for the report. The publish function's rendering of
 * a report (Postgres) now includes it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(reportJson(true));
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(reportJson(false));
  }
};

/**
 * The publish function's rendering of a report, with or without renderStatus.
 *
 * @param {boolean} withRenderStatus
 */
function reportJson(withRenderStatus) {
  return `
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
                      FROM jsonb_each(r.artifacts) AS a(kind, info)),${
                        withRenderStatus
                          ? "\n        'renderStatus', r.render_status,"
                          : ''
                      }
        'createdAt', tofui_iso(r.created_at),
        'receivedAt', tofui_iso(r.received_at),
        'updatedAt', tofui_iso(r.updated_at)
      ))
    $$;
  `;
}
