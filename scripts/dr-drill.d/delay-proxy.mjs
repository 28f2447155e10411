#!/usr/bin/env node
/*
 * The drill's stand-in for the link between the regions: a TCP proxy that
 * delays every chunk, both ways, by <delay-ms> (one way), keeping order. The
 * standby streams WAL from the primary through it, so replication lags as
 * it would across regions and a synchronous commit waits a round trip.
 *
 * Usage: delay-proxy.mjs <listen-port> <target-port> <delay-ms>
 */
import net from 'node:net';

const [listenPort, targetPort, delayMs] = process.argv.slice(2).map(Number);

function forward(from, to) {
  from.on('data', chunk => {
    if (delayMs > 0) setTimeout(() => to.writable && to.write(chunk), delayMs);
    else to.write(chunk);
  });
}

net
  .createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const drop = () =>
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
      }, delayMs);
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    forward(client, upstream);
    forward(upstream, client);
  })
  .listen(listenPort, '127.0.0.1');
