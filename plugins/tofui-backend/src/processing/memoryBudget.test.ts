import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ORIGINAL_REPORT } from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/testServices';
import { startTofuiTestBackend } from '../testUtils';

jest.setTimeout(240_000);

const databases = createTestDatabases();

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/**
 * The memory the backend may give heavy work, and one task (concurrency 1):
 * the 10,000-resource plan fits, the 17,000-resource one does not. Tasks run
 * in child processes, which from the TypeScript sources (as here) start at
 * 141 MB each — twice what they need from dist — so the budget is sized for
 * that; the test checks the whole process tree stays within it.
 */
const BUDGET_MB = 288;
const MB = 1024 * 1024;

function makePlan(dir: string, resources: number): string {
  const file = path.join(dir, `plan-${resources}.json`);
  fs.writeFileSync(
    file,
    execFileSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'scripts/make-plan'),
        '--resources',
        `${resources}`,
        '--seed',
        '7',
      ],
      { maxBuffer: 512 * MB },
    ),
  );
  return file;
}

/** Processes of the test that are not the backend's: the publishing clients. */
const clientPids = new Set<number>();

/**
 * A multipart publish with the plan streamed from its file, as the CLI
 * sends it, from a process of its own: CI is another machine, and the
 * test's RSS is the backend's.
 */
const PUBLISH_CLIENT = `
const fs = require('node:fs');
const http = require('node:http');
const { pipeline } = require('node:stream/promises');
const [url, auth, reportJson, planFile] = process.argv.slice(1);
const boundary = '----tofui-test-boundary';
const head = Buffer.from(
  '--' + boundary + '\\r\\nContent-Disposition: form-data; name="report"\\r\\nContent-Type: application/json\\r\\n\\r\\n' +
  reportJson + '\\r\\n--' + boundary +
  '\\r\\nContent-Disposition: form-data; name="plan"; filename="plan.json"\\r\\nContent-Type: application/json\\r\\n\\r\\n');
const tail = Buffer.from('\\r\\n--' + boundary + '--\\r\\n');
const req = http.request(url, {
  method: 'POST',
  headers: {
    'content-type': 'multipart/form-data; boundary=' + boundary,
    'content-length': head.length + fs.statSync(planFile).size + tail.length,
    authorization: auth,
  },
}, res => {
  const chunks = [];
  res.on('data', c => chunks.push(c));
  res.on('end', () => process.stdout.write(JSON.stringify({
    status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
  })));
});
// started ahead, sends when told (a line on stdin)
process.stdin.once('data', () => {
  process.stdin.pause();
  req.write(head);
  pipeline(fs.createReadStream(planFile), req, { end: false }).then(() => req.end(tail));
});
`;

/**
 * Starts a publishing client; `send()` makes it send, and resolves with the
 * response.
 */
function publisher(url: string, buildName: string, planFile: string) {
  const report = {
    ...ORIGINAL_REPORT,
    build_name: buildName,
    html_url: undefined,
  };
  const child = execFile(process.execPath, [
    '-e',
    PUBLISH_CLIENT,
    `${url}/api/tofui/v1/reports`,
    mockCredentials.service.header(),
    JSON.stringify(report),
    planFile,
  ]);
  clientPids.add(child.pid!);
  const response = new Promise<{ status: number; body: any }>(
    (resolve, reject) => {
      let stdout = '';
      child.stdout!.on('data', chunk => {
        stdout += chunk;
      });
      child.on('error', reject);
      child.on('close', code =>
        code === 0
          ? resolve(JSON.parse(stdout))
          : reject(new Error(`publishing client exited with ${code}`)),
      );
    },
  );
  return {
    send() {
      child.stdin!.end('go\n');
      return response;
    },
  };
}

/** The processes `pid` started, and theirs (Linux: /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      children = children.concat(
        fs
          .readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
          .split(' ')
          .filter(Boolean)
          .map(Number),
      );
    }
  } catch {
    return []; // it has exited
  }
  return children.flatMap(child => [child, ...descendants(child)]);
}

/** RSS of the backend's process tree: this process and its task processes. */
function treeRss(): number {
  const pageSize = 4096;
  let rss = process.memoryUsage().rss;
  for (const pid of descendants(process.pid)) {
    if (clientPids.has(pid)) continue;
    try {
      const pages = Number(
        fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1],
      );
      rss += pages * pageSize;
    } catch {
      // it has exited
    }
  }
  return rss;
}

/**
 * Health checks 5 ms apart and the RSS of the backend's process tree (heavy
 * tasks run in child processes).
 * Checks this often give a few hundred samples while the plans are processed,
 * so p99 is a percentile rather than the single slowest check.
 */
function watch(url: string) {
  const latencies: number[] = [];
  let peakRss = treeRss();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const res = await fetch(`${url}/api/tofui/v1/health/live`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      latencies.push(performance.now() - started);
      peakRss = Math.max(peakRss, treeRss());
      await new Promise(r => setTimeout(r, 5));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p99: sorted[Math.floor(sorted.length * 0.99)],
      max: sorted[sorted.length - 1],
      peakRss,
    };
  };
}

describe.each(databases.eachSupportedId())(
  'publishing plans against the memory budget (%s)',
  databaseId => {
    let dir: string;
    let underPlan: string;
    let overPlan: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-budget-'));
      underPlan = makePlan(dir, 10_000); // ~14 MB: fits one task's 160 MB
      // ~24 MB: needs more than the 160 MB budget (HeavyWork's estimate)
      overPlan = makePlan(dir, 17_000);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('refuses the plan over the budget with 413, publishes and renders the one under it, and stays responsive', async () => {
      const knex = await databases.init(databaseId);
      const started = await startTofuiTestBackend({
        knex,
        config: {
          tofui: {
            processing: {
              memoryBudgetMb: BUDGET_MB,
              concurrency: 1,
              inlineMaxSize: '64kb',
            },
          },
        },
      });
      try {
        const client = async (p: string) => {
          const res = await fetch(`${started.url}/api/tofui${p}`, {
            headers: { authorization: mockCredentials.user.header() },
          });
          return res.json();
        };
        // warm up: the worker's code loaded once, the routes compiled, the
        // health client connected
        await publisher(started.url, 'warm-up', makePlan(dir, 50)).send();
        for (let i = 0; i < 5; i++) {
          await fetch(`${started.url}/api/tofui/v1/health/live`);
        }
        global.gc?.();
        const baselineRss = treeRss();
        const clients = [
          publisher(started.url, 'over-budget', overPlan),
          publisher(started.url, 'under-budget', underPlan),
        ];
        await new Promise(r => setTimeout(r, 1000)); // the clients started
        const stop = watch(started.url);
        const [over, under] = await Promise.all(clients.map(c => c.send()));
        expect(over.status).toBe(413);
        expect(over.body.error.name).toBe('MemoryBudgetExceededError');
        expect(over.body.error.message).toContain(
          'tofui.processing.memoryBudgetMb',
        );
        expect(under.status).toBe(201);
        expect(under.body.renderStatus).toBe('pending');

        // the render of the one under the budget runs in the background
        let report: any;
        for (let i = 0; i < 240; i++) {
          report = await client(`/v1/reports/${under.body.id}`);
          if (report.renderStatus !== 'pending') break;
          await new Promise(r => setTimeout(r, 250));
        }
        const figures = await stop();
        expect(report.renderStatus).toBe('rendered');
        expect(report.summary.add).toBeGreaterThan(0);
        // nothing of the refused one was written
        const list = await client(
          `/v1/reports?repository=${ORIGINAL_REPORT.source_repo}`,
        );
        expect(
          list.items.map((r: { buildName: string }) => r.buildName).sort(),
        ).toEqual(['under-budget', 'warm-up']);

        // eslint-disable-next-line no-console
        console.log(
          `memory budget (${databaseId}): ${
            figures.count
          } health checks, p99 ${figures.p99.toFixed(
            1,
          )} ms, max ${figures.max.toFixed(1)} ms; RSS ${(
            baselineRss / MB
          ).toFixed(0)} → peak ${(figures.peakRss / MB).toFixed(0)} MB`,
        );
        expect(figures.count).toBeGreaterThanOrEqual(200);
        expect(figures.p99).toBeLessThanOrEqual(100);
        expect(figures.peakRss - baselineRss).toBeLessThan(BUDGET_MB * MB);
      } finally {
        await started.stop();
      }
    });
  },
);
