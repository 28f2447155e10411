/*
 * Indexing cost of the change index, in-process on Postgres, with the
 * backend's own functions (the heavy tasks run inline, as HeavyWork does for
 * small artifacts):
 *
 * - CPU (this process, user + system) of publishing a 100-resource plan
 *   without the index (processPlan: parse, redact, summarise; the report
 *   row; renderReport: the HTML) and with it, as PublishDraft does it for
 *   a plan of up to INDEX_AT_PUBLISH_MAX_CHANGES changes (processPlan also
 *   returns the plan's index rows; replaceForReport writes them), over RUNS
 *   publishes; the ratio is the target.
 * - Wall time of writing a 10,000-resource plan's rows (replaceForReport,
 *   into the seeded table with all its indexes), and of parsing it
 *   (indexPlan: the index job's way, for a plan over that limit).
 *
 * Usage (from plugins/tofui-backend):
 *   node --require @backstage/cli/config/nodeTransform.cjs indexing.ts <postgres-url-of-the-plugin-database>
 * Env: RUNS (1000), WARMUP (200): publishes before measuring. A backend
 * publishes for days; with 20 the first few hundred measured publishes
 * still cost more with the index than later ones, and 200 runs moved the
 * ratio by up to 0.2 from one run to the next.
 * Prints one JSON line.
 */
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KnexTofuiStore } from '../../../plugins/tofui-backend/src/database/KnexTofuiStore';
import { parsePlan } from '@tofui/report';
import {
  type PlannedChange,
  planChanges,
} from '../../../plugins/tofui-backend/src/changes/planChanges';
import { TASKS } from '../../../plugins/tofui-backend/src/processing/tasks';
import { INDEX_AT_PUBLISH_MAX_CHANGES } from '../../../plugins/tofui-backend/src/service/ArtifactService';

const [url] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 200);

/** A plan of `n` changed resources with realistic attribute sets. */
function plan(n: number, seed: string) {
  const actions = [['update'], ['create'], ['delete'], ['delete', 'create'], ['update']];
  const resource_changes = Array.from({ length: n }, (_, i) => {
    const type = ['aws_instance', 'aws_s3_bucket', 'aws_iam_role', 'aws_security_group'][i % 4];
    const attrs = (v: number) => ({
      ami: `ami-${seed}${v}`,
      instance_type: v ? 't3.large' : 't3.medium',
      tags: { Team: `team-${v}`, Env: 'prod', Name: `${type}-${i}` },
      ingress: [{ cidr_blocks: ['10.0.0.0/8'], from_port: 443 + v, to_port: 443 }],
      user_data: 'x'.repeat(200),
      root_block_device: [{ volume_size: 20 + v, encrypted: true }],
      arn: `arn:aws:${type}:${i}`,
    });
    const action = actions[i % actions.length];
    return {
      address: `module.app.${type}.r${i}`,
      module_address: 'module.app',
      mode: 'managed',
      type,
      name: `r${i}`,
      provider_name: 'registry.opentofu.org/hashicorp/aws',
      change: {
        actions: action,
        before: action[0] === 'create' ? null : attrs(0),
        after: action[0] === 'delete' && action.length === 1 ? null : attrs(1),
        after_unknown: action[0] === 'delete' && action.length === 1 ? false : { arn: true },
        replace_paths: action.length === 2 ? [['ami']] : undefined,
      },
    };
  });
  return { format_version: '1.2', terraform_version: '1.9.0', resource_changes, resource_drift: [] };
}

const cpuMs = (fn: () => Promise<unknown>) => async () => {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

async function main() {
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 1, max: 4 } });
  const store = await KnexTofuiStore.create(mockServices.database({ knex }));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tofui-bench-indexing-'));
  const raw = path.join(dir, 'plan.json');
  const redacted = path.join(dir, 'redacted.json');
  const html = path.join(dir, 'report.html');
  const repository = 'bench-indexing/infra';
  const sha = 'bench';
  await fs.writeFile(raw, JSON.stringify(plan(100, 'a')));

  let published = 0;
  /**
   * A publish of a plan; `indexed`: as with the index, whose rows of a small
   * plan processPlan returns (the plan is parsed there anyway), the rest as
   * without it.
   */
  const publish = async (indexed: boolean) => {
    published += 1;
    const { summary, changes } = await TASKS.processPlan({
      input: raw,
      output: redacted,
      ...(indexed && { indexChangesUpTo: INDEX_AT_PUBLISH_MAX_CHANGES }),
    });
    const { report } = await store.reports.publish(
      {
        repository,
        folder: 'env',
        reportType: 'test',
        buildName: `run-${published}`,
        statuses: {},
        overallStatus: 'passing',
        metadata: { branch: 'main' },
        summary,
        artifacts: { plan: { key: `k/${published}`, size: 1, sha256: sha, contentType: 'application/json' } },
        createdAt: new Date(),
      },
      new Date(),
      'bench',
    );
    await TASKS.renderReport({
      plan: redacted,
      output: html,
      options: { repository, folder: 'env', buildName: report.buildName, generatedAt: report.createdAt },
    });
    return { id: report.id, changes: changes ?? [] };
  };
  /** What the index adds to a publish: writing the rows (PublishDraft). */
  let writeCpu = 0;
  const index = async ({ id, changes }: { id: string; changes: PlannedChange[] }) => {
    writeCpu += await cpuMs(() => store.changes.replaceForReport(id, sha, changes))();
  };

  for (let i = 0; i < WARMUP; i += 1) await index(await publish(true)); // warm-up
  writeCpu = 0;
  let without = 0;
  let withIndex = 0;
  for (let i = 0; i < RUNS; i += 1) {
    // interleaved, so that both see the same machine, and taking turns to
    // go first, so that neither pays more of the other's garbage collection
    const withoutIndex = async () => {
      without += await cpuMs(() => publish(false))();
    };
    const indexed = async () => {
      withIndex += await cpuMs(async () => index(await publish(true)))();
    };
    for (const run of i % 2 ? [indexed, withoutIndex] : [withoutIndex, indexed]) {
      await run();
    }
  }
  // what the index rows of the (parsed) plan cost to compute
  const parsed = parsePlan(await fs.readFile(redacted, 'utf8')).plan;
  const rowsCpu = await cpuMs(async () => {
    for (let i = 0; i < RUNS; i += 1) planChanges(parsed);
  })();

  await fs.writeFile(raw, JSON.stringify(plan(10000, 'b')));
  const { id: big } = await publish(false); // over the limit: the index job's way
  let t = performance.now();
  const changes = await TASKS.indexPlan({ input: redacted });
  const parseMs = performance.now() - t;
  t = performance.now();
  await store.changes.replaceForReport(big, sha, changes);
  const writeMs = performance.now() - t;
  t = performance.now();
  await store.changes.replaceForReport(big, sha, changes);
  const rewriteMs = performance.now() - t;

  const repo = knex('repositories').where({ slug: repository }).select('id');
  await knex('reports').whereIn('repository_id', repo).delete();
  await knex('folders').whereIn('repository_id', repo).delete();
  await knex('repositories').where({ slug: repository }).delete();
  await fs.rm(dir, { recursive: true, force: true });
  await knex.destroy();
  console.log(
    JSON.stringify({
      runs: RUNS,
      publishCpuMs: without / RUNS,
      publishWithIndexCpuMs: withIndex / RUNS,
      ratio: withIndex / without,
      indexRowsCpuMs: rowsCpu / RUNS,
      indexWriteCpuMs: writeCpu / RUNS,
      bigPlanRows: changes.length,
      bigPlanParseMs: parseMs,
      bigPlanWriteMs: writeMs,
      bigPlanRewriteMs: rewriteMs,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
