import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RetryPolicy } from '../lib/retry';
import { type PublishOptions, publish } from './publish';

jest.setTimeout(20_000);

/** What a stand-in tofUI answers once it accepts the report. */
const STORED = {
  id: '0b6f4e1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
  repository: 'acme/infra',
  folder: 'f',
  reportType: 'build',
  buildName: 'b',
  statuses: { tfsec: 0 },
  overallStatus: 'passing',
};

/**
 * A stand-in tofUI that answers each request with the next of `answers`
 * (the last one repeats) and keeps what it received, and when.
 */
async function standIn(answers: Array<[number, Record<string, string>?]>) {
  const received: Array<{ body: string; at: number }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString(), at: Date.now() });
      const [status, headers] =
        answers[Math.min(received.length, answers.length) - 1];
      const body =
        status < 300
          ? STORED
          : {
              error: { name: 'Error', message: `failure ${received.length}` },
              response: { statusCode: status },
            };
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

/** Publishes with recorded, instant sleeps and stderr kept. */
async function publishTo(
  server: string,
  extra: Partial<PublishOptions> = {},
  retry: Partial<RetryPolicy> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const waits: number[] = [];
  const done = publish(
    {
      server,
      repo: 'acme/infra',
      folder: 'f',
      type: 'build',
      buildName: 'b',
      status: ['tfsec:0'],
      ...extra,
    },
    line => out.push(line),
    {
      env: { TOFUI_CI_TOKEN: 'token' },
      stderr: { isTTY: false, write: chunk => err.push(chunk) },
      retry: {
        random: () => 0.5,
        sleep: async ms => {
          waits.push(ms);
        },
        ...retry,
      },
    },
  );
  const error = await done.then(
    () => undefined,
    e => e,
  );
  return { error, out, err: err.join(''), waits };
}

describe('publish retries', () => {
  it('retries 503 and publishes the same report on the third attempt', async () => {
    const { url, received, server } = await standIn([[503], [503], [201]]);
    try {
      const result = await publishTo(url);
      expect(result.error).toBeUndefined();
      expect(result.out).toEqual([
        'Published build report 0b6f4e1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e: acme/infra f b — PASSING',
        `${url}/tofui/reports/0b6f4e1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e`,
      ]);
      expect(received).toHaveLength(3);
      expect(new Set(received.map(r => r.body)).size).toBe(1);
      expect(JSON.parse(received[2].body)).toMatchObject({
        source_repo: 'acme/infra',
        statuses: { tfsec: 0 },
      });
      expect(result.waits).toEqual([375, 750]);
      expect(result.err).toBe(
        'tofui: server answered 503, retrying in 0.4 s (attempt 2/5)\n' +
          'tofui: server answered 503, retrying in 0.8 s (attempt 3/5)\n',
      );
    } finally {
      server.close();
    }
  });

  it('sends the whole multipart body again on each attempt', async () => {
    const { url, received, server } = await standIn([[502], [201]]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-retry-'));
    try {
      const log = path.join(dir, 'plan.log');
      fs.writeFileSync(log, `Plan: 1 to add.\n${'x'.repeat(100_000)}\n`);
      const result = await publishTo(url, { log });
      expect(result.error).toBeUndefined();
      expect(received).toHaveLength(2);
      for (const { body } of received) {
        expect(body).toMatch(/name="report"\r\n\r\n\{"source_repo"/);
        expect(body).toContain(
          `filename="plan.log"\r\nContent-Type: text/plain\r\n\r\n${fs.readFileSync(
            log,
            'utf8',
          )}\r\n`,
        );
      }
      expect(received[0].body.length).toBe(received[1].body.length);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits as long as a 429 says in Retry-After', async () => {
    const { url, received, server } = await standIn([
      [429, { 'Retry-After': '1' }],
      [200],
    ]);
    try {
      // the real sleep, once: the wait is what is under test
      const result = await publishTo(
        url,
        {},
        { sleep: ms => new Promise(r => setTimeout(r, ms)) },
      );
      expect(result.error).toBeUndefined();
      expect(result.out[0]).toMatch(/^Updated build report/);
      expect(received).toHaveLength(2);
      const waited = received[1].at - received[0].at;
      expect(waited).toBeGreaterThanOrEqual(950);
      expect(waited).toBeLessThan(2500);
      expect(result.err).toBe(
        'tofui: server answered 429, retrying in 1.0 s (attempt 2/5)\n',
      );
    } finally {
      server.close();
    }
  });

  it('does not retry a 400, and exits 3', async () => {
    const { url, received, server } = await standIn([[400], [201]]);
    try {
      const result = await publishTo(url);
      expect(result.error).toMatchObject({
        exitCode: 3,
        message: 'Server answered 400: failure 1',
      });
      expect(received).toHaveLength(1);
      expect(result.err).toBe('');
    } finally {
      server.close();
    }
  });

  it('exits 4 when 5xx outlast the retries', async () => {
    const { url, received, server } = await standIn([[500]]);
    try {
      const result = await publishTo(url, { retries: '2' });
      expect(result.error).toMatchObject({
        exitCode: 4,
        message: 'Server answered 500: failure 3',
      });
      expect(received).toHaveLength(3);
    } finally {
      server.close();
    }
  });

  it('exits 4 when a closed port outlasts every retry', async () => {
    // a port that was just free: nothing listens there
    const { url, server } = await standIn([[201]]);
    await new Promise(resolve => server.close(resolve));
    const result = await publishTo(url);
    expect(result.error).toMatchObject({
      exitCode: 4,
      message: `Cannot reach ${url}: ECONNREFUSED`,
    });
    expect(result.waits).toEqual([375, 750, 1500, 3000]);
    expect(result.err.trim().split('\n')).toEqual([
      'tofui: cannot reach the server (ECONNREFUSED), retrying in 0.4 s (attempt 2/5)',
      'tofui: cannot reach the server (ECONNREFUSED), retrying in 0.8 s (attempt 3/5)',
      'tofui: cannot reach the server (ECONNREFUSED), retrying in 1.5 s (attempt 4/5)',
      'tofui: cannot reach the server (ECONNREFUSED), retrying in 3.0 s (attempt 5/5)',
    ]);
  });
});
