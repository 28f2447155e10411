import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';

/** Every row of every table, and every stored file with its size: what a request may have written. */
export async function snapshot(knex: Knex, dir: string): Promise<string> {
  const tables = (
    await knex('sqlite_master').where('type', 'table').select('name')
  )
    .map((r: { name: string }) => r.name)
    .filter(name => !name.startsWith('knex_') && !name.startsWith('sqlite_'))
    .sort();
  let dump = '';
  for (const table of tables) {
    dump += `${table}: ${JSON.stringify(await knex(table).select('*'))}\n`;
  }
  for (const entry of fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .sort()) {
    const stat = fs.statSync(path.join(dir, entry));
    if (stat.isFile()) dump += `${entry}: ${stat.size}\n`;
  }
  return dump;
}

/**
 * Waits until no job is running or due: a render queued by an earlier
 * publish writes in the background, and must not be taken for a write of
 * the request under test.
 */
export async function jobsSettled(knex: Knex, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // due jobs wait for the runner's next poll (15 s): only a running one
    // can write while the request is under test
    const busy = await knex('jobs').where('status', 'running').first();
    if (!busy) return;
    if (Date.now() > until) {
      throw new Error(
        `Jobs did not settle within ${timeoutMs} ms: ${JSON.stringify(busy)}`,
      );
    }
    await new Promise(r => setTimeout(r, 10));
  }
}
