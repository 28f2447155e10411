/*
 * The Postgres publish functions come from one versioned file: what a
 * migrated database runs is that file, and the migration that introduced it
 * changed nothing in what they do.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testServices';
import { migrationsDir } from './KnexTofuiStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));
const FILE_MIGRATION = '20261201090000_publish_functions.js';
const FUNCTIONS = [
  'tofui_iso(timestamptz)',
  'tofui_report_json(reports,text,text,text)',
  'tofui_publish(jsonb)',
];

/** The newest versioned file of the publish functions. */
function latestSqlFile(): string {
  const dir = path.join(migrationsDir, 'sql');
  const newest = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.sql'))
    .sort()
    .pop()!;
  return fs.readFileSync(path.join(dir, newest), 'utf8');
}

/** Bodies (between the dollar quotes) by function name, in file order. */
function bodiesOf(sql: string): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const m of sql.matchAll(
    /CREATE OR REPLACE FUNCTION (\w+)\([\s\S]*?AS \$function\$([\s\S]*?)\$function\$/g,
  )) {
    bodies[m[1]] = m[2];
  }
  return bodies;
}

async function definitions(knex: Knex) {
  const defs: string[] = [];
  for (const fn of FUNCTIONS) {
    const { rows } = await knex.raw(
      'SELECT pg_get_functiondef(?::regprocedure) AS def',
      [fn],
    );
    defs.push(rows[0].def);
  }
  return defs;
}

// The functions exist on Postgres only; without one configured, skipped.
const eachPostgres =
  postgres.length > 0
    ? describe.each(postgres)
    : describe.skip.each([['POSTGRES (none configured)']]);

eachPostgres('the publish functions on %s', id => {
  it('are, in a migrated database, the newest versioned .sql file', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const file = bodiesOf(latestSqlFile());
    expect(Object.keys(file)).toEqual([
      'tofui_iso',
      'tofui_report_json',
      'tofui_publish',
    ]);
    for (const [name, body] of Object.entries(file)) {
      const { rows } = await knex.raw(
        'SELECT prosrc FROM pg_proc WHERE proname = ?',
        [name],
      );
      expect(rows.map((r: { prosrc: string }) => r.prosrc)).toEqual([body]);
    }
  });

  it('were not changed by moving them into the file (pg_get_functiondef before and after)', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    const config = { directory: migrationsDir };
    for (;;) {
      const [, pending] = await knex.migrate.list(config);
      if (pending[0]?.file === FILE_MIGRATION) break;
      await knex.migrate.up(config);
    }
    const before = await definitions(knex);
    await knex.migrate.up(config);
    const [done] = await knex.migrate.list(config);
    expect(done.map((m: { name: string }) => m.name)).toContain(FILE_MIGRATION);
    expect(await definitions(knex)).toEqual(before);
  });
});
