/**
 * @jest-environment node
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { withTimeout } from './withTimeout';

/** Blocks the event loop, as a request using the whole CPU does. */
function busy(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

describe('withTimeout', () => {
  // an echo server in a process of its own, like Redis: it answers while
  // this process is busy
  let server: ChildProcess;
  let port: number;
  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('net').createServer(c => c.on('data', d => c.write(d)));
         s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    port = await new Promise<number>(resolve =>
      server.stdout!.once('data', d => resolve(Number(String(d).trim()))),
    );
  });
  afterAll(() => {
    server.kill();
  });

  it('fails an operation that does not answer in time', async () => {
    await expect(
      withTimeout(new Promise(() => {}), 20, 'The store'),
    ).rejects.toThrow('The store did not answer within 20 ms');
  });

  it('takes an answer that arrived in time while the event loop was busy', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise(resolve => socket.once('connect', resolve));
    const reply = new Promise<string>(resolve =>
      socket.once('data', d => resolve(d.toString())),
    );
    const result = withTimeout(reply, 20, 'The store');
    socket.write('pong');
    // the answer arrives within a millisecond; the loop is busy for 100 ms,
    // so the deadline is long past when it gets to read it
    busy(100);
    try {
      await expect(result).resolves.toBe('pong');
    } finally {
      socket.destroy();
    }
  });
});
