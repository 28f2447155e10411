import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  KUSTOMIZATIONS,
  type K8sObject,
  findKubectl,
  kubectlVersion,
  one,
  podSpecOf,
  readRepoFile,
  render,
  repoRoot,
  valuesOf,
} from './manifests';
import { metricNames } from './promql';
import { schemaProblems } from './schemas';

// Loading the schema models and rendering with kubectl take seconds on a
// busy CI machine running the other suites at the same time.
jest.setTimeout(60_000);

const kubectl = findKubectl();
if (!kubectl && process.env.CI) {
  throw new Error(
    'kubectl is required with CI=true to render k8s/ (kubectl kustomize): install it (see .github/workflows/ci.yml)',
  );
}
const describeWithKubectl = kubectl ? describe : describe.skip;
if (!kubectl) {
  // eslint-disable-next-line no-console
  console.warn(
    'SKIPPED: Kubernetes manifest tests (kubectl not found on PATH; required with CI=true)',
  );
}

const OVERLAYS = KUSTOMIZATIONS.filter(k => k.startsWith('k8s/overlays/'));
const HEALTH = '/api/tofui/v1/health';
const LIVE = '/api/tofui/v1/health/live';

/** tofui_* metric names the backend registers, with histogram series. */
function tofuiMetrics(): Set<string> {
  const source = readRepoFile('plugins/tofui-backend/src/service/metrics.ts');
  const names = new Set<string>();
  for (const m of source.matchAll(
    /create(Counter|Histogram|ObservableGauge|Gauge|UpDownCounter|ObservableCounter)\(\s*'([a-z_]+)'/g,
  )) {
    names.add(m[2]);
    if (m[1] === 'Histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) {
        names.add(m[2] + suffix);
      }
    }
  }
  return names;
}

/** Metrics of the standard exporters the rules and dashboard use. */
const STANDARD_METRICS = new Set([
  'up',
  // @opentelemetry/instrumentation-http (docs/operations.md), seconds
  'http_server_request_duration_bucket',
  'http_server_request_duration_count',
  'http_server_request_duration_sum',
  // kube-state-metrics
  'kube_deployment_spec_replicas',
  'kube_deployment_status_replicas_available',
  'kube_pod_container_resource_limits',
  // cAdvisor (kubelet)
  'container_memory_working_set_bytes',
  // CloudNativePG's exporter
  'cnpg_collector_up',
  'cnpg_pg_replication_lag',
]);

function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter(o => podSpecOf(o));
}

function images(objects: K8sObject[]): string[] {
  return objects
    .flatMap(o => [
      ...(valuesOf(o, 'image') as unknown[]),
      ...(valuesOf(o, 'imageName') as unknown[]),
    ])
    .filter((i): i is string => typeof i === 'string');
}

describeWithKubectl('k8s manifests', () => {
  it('are rendered with a known kubectl', () => {
    const version = kubectlVersion();
    // eslint-disable-next-line no-console
    console.log(version);
    expect(version).toMatch(/Kustomize Version: v5\./);
  });

  describe.each(KUSTOMIZATIONS)('%s', dir => {
    it('renders with kubectl kustomize', () => {
      expect(render(dir).length).toBeGreaterThan(0);
    });

    it('has only objects valid against their schema', () => {
      const problems = render(dir).flatMap(o =>
        schemaProblems(o).map(p => `${o.kind}/${o.metadata.name}: ${p}`),
      );
      expect(problems).toEqual([]);
    });

    it('pins every image to a version (no latest, no placeholder)', () => {
      for (const image of images(render(dir))) {
        const digest = image.includes('@sha256:');
        const tag = image.split('/').pop()!.split('@')[0].split(':')[1];
        expect({ image, pinned: digest || !!tag }).toEqual({
          image,
          pinned: true,
        });
        expect(tag).not.toBe('latest');
        expect(tag).not.toBe('0.0.0-unset');
      }
    });

    it('holds no secret values', () => {
      const objects = render(dir);
      expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
      const literalSecrets = workloads(objects)
        .flatMap(w => podSpecOf(w).containers)
        .flatMap((c: any) => c.env ?? [])
        .filter(
          (env: any) =>
            /SECRET|PASSWORD|TOKEN|_KEY$|REDIS_URL/.test(env.name) &&
            env.value !== undefined,
        )
        .map((env: any) => env.name);
      expect(literalSecrets).toEqual([]);
      for (const cm of objects.filter(o => o.kind === 'ConfigMap')) {
        for (const key of Object.keys(cm.data ?? {})) {
          expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN/);
        }
      }
    });
  });

  describe.each(OVERLAYS)('%s', dir => {
    const backend = () => one(render(dir), 'Deployment', 'tofui-backend');
    const container = () =>
      podSpecOf(backend()).containers.find((c: any) => c.name === 'backend');

    it('probes the health routes', () => {
      const c = container();
      expect(c.readinessProbe.httpGet.path).toBe(HEALTH);
      expect(c.livenessProbe.httpGet.path).toBe(LIVE);
      expect(c.startupProbe.httpGet.path).toBe(LIVE);
      const ports = Object.fromEntries(
        c.ports.map((p: any) => [p.name, p.containerPort]),
      );
      expect(ports).toEqual({ http: 7007, metrics: 9464 });
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
        expect(ports[probe.httpGet.port] ?? probe.httpGet.port).toBe(7007);
      }
    });

    it('lets the backend stop within the grace period', () => {
      // A stopping backend waits for the event bus polls it holds, up to
      // events.notifyTimeoutMs (app-config.yaml); then a few seconds more.
      const notifyTimeoutMs =
        parseYaml(readRepoFile('app-config.yaml')).events?.notifyTimeoutMs ??
        55_000;
      const graceSeconds =
        podSpecOf(backend()).terminationGracePeriodSeconds ?? 30;
      expect(notifyTimeoutMs + 10_000).toBeLessThanOrEqual(graceSeconds * 1000);
    });

    it('starts with the instrumentation and the production config', () => {
      const args: string[] = container().args;
      expect(args.slice(0, 4)).toEqual([
        'node',
        '--require',
        './instrumentation.js',
        'packages/backend',
      ]);
      expect(args).toEqual(
        expect.arrayContaining([
          'app-config.yaml',
          'app-config.production.yaml',
        ]),
      );
    });

    it('sets resources and a non-root, read-only security context on every container', () => {
      for (const w of workloads(render(dir))) {
        const pod = podSpecOf(w);
        expect({
          w: w.metadata.name,
          nonRoot: pod.securityContext?.runAsNonRoot,
        }).toEqual({
          w: w.metadata.name,
          nonRoot: true,
        });
        for (const c of pod.containers) {
          expect(c.resources?.requests?.memory).toBeDefined();
          expect(c.resources?.requests?.cpu).toBeDefined();
          expect(c.resources?.limits?.memory).toBeDefined();
          expect(c.securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
        }
      }
      const pod = podSpecOf(backend());
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.volumes).toEqual(
        expect.arrayContaining([{ name: 'tmp', emptyDir: expect.anything() }]),
      );
      expect(container().volumeMounts).toEqual(
        expect.arrayContaining([{ name: 'tmp', mountPath: '/tmp' }]),
      );
      const keys = pod.topologySpreadConstraints.map((t: any) => t.topologyKey);
      expect(keys).toEqual(
        expect.arrayContaining([
          'topology.kubernetes.io/zone',
          'kubernetes.io/hostname',
        ]),
      );
    });

    it('keeps at least one backend available during disruptions', () => {
      const pdb = one(render(dir), 'PodDisruptionBudget');
      expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
      expect(pdb.spec.selector.matchLabels).toEqual(
        backend().spec.selector.matchLabels,
      );
    });

    it('gives the backend every variable its configuration reads', () => {
      const objects = render(dir);
      const c = container();
      const provided = new Set<string>((c.env ?? []).map((e: any) => e.name));
      for (const ref of c.envFrom ?? []) {
        const cm = one(objects, 'ConfigMap', ref.configMapRef.name);
        Object.keys(cm.data).forEach(k => provided.add(k));
      }
      const mounted = one(objects, 'ConfigMap', 'tofui-app-config').data[
        'app-config.kubernetes.yaml'
      ];
      const configs = [readRepoFile('app-config.production.yaml'), mounted];
      const needed = new Set<string>();
      const strings = (v: unknown): string[] => {
        if (typeof v === 'string') return [v];
        if (v && typeof v === 'object')
          return Object.values(v).flatMap(strings);
        return [];
      };
      for (const text of configs) {
        // ${VAR} without a default (${VAR:-default} may stay unset), in
        // values, not comments
        for (const value of strings(parseYaml(text))) {
          for (const m of value.matchAll(/\$\{([A-Z0-9_]+)\}/g))
            needed.add(m[1]);
        }
      }
      expect([...needed].filter(v => !provided.has(v))).toEqual([]);
      // The mounted file is what the last --config names.
      const mount = c.volumeMounts.find((m: any) => m.name === 'app-config');
      expect(c.args).toContain(`${mount.mountPath}/app-config.kubernetes.yaml`);
      expect(parseYaml(mounted).tofui.storage.backend).toBeDefined();
    });

    it('denies all traffic but ingress → backend → data services', () => {
      const policies = render(dir).filter(o => o.kind === 'NetworkPolicy');
      const deny = policies.find(p => p.metadata.name === 'default-deny-all')!;
      expect(deny.spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      const np = policies.find(p => p.metadata.name === 'tofui-backend')!;
      const ingress = np.spec.ingress.map((r: any) => ({
        ns: r.from[0].namespaceSelector.matchLabels[
          'kubernetes.io/metadata.name'
        ],
        ports: r.ports.map((p: any) => p.port),
      }));
      expect(ingress).toEqual([
        { ns: 'ingress-nginx', ports: [7007] },
        { ns: 'monitoring', ports: [9464] },
      ]);
      const egressPorts = np.spec.egress.flatMap((r: any) =>
        r.ports.map((p: any) => p.port),
      );
      expect(new Set(egressPorts)).toEqual(
        new Set([53, 5432, 6379, 26379, 9000, 443]),
      );
    });

    it('serves TLS through cert-manager', () => {
      const ingress = one(render(dir), 'Ingress');
      expect(
        ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'],
      ).toMatch(/^letsencrypt-/);
      expect(ingress.spec.tls[0].hosts).toEqual([ingress.spec.rules[0].host]);
      expect(ingress.spec.tls[0].secretName).toBeTruthy();
      const service = one(render(dir), 'Service', 'tofui-backend');
      expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
        name: service.metadata.name,
        port: { name: 'http' },
      });
    });

    it('is scraped by Prometheus and alerts on the seed list', () => {
      const objects = render(dir);
      // the database's exporter, for the database alerts
      const cluster = one(objects, 'Cluster');
      expect(one(objects, 'PodMonitor').spec.selector.matchLabels).toEqual({
        'cnpg.io/cluster': cluster.metadata.name,
      });
      const monitor = one(objects, 'ServiceMonitor');
      const service = one(objects, 'Service', 'tofui-backend');
      expect(service.metadata.labels).toMatchObject(
        monitor.spec.selector.matchLabels,
      );
      expect(service.spec.ports.map((p: any) => p.name)).toContain(
        monitor.spec.endpoints[0].port,
      );
      const rules = one(objects, 'PrometheusRule').spec.groups.flatMap(
        (g: any) => g.rules,
      );
      const alerts = Object.fromEntries(rules.map((r: any) => [r.alert, r]));
      // API down > 5 min, database unreachable, replication lag > 10 min,
      // error rate > 5 %, p95 > 500 ms, memory > 80 %.
      expect(alerts.TofuiApiDown.for).toBe('5m');
      expect(alerts.TofuiApiDown.labels.severity).toBe('critical');
      expect(alerts.TofuiDatabaseUnreachable.labels.severity).toBe('critical');
      expect(alerts.TofuiDatabaseReplicationLag.expr).toMatch(
        /cnpg_pg_replication_lag.*> 600/,
      );
      expect(alerts.TofuiArtifactReplicationLag.expr).toMatch(
        /tofui_replication_missing_artifacts/,
      );
      expect(alerts.TofuiArtifactReplicationLag.expr).toMatch(
        /tofui_replication_oldest_missing_age_seconds\) > 600/,
      );
      expect(alerts.TofuiHighErrorRate.expr).toMatch(/> 0\.05\s*$/);
      expect(alerts.TofuiSlowResponses.expr).toMatch(/0\.95[\s\S]*> 0\.5\s*$/);
      expect(alerts.TofuiHighMemory.expr).toMatch(/> 0\.8\s*$/);
    });

    it('queries only metrics that exist, in rules and dashboard', () => {
      const known = new Set([...tofuiMetrics(), ...STANDARD_METRICS]);
      const objects = render(dir);
      const exprs: string[] = one(
        objects,
        'PrometheusRule',
      ).spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr));
      const dashboard = JSON.parse(
        one(objects, 'ConfigMap', 'tofui-grafana-dashboard').data[
          'tofui-dashboard.json'
        ],
      );
      exprs.push(...(valuesOf(dashboard, 'expr') as string[]));
      const unknown = exprs.flatMap(e =>
        metricNames(e)
          .filter(n => !known.has(n))
          .map(n => `${n} in ${e.trim()}`),
      );
      expect(unknown).toEqual([]);
      // The dashboard shows every tofUI metric.
      const shown = new Set(exprs.flatMap(metricNames));
      for (const name of tofuiMetrics()) {
        if (name.endsWith('_sum') || name.endsWith('_count')) continue;
        if (/_seconds$/.test(name) && known.has(`${name}_bucket`)) continue;
        if (name === 'tofui_replication_checks_total') continue;
        expect({ metric: name, shown: shown.has(name) }).toEqual({
          metric: name,
          shown: true,
        });
      }
      expect(
        one(objects, 'ConfigMap', 'tofui-grafana-dashboard').metadata.labels
          ?.grafana_dashboard,
      ).toBe('1');
    });
  });

  describe('regions', () => {
    const primary = () => render('k8s/overlays/region-primary');
    const dr = () => render('k8s/overlays/region-dr');

    it('runs the backend under an autoscaler in the primary region', () => {
      const hpa = one(primary(), 'HorizontalPodAutoscaler');
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.scaleTargetRef.name).toBe('tofui-backend');
    });

    it('archives the primary database WAL to object storage', () => {
      const cluster = one(primary(), 'Cluster');
      const archiver = cluster.spec.plugins.find((p: any) => p.isWALArchiver);
      expect(archiver.name).toBe('barman-cloud.cloudnative-pg.io');
      const store = one(primary(), 'ObjectStore');
      expect(archiver.parameters.barmanObjectName).toBe(store.metadata.name);
      // the distributed topology's primary, following tofui-db-dr otherwise
      expect(cluster.spec.replica).toEqual({
        primary: cluster.metadata.name,
        source: one(dr(), 'Cluster').metadata.name,
      });
      expect(one(primary(), 'ScheduledBackup').spec.cluster.name).toBe(
        cluster.metadata.name,
      );
      // The backend's host is the cluster's read-write service.
      expect(
        one(primary(), 'ConfigMap', 'tofui-backend-env').data.POSTGRES_HOST,
      ).toBe(`${cluster.metadata.name}-rw`);
    });

    it('keeps the DR region scaled to zero, without an autoscaler', () => {
      expect(one(dr(), 'Deployment', 'tofui-backend').spec.replicas).toBe(0);
      expect(dr().filter(o => o.kind === 'HorizontalPodAutoscaler')).toEqual(
        [],
      );
    });

    it('runs a DR replica cluster that follows the primary cluster', () => {
      const primaryName = one(primary(), 'Cluster').metadata.name;
      const replica = one(dr(), 'Cluster');
      // distributed topology: both name the same primary, this one follows it
      expect(replica.spec.replica).toEqual({
        primary: primaryName,
        source: primaryName,
      });
      expect(replica.spec.bootstrap.recovery.source).toBe(primaryName);
      const source = replica.spec.externalClusters.find(
        (c: any) => c.name === primaryName,
      );
      expect(source).toBeDefined();
      // it connects to a name the primary's server certificate carries
      expect(
        one(primary(), 'Cluster').spec.certificates.serverAltDNSNames,
      ).toContain(source.connectionParameters.host);
      expect(source.plugin.parameters.serverName).toBe(primaryName);
      expect(one(dr(), 'ObjectStore').metadata.name).toBe(
        source.plugin.parameters.barmanObjectName,
      );
      expect(
        one(dr(), 'ConfigMap', 'tofui-backend-env').data.POSTGRES_HOST,
      ).toBe(`${replica.metadata.name}-rw`);
      // and the way back: the primary can follow the DR cluster
      const back = one(primary(), 'Cluster').spec.externalClusters.find(
        (c: any) => c.name === replica.metadata.name,
      );
      expect(replica.spec.certificates.serverAltDNSNames).toContain(
        back.connectionParameters.host,
      );
      expect(back.plugin.parameters.serverName).toBe(replica.metadata.name);
    });

    it('deploys the same release in both regions', () => {
      const image = (o: K8sObject[]) =>
        podSpecOf(one(o, 'Deployment', 'tofui-backend')).containers[0].image;
      expect(image(dr())).toBe(image(primary()));
    });

    it('leaves the DR MinIO tenant empty for site replication', () => {
      const tenant = one(dr(), 'Tenant');
      expect(tenant.spec.buckets).toBeUndefined();
      expect(
        one(primary(), 'Tenant').spec.buckets.map((b: any) => b.name),
      ).toEqual(expect.arrayContaining(['tofui-artifacts', 'tofui-pg-wal']));
      expect(
        one(primary(), 'Job').spec.template.spec.containers[0].args[0],
      ).toMatch(/mc admin replicate add primary dr/);
    });
  });

  describe('Argo CD', () => {
    it('has one Application per overlay, each path rendered here', () => {
      const apps = render('k8s/argocd').filter(o => o.kind === 'Application');
      const paths = apps.map(a => a.spec.source.path).sort();
      expect(paths).toEqual([...OVERLAYS].sort());
      for (const app of apps) {
        expect(fs.existsSync(path.join(repoRoot, app.spec.source.path))).toBe(
          true,
        );
        expect(app.spec.project).toBe('tofui');
        expect(app.spec.source.targetRevision).not.toBe('HEAD');
      }
    });
  });
});
