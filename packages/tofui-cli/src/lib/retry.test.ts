import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  backoffDelay,
  fetchWithRetry,
  isTransientError,
  parseRetryAfter,
  retriesFrom,
  retryPolicy,
} from './retry';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads seconds and HTTP-dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:07 GMT', now)).toBe(7000);
    // a date already past means "now"
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what does not parse', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, half of it jitter', () => {
    const at = (random: number) => retryPolicy({ random: () => random });
    expect([1, 2, 3, 4, 5, 6].map(n => backoffDelay(n, at(0)))).toEqual([
      250, 500, 1000, 2000, 4000, 5000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map(n => backoffDelay(n, at(0.999)))).toEqual([
      500, 1000, 1999, 3998, 7996, 9995,
    ]);
  });
});

describe('retriesFrom', () => {
  it('takes the flag, then TOFUI_RETRIES, then 4', () => {
    expect(retriesFrom('0', { TOFUI_RETRIES: '7' })).toBe(0);
    expect(retriesFrom(undefined, { TOFUI_RETRIES: '7' })).toBe(7);
    expect(retriesFrom(undefined, { TOFUI_RETRIES: '' })).toBe(4);
    expect(retriesFrom(undefined, {})).toBe(4);
  });

  it('is a usage error naming where a bad value came from', () => {
    expect(() => retriesFrom('-1', {})).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: expect.stringMatching(/^--retries must be/),
      }),
    );
    expect(() => retriesFrom(undefined, { TOFUI_RETRIES: 'many' })).toThrow(
      /^TOFUI_RETRIES must be .*got 'many'/,
    );
  });
});

describe('isTransientError', () => {
  it('retries connection failures and timeouts, not a wrong host', () => {
    const fetchFailed = (code?: string) =>
      Object.assign(new TypeError('fetch failed'), {
        cause: code ? Object.assign(new Error(code), { code }) : undefined,
      });
    expect(isTransientError(fetchFailed('ECONNREFUSED'))).toBe(true);
    expect(isTransientError(fetchFailed('ECONNRESET'))).toBe(true);
    expect(isTransientError(fetchFailed('UND_ERR_SOCKET'))).toBe(true);
    expect(isTransientError(fetchFailed())).toBe(true);
    expect(
      isTransientError(new DOMException('timed out', 'TimeoutError')),
    ).toBe(true);
    expect(isTransientError(fetchFailed('ENOTFOUND'))).toBe(false);
    expect(isTransientError(new Error('bug'))).toBe(false);
  });
});

describe('fetchWithRetry', () => {
  /** A local server answering each request with the next of `answers`. */
  async function serve(answers: Array<[number, Record<string, string>?]>) {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push(body);
        const [status, headers] =
          answers[Math.min(seen.length, answers.length) - 1];
        res.writeHead(status, headers).end(`answer ${seen.length}`);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, seen, server };
  }

  function policy(overrides = {}) {
    const waits: number[] = [];
    const log: string[] = [];
    return {
      waits,
      log,
      policy: retryPolicy({
        random: () => 0.5,
        sleep: async ms => {
          waits.push(ms);
        },
        log: line => log.push(line),
        ...overrides,
      }),
    };
  }

  it('sends again, with a fresh body, until a final answer', async () => {
    const { url, seen, server } = await serve([[503], [502], [201]]);
    try {
      const { policy: p, waits, log } = policy();
      let bodies = 0;
      const response = await fetchWithRetry(
        () => fetch(url, { method: 'POST', body: `body ${++bodies}` }),
        p,
      );
      expect(response.status).toBe(201);
      expect(await response.text()).toBe('answer 3');
      expect(seen).toEqual(['body 1', 'body 2', 'body 3']);
      expect(waits).toEqual([375, 750]);
      expect(log).toEqual([
        'tofui: server answered 503, retrying in 0.4 s (attempt 2/5)',
        'tofui: server answered 502, retrying in 0.8 s (attempt 3/5)',
      ]);
    } finally {
      server.close();
    }
  });

  it('returns the last transient answer when the retries run out', async () => {
    const { url, seen, server } = await serve([[500]]);
    try {
      const { policy: p } = policy({ retries: 2 });
      const response = await fetchWithRetry(() => fetch(url), p);
      expect(response.status).toBe(500);
      expect(seen).toHaveLength(3);
    } finally {
      server.close();
    }
  });

  it('caps a long Retry-After', async () => {
    const { url, server } = await serve([
      [429, { 'Retry-After': '3600' }],
      [200],
    ]);
    try {
      const { policy: p, waits } = policy();
      expect((await fetchWithRetry(() => fetch(url), p)).status).toBe(200);
      expect(waits).toEqual([60_000]);
    } finally {
      server.close();
    }
  });

  it('does not retry other 4xx', async () => {
    const { url, seen, server } = await serve([[409], [201]]);
    try {
      const { policy: p, waits } = policy();
      expect((await fetchWithRetry(() => fetch(url), p)).status).toBe(409);
      expect(seen).toHaveLength(1);
      expect(waits).toEqual([]);
    } finally {
      server.close();
    }
  });
});
