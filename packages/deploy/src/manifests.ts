/*
 * Helpers for the deployment tests: the repository's paths, `kubectl
 * kustomize` and parsing of what it renders.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root (packages/deploy/src → ../../..). */
// Only run from source by the tests, never bundled.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** A rendered Kubernetes object, loosely typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
}

/** The kustomizations under k8s/ that are applied on their own. */
export const KUSTOMIZATIONS = [
  'k8s/overlays/region-primary',
  'k8s/overlays/region-dr',
  'k8s/overlays/staging',
  'k8s/argocd',
] as const;

export type Kustomization = (typeof KUSTOMIZATIONS)[number];

/** The kubectl binary: $KUBECTL, or kubectl on PATH. */
const KUBECTL = process.env.KUBECTL || 'kubectl';

/** kubectl's path, or undefined when there is none. */
export function findKubectl(): string | undefined {
  const found = spawnSync(KUBECTL, ['version', '--client'], {
    encoding: 'utf8',
  });
  return found.status === 0 ? KUBECTL : undefined;
}

/** The client and kustomize versions kubectl reports. */
export function kubectlVersion(): string {
  return execFileSync(KUBECTL, ['version', '--client'], {
    encoding: 'utf8',
  }).trim();
}

const rendered = new Map<string, K8sObject[]>();

/** `kubectl kustomize <dir>`, parsed (cached per directory). */
export function render(dir: Kustomization | string): K8sObject[] {
  const cached = rendered.get(dir);
  if (cached) return cached;
  const out = execFileSync(KUBECTL, ['kustomize', path.join(repoRoot, dir)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const objects = parseAllDocuments(out).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as K8sObject;
  });
  rendered.set(dir, objects);
  return objects;
}

/** The one object of a kind (and name), failing clearly when absent. */
export function one(
  objects: K8sObject[],
  kind: string,
  name?: string,
): K8sObject {
  const found = objects.filter(
    o => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`,
    );
  }
  return found[0];
}

/** Every value under a key named `key`, anywhere in the object. */
export function valuesOf(value: unknown, key: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === key) out.push(child);
        walk(child);
      }
    }
  };
  walk(value);
  return out;
}

/** The pod spec of a workload (Deployment, Job), or undefined. */
export function podSpecOf(object: K8sObject): any | undefined {
  return object.spec?.template?.spec;
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), 'utf8');
}
