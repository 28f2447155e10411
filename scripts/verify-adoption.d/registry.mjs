#!/usr/bin/env node
/*
 * A read-only npm registry for the @tofui scope, serving the tarballs `make
 * dist` packed — what a team's internal registry (Artifactory, GitHub
 * Packages, Verdaccio) does once tofUI is published there. The adopter's
 * Yarn is pointed at it for the @tofui scope only (npmScopes), so every
 * other package still comes from the real registry.
 *
 * Usage: registry.mjs <dist-packages dir> <port file>   (port 0 = any free)
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dir, portFile] = process.argv.slice(2);
// Published "long ago": adopters' age gates (npmMinimalAgeGate) apply to
// real releases, not to this stand-in.
const published = '2026-01-01T00:00:00.000Z';

const packuments = new Map();
const tarballs = new Map();
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
  const bytes = fs.readFileSync(path.join(dir, file));
  const manifest = JSON.parse(
    execFileSync(
      'tar',
      ['xzOf', path.join(dir, file), 'package/package.json'],
      {
        encoding: 'utf8',
      },
    ),
  );
  tarballs.set(file, bytes);
  const entry = packuments.get(manifest.name) ?? {
    name: manifest.name,
    'dist-tags': {},
    versions: {},
    time: { created: published, modified: published },
  };
  entry.versions[manifest.version] = {
    ...manifest,
    _id: `${manifest.name}@${manifest.version}`,
    dist: {
      tarball: `/-/${file}`,
      shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
      integrity: `sha512-${crypto
        .createHash('sha512')
        .update(bytes)
        .digest('base64')}`,
    },
  };
  entry['dist-tags'].latest = manifest.version;
  entry.time[manifest.version] = published;
  packuments.set(manifest.name, entry);
}

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const origin = `http://${req.headers.host}`;
  if (url.startsWith('/-/') && tarballs.has(url.slice(3))) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(tarballs.get(url.slice(3)));
    return;
  }
  const packument = packuments.get(url.slice(1));
  if (packument) {
    const body = structuredClone(packument);
    for (const version of Object.values(body.versions)) {
      version.dist.tarball = origin + version.dist.tarball;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile, String(server.address().port));
  console.log(
    `@tofui registry on port ${server.address().port}: ${[
      ...packuments.keys(),
    ].join(', ')}`,
  );
});
