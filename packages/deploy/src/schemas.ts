/*
 * Schema checks of rendered objects: kubernetes-models' classes (the
 * Kubernetes OpenAPI schemas; prometheus-operator and Argo CD CRDs) for
 * what they cover, the vendored CRD subsets in ../schemas for the operators
 * they do not (CloudNativePG, Barman Cloud plugin, redis-operator, MinIO).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import {
  Namespace,
  ServiceAccount,
  ConfigMap,
  Service,
} from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  PodMonitor,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import {
  AppProject,
  Application,
} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { type K8sObject, repoRoot } from './manifests';

type Model = new (data: any) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'argoproj.io/v1alpha1/Application': Application,
  'argoproj.io/v1alpha1/AppProject': AppProject,
};

const SCHEMA_FILES: Record<string, string> = {
  'postgresql.cnpg.io/v1/Cluster': 'cnpg-cluster.schema.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'cnpg-scheduledbackup.schema.json',
  'barmancloud.cnpg.io/v1/ObjectStore': 'barman-cloud-objectstore.schema.json',
  'redis.redis.opstreelabs.in/v1beta2/RedisReplication':
    'redis-replication.schema.json',
  'redis.redis.opstreelabs.in/v1beta2/RedisSentinel':
    'redis-sentinel.schema.json',
  'minio.min.io/v2/Tenant': 'minio-tenant.schema.json',
};

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function crdValidator(key: string): ValidateFunction | undefined {
  const file = SCHEMA_FILES[key];
  if (!file) return undefined;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(repoRoot, 'packages/deploy/schemas', file),
        'utf8',
      ),
    );
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** Every kind the tests can check. */
export const CHECKED_KINDS = [
  ...Object.keys(MODELS),
  ...Object.keys(SCHEMA_FILES),
];

/**
 * Problems of one object against its schema; throws for a kind no schema
 * covers (a new kind needs a schema before it can be deployed).
 */
export function schemaProblems(object: K8sObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[key];
  if (Model) {
    try {
      new Model(object).validate();
      return [];
    } catch (error) {
      return [String((error as Error).message ?? error)];
    }
  }
  const validate = crdValidator(key);
  if (!validate) {
    throw new Error(
      `no schema for ${key} (${object.metadata?.name}): add a kubernetes-models class or a schema under packages/deploy/schemas`,
    );
  }
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}
