/*
 * See ./run. Prints one line per measurement on stderr, JSON on stdout.
 */
import knexFactory from 'knex';
import { KnexTofuiStore } from '../../../plugins/tofui-backend/src/database/KnexTofuiStore';
import type {
  EntityMapping,
  ReportAccess,
} from '../../../plugins/tofui-backend/src/database/TofuiStore';

const RUNS = Number(process.env.RUNS ?? 30);
const url = new URL(
  process.env.TOFUI_BENCH_POSTGRES_URL ??
    'postgresql://postgres@127.0.0.1:5432',
);
url.pathname = '/tofui_bench_tofui';

async function time(runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1));
  return { runs, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function main() {
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  const store = new KnexTofuiStore(knex);
  const slugs: string[] = await knex('repositories')
    .orderBy('slug')
    .pluck('slug');

  // 1,000 entities, one per repository: odd ones cover every folder, even
  // ones `env_0*` (env_01..env_09 of env_01..env_20); team-N owns 10.
  const mappings: EntityMapping[] = slugs.map((repository, i) => ({
    entityRef: `component:default/svc-${i}`,
    repository,
    folderPatterns: i % 2 === 0 ? ['env_0*'] : undefined,
    ownerRefs: [`group:default/team-${i % 100}`],
  }));
  const results: Record<string, unknown> = {
    repositories: slugs.length,
    folders: Number((await knex('folders').count({ n: '*' }))[0].n),
    reports: Number((await knex('reports').count({ n: '*' }))[0].n),
  };
  const note = (name: string, value: unknown) => {
    results[name] = value;
    process.stderr.write(`${name}: ${JSON.stringify(value)}\n`);
  };

  note(
    'sync replaceAll (1,000 entities)',
    await time(5, () => store.mappings.replaceAll(mappings, new Date())),
  );
  note(
    'folders covered',
    Number((await knex('folder_entities').count({ n: '*' }))[0].n),
  );
  note(
    'mapFolder after a publish',
    await time(RUNS, () => store.mappings.mapFolder(slugs[7], 'env_03')),
  );

  const accesses: Array<[string, ReportAccess | undefined]> = [
    ['none (admin, CI)', undefined],
    ['IS_MAPPED', { mapped: true }],
    ['IS_ENTITY_OWNER (one team)', { ownedBy: ['group:default/team-7'] }],
  ];
  const now = new Date();
  for (const [label, access] of accesses) {
    await store.reports.summary({ access, limit: 100 }); // warm
    note(
      `summary first page (100 folders) · ${label}`,
      await time(RUNS, () => store.reports.summary({ access, limit: 100 })),
    );
    note(
      `summary search "env_1" · ${label}`,
      await time(RUNS, () =>
        store.reports.summary({ access, text: 'env_1', limit: 100 }),
      ),
    );
    note(
      `reports newest 50 · ${label}`,
      await time(RUNS, () => store.reports.list({ access, limit: 50 })),
    );
    note(
      `insights 30 days · ${label}`,
      await time(Math.min(RUNS, 10), () =>
        store.reports.insights({
          from: new Date(now.getTime() - 30 * 86_400_000),
          to: now,
          access,
          top: 10,
        }),
      ),
    );
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
