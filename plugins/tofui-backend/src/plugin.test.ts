import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  type ArtifactStorage,
  tofuiStorageExtensionPoint,
} from '@tofui/backstage-plugin-tofui-node';
import { Readable } from 'node:stream';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from './__testUtils__/testBackend';
import { createTestDatabases } from './__testUtils__/testServices';

/** A whole adapter in a few lines: objects in a Map (the docs' example module). */
class MapArtifactStorage implements ArtifactStorage {
  readonly objects = new Map<string, Buffer>();
  async upload(key: string, content: Buffer | Uint8Array | string | Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of content instanceof Readable
      ? content
      : [content]) {
      chunks.push(Buffer.from(chunk));
    }
    this.objects.set(key, Buffer.concat(chunks));
  }
  async download(key: string) {
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError(`No artifact ${key}`);
    return Readable.from([object]);
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
  async exists(key: string) {
    return this.objects.has(key);
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter(k => k.startsWith(prefix)).sort();
  }
  async ping() {}
}

const databases = createTestDatabases();

describe('tofuiStorageExtensionPoint', () => {
  it('lets a backend module add a storage backend that config selects', async () => {
    const storage = new MapArtifactStorage();
    let configSeen: string | undefined;
    const module = createBackendModule({
      pluginId: 'tofui',
      moduleId: 'map-storage',
      register(env) {
        env.registerInit({
          deps: { storage: tofuiStorageExtensionPoint },
          async init({ storage: extension }) {
            extension.addStorageBackend('map', ({ config }) => {
              configSeen = config.getOptionalString('label');
              return storage;
            });
          },
        });
      },
    });
    const api = await startTofuiBackend(
      await databases.init('SQLITE_3'),
      { storage: { backend: 'map', map: { label: 'from tofui.storage.map' } } },
      [module],
    );
    try {
      expect(configSeen).toBe('from tofui.storage.map');
      const res = await api
        .asService(api.http().post('/api/tofui/v1/reports'))
        .field('report', JSON.stringify(ORIGINAL_REPORT))
        .attach('log', Buffer.from('plan log'), 'plan.log');
      expect(res.status).toBe(201);
      expect([...storage.objects.keys()]).toEqual([
        `reports/acme/infrastructure/aws_us_east_2/${res.body.id}.log`,
      ]);
      const log = await api.asUser(
        api.http().get(`/api/tofui/v1/reports/${res.body.id}/log`),
      );
      expect(log.text).toBe('plan log');
    } finally {
      await api.stop();
    }
  });

  it('fails start-up on an unknown backend, naming the key and the choices', async () => {
    await expect(
      startTofuiBackend(await databases.init('SQLITE_3'), {
        storage: { backend: 'ftp' },
      }),
    ).rejects.toThrow(
      /Invalid config at tofui.storage.backend: 'ftp' is not a storage backend; use one of local, database, s3, minio, azure, gcs/,
    );
  });
});
