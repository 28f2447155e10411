#!/usr/bin/env node
/*
 * Checks that a test service answers. Usage:
 *   probe-services.mjs postgres <url>   prints the server's major version
 *   probe-services.mjs redis <url>      prints PONG
 * Exits 1 (with the reason on stderr) when the service does not answer in 5 s.
 */
import net from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [kind, url] = process.argv.slice(2);

function fail(message) {
  process.stderr.write(message);
  process.exit(1);
}

async function postgres() {
  // pg is a dependency of packages/backend
  const { Client } = require(require.resolve('pg', { paths: ['packages/backend'] }));
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const { rows } = await client.query('show server_version_num');
  await client.end();
  console.log(Math.floor(Number(rows[0].server_version_num) / 10000));
}

async function redis() {
  const { hostname, port } = new URL(url);
  await new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(5000, () => reject(new Error('timed out')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', data => {
      socket.end();
      data.toString().startsWith('+PONG') ? resolve() : reject(new Error(data.toString().trim()));
    });
  });
  console.log('PONG');
}

try {
  await (kind === 'postgres' ? postgres() : redis());
} catch (error) {
  fail(error.message || String(error));
}
