import type { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { startTcpProxy } from './tcpProxy';

/** The first Postgres the test databases offer, if any. */
export function postgresIdOf(databases: TestDatabases) {
  return databases
    .eachSupportedId()
    .map(([id]) => id)
    .find(id => id.startsWith('POSTGRES'));
}

/**
 * A knex on a test Postgres reached through a TCP proxy the test can close
 * (its port then refuses connections, as when the server is gone) and open.
 */
export async function postgresBehindProxy(
  databases: TestDatabases,
  id: NonNullable<ReturnType<typeof postgresIdOf>>,
) {
  const direct = await databases.init(id);
  const connection = direct.client.config.connection as Knex.PgConnectionConfig;
  const proxy = await startTcpProxy({
    host: connection.host!,
    port: Number(connection.port ?? 5432),
  });
  const knex = knexFactory({
    client: 'pg',
    connection: { ...connection, host: '127.0.0.1', port: proxy.port },
    pool: { min: 0, max: 5 },
    acquireConnectionTimeout: 5000,
  });
  return {
    knex,
    proxy,
    async destroy() {
      await proxy.open();
      await knex.destroy();
      await proxy.close();
    },
  };
}
