import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { freePort } from './freePort';

const BINARY = process.env.TOFUI_TEST_REDIS_SERVER ?? 'redis-server';

/**
 * Whether the tests may run a Redis of their own (to stop and start it; the
 * shared test Redis is never stopped). Without redis-server they are skipped
 * with a notice; with CI=true that fails instead.
 */
export function ownRedisAvailable(): boolean {
  const found = spawnSync(BINARY, ['--version']).status === 0;
  if (!found) {
    if (process.env.CI) {
      throw new Error(
        `CI=true but ${BINARY} is not installed (Debian: apt-get install redis-server; or set TOFUI_TEST_REDIS_SERVER)`,
      );
    }
    // eslint-disable-next-line no-console
    console.warn(`${BINARY} not found: skipping the Redis outage tests`);
  }
  return found;
}

/** A redis-server on a free port that a test can kill and start again. */
export class OwnRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (again, on the same port), empty, and waits until it answers. */
  async start(): Promise<void> {
    this.child = spawn(
      BINARY,
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1'],
        // nothing written to the working directory; a restart starts empty
        ...['--save', '', '--appendonly', 'no'],
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await this.command('PING')) === '+PONG') return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise(r => setTimeout(r, 50));
    }
  }

  /** Kills it like a crash: clients get no goodbye. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  }

  /**
   * Freezes it (SIGSTOP): connections stay open, commands get no answer, and
   * the data survives — a hung or partitioned Redis.
   */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** Sends one inline command; the first line of the reply (`:3`, `+PONG`). */
  command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, '127.0.0.1');
      let reply = '';
      socket.setTimeout(2000, () => socket.destroy(new Error('timed out')));
      socket.on('connect', () => socket.write(`${line}\r\n`));
      socket.on('data', data => {
        reply += data.toString('utf8');
        const end = reply.indexOf('\r\n');
        if (end >= 0) {
          socket.end();
          resolve(reply.slice(0, end));
        }
      });
      socket.on('error', reject);
    });
  }

  /** Number of keys stored. */
  async size(): Promise<number> {
    return Number((await this.command('DBSIZE')).slice(1));
  }
}
