import fs from 'node:fs';
import path from 'node:path';
import {
  cli,
  MIGRATION_TOKEN,
  startTofuiBackend,
  tableRow,
  treeDigest,
} from '../__testUtils__/tofuiBackend';

jest.setTimeout(60_000);

// The original dashboard's files: the project's own, shaped like the
// original's, and the original's real ones when ../shared is there.
const REPO = path.resolve(__dirname, '../../../..');
const DASHBOARDS = [
  path.join(REPO, 'fixtures/original-tofui/static-dashboard'),
  path.join(REPO, '../shared/fixtures/original-tofui/static-dashboard'),
].filter((dir, i) => i === 0 || fs.existsSync(path.join(dir, 'config.json')));
if (DASHBOARDS.length === 1) {
  // eslint-disable-next-line no-console
  console.info(
    "the original dashboard's migration: fixtures/ only (../shared, an optional extra source, is not here)",
  );
}

/** The verdict the original config.json gives a report's statuses. */
function verdict(
  statuses: Record<string, number>,
  types: Record<
    string,
    { mappings: Record<string, { status: string } | undefined> } | undefined
  >,
) {
  const mapped = Object.entries(statuses).map(
    ([type, code]) => types[type]?.mappings[String(code)]?.status,
  );
  if (mapped.includes('failing')) {
    return 'failing';
  }
  return mapped.includes(undefined) ? 'unknown' : 'passing';
}

describe.each(DASHBOARDS)(
  'tofui migrate of the original dashboard in %s',
  ORIGINAL => {
    let server: Awaited<ReturnType<typeof startTofuiBackend>>;
    beforeAll(async () => {
      server = await startTofuiBackend();
    });
    afterAll(() => server.stop());

    it('imports every report with its repository, folder, type, statuses, verdict and time', async () => {
      const before = treeDigest(ORIGINAL);
      const started = Date.now();
      const result = await cli(
        { TOFUI_TOKEN: MIGRATION_TOKEN },
        'migrate',
        '--server',
        server.url,
        '--from',
        ORIGINAL,
      );
      // eslint-disable-next-line no-console
      console.info(
        `migrated the original dashboard in ${Date.now() - started} ms`,
      );
      expect(result).toMatchObject({ code: 0, err: '' });

      const config = JSON.parse(
        fs.readFileSync(path.join(ORIGINAL, 'config.json'), 'utf8'),
      );
      const files = fs
        .readdirSync(path.join(ORIGINAL, 'reports'))
        .filter(f => f.endsWith('.json') && f !== 'index.json');
      expect(tableRow(result.out, 'reports')).toEqual([files.length, 0, 0]);
      const reports = await server.allReports();
      expect(reports).toHaveLength(files.length);
      for (const file of files) {
        const slot = JSON.parse(
          fs.readFileSync(path.join(ORIGINAL, 'reports', file), 'utf8'),
        );
        const matching = reports.filter(
          r =>
            r.repository === slot.source_repo &&
            r.folder === (slot.folder || '_root') &&
            r.reportType === (slot.report_type ?? 'build') &&
            r.buildName === slot.build_name,
        );
        expect([file, matching.length]).toEqual([file, 1]);
        const [report] = matching;
        expect([file, report]).toEqual([
          file,
          expect.objectContaining({
            statuses: slot.statuses,
            overallStatus: verdict(slot.statuses, config.status_types),
            displayName: slot.display_name,
            // the HTML reports are not in this tree: their links stay
            htmlUrl: slot.html_url,
          }),
        ]);
        expect([file, Date.parse(report.createdAt)]).toEqual([
          file,
          Date.parse(slot.timestamp),
        ]);
      }

      const { items: types } = await server.get('/v1/status-types');
      for (const [key, type] of Object.entries<any>(config.status_types)) {
        expect(types.find((t: any) => t.key === key)).toMatchObject({
          name: type.name,
          mappings: type.mappings,
        });
      }
      expect(treeDigest(ORIGINAL)).toEqual(before);
    });
  },
);
