#!/usr/bin/env node
/*
 * The drill's stand-in for object storage replication (S3 Cross-Region
 * Replication, MinIO site replication): every <interval-ms> it copies the
 * files of <source> that are new or changed (a different size, or newer than
 * the copy) to <target>,
 * each through a temporary file renamed into place, as the local storage
 * adapter writes them. Deletions are not replicated (S3 CRR's default).
 * Half-written files of the adapter (`.tofui-tmp-`) are skipped.
 *
 * Usage: mirror.mjs <source> <target> <interval-ms>   (runs until killed)
 *        mirror.mjs <source> <target> --once          (one pass, then exits)
 */
import fs from 'node:fs';
import path from 'node:path';

const [source, target, interval] = process.argv.slice(2);

async function* walk(dir) {
  let entries;
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(file);
    else if (entry.isFile() && !entry.name.includes('.tofui-tmp-')) yield file;
  }
}

async function pass() {
  let copied = 0;
  for await (const file of walk(source)) {
    let stat;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      continue; // renamed or deleted meanwhile
    }
    const dest = path.join(target, path.relative(source, file));
    const copy = await fs.promises.stat(dest).catch(() => undefined);
    if (copy && copy.size === stat.size && copy.mtimeMs >= stat.mtimeMs) {
      continue;
    }
    const temp = `${dest}.mirror-tmp-${process.pid}`;
    try {
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.copyFile(file, temp);
      await fs.promises.rename(temp, dest);
      copied += 1;
    } catch {
      await fs.promises.rm(temp, { force: true });
    }
  }
  return copied;
}

if (interval === '--once') {
  const copied = await pass();
  console.log(JSON.stringify({ copied }));
} else {
  for (;;) {
    const started = Date.now();
    await pass();
    await new Promise(r =>
      setTimeout(r, Math.max(0, Number(interval) - (Date.now() - started))),
    );
  }
}
