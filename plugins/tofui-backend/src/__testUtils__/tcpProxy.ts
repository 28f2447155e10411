import { once } from 'node:events';
import net from 'node:net';
import { freePort } from './freePort';

/**
 * A TCP proxy to `target` that a test can close (connections cut, the port
 * refusing new ones, as when a server goes away) and open again.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;

  async function open() {
    if (server) return;
    server = net.createServer(client => {
      const upstream = net.connect(target.port, target.host);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', drop);
        socket.on('close', drop);
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  }

  async function close() {
    const closing = server;
    server = undefined;
    if (closing) {
      const closed = once(closing, 'close');
      closing.close();
      sockets.forEach(socket => socket.destroy());
      await closed;
    }
  }

  await open();
  return { port, open, close };
}
