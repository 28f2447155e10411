/*
 * The configuration the Deployment gives the backend — app-config.yaml,
 * app-config.production.yaml and the mounted app-config.kubernetes.yaml,
 * with the ConfigMap's variables (and placeholder secrets) substituted —
 * selects and builds the artifact storage the manifests deploy.
 */
import { ConfigReader } from '@backstage/config';
import { createArtifactStorage } from '@tofui/backstage-plugin-tofui-node';
import os from 'node:os';
import { parse as parseYaml } from 'yaml';
import { findKubectl, one, readRepoFile, render } from './manifests';

// Loading the schema models and rendering with kubectl take seconds on a
// busy CI machine running the other suites at the same time.
jest.setTimeout(60_000);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Backstage's merge: later files win, objects merge, arrays are replaced. */
function merge(a: Json, b: Json): Json {
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const out: { [k: string]: Json } = { ...a };
    for (const [k, v] of Object.entries(b))
      out[k] = k in a ? merge(a[k], v) : v;
    return out;
  }
  return b;
}

/** ${VAR} and ${VAR:-default}, as Backstage substitutes them. */
function substitute(value: Json, env: Record<string, string>): Json {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name, fallback) => {
      const found = env[name] ?? fallback;
      if (found === undefined) throw new Error(`\${${name}} is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map(v => substitute(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, env)]),
    );
  }
  return value;
}

const describeWithKubectl = findKubectl() ? describe : describe.skip;

describeWithKubectl('the backend configuration in Kubernetes', () => {
  it.each([
    ['k8s/overlays/region-primary', 'minio.dr.example.com:443'],
    ['k8s/overlays/region-dr', 'minio.primary.example.com:443'],
    ['k8s/overlays/staging', ''],
  ])(
    '%s builds the MinIO artifact storage and its replica',
    async (dir, replicaEndpoint) => {
      const objects = render(dir);
      const deployment = one(objects, 'Deployment', 'tofui-backend');
      const container = deployment.spec.template.spec.containers[0];
      const env: Record<string, string> = {
        ...one(objects, 'ConfigMap', 'tofui-backend-env').data,
      };
      for (const e of container.env) {
        env[e.name] = e.value ?? `placeholder-${e.valueFrom.secretKeyRef.key}`;
      }
      const files = [
        readRepoFile('app-config.yaml'),
        readRepoFile('app-config.production.yaml'),
        one(objects, 'ConfigMap', 'tofui-app-config').data[
          'app-config.kubernetes.yaml'
        ],
      ];
      const merged = files
        .map(text => substitute(parseYaml(text), env))
        .reduce(merge, {});
      const config = new ConfigReader(merged as any);
      expect(config.getString('tofui.storage.backend')).toBe('minio');
      expect(config.getBoolean('tofui.storage.minio.secure')).toBe(false);
      const storage = await createArtifactStorage({
        config,
        getDatabase: () => Promise.reject(new Error('no database here')),
        defaultLocalBasePath: os.tmpdir(),
      });
      expect(storage.constructor.name).toBe('S3ArtifactStorage');
      // replication verification: the other region's MinIO, same bucket
      // (staging, a single region, has it off)
      const verify = config.getConfig('tofui.replication.verify');
      expect(verify.getBoolean('enabled')).toBe(replicaEndpoint !== '');
      const replica = verify.getConfig('replica');
      expect(replica.getString('minio.bucket')).toBe(
        config.getString('tofui.storage.minio.bucket'),
      );
      const replicaStorage = await createArtifactStorage({
        config: new ConfigReader({ tofui: { storage: replica.get() } }),
        getDatabase: () => Promise.reject(new Error('no database here')),
        defaultLocalBasePath: os.tmpdir(),
      });
      expect(replicaStorage.constructor.name).toBe('S3ArtifactStorage');
      expect(
        verify.getBoolean('enabled') ? replica.getString('minio.endpoint') : '',
      ).toBe(replicaEndpoint);
      expect(config.getString('backend.database.client')).toBe('pg');
      expect(config.getString('backend.database.connection.host')).toMatch(
        /^tofui-db(-dr)?-rw$/,
      );
    },
  );
});
