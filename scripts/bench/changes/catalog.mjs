#!/usr/bin/env node
/*
 * Writes the benchmark's catalog: TEAMS groups and one Component per seeded
 * repository (org-NNNN/infra), owned by team-((N - 1) % TEAMS + 1), as
 * seed.mjs maps them.
 *
 * Usage: catalog.mjs <file> [repos] [teams]
 */
import fs from 'node:fs';

const [file, repos = '1000', teams = '100'] = process.argv.slice(2);
const docs = [];
const team = n => `team-${String(n).padStart(3, '0')}`;
for (let t = 1; t <= Number(teams); t += 1) {
  docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${team(t)}
spec:
  type: team
  children: []`);
}
for (let r = 1; r <= Number(repos); r += 1) {
  const n = String(r).padStart(4, '0');
  docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: infra-${n}
  annotations:
    tofui.io/repository: org-${n}/infra
spec:
  type: infrastructure
  lifecycle: production
  owner: group:default/${team(((r - 1) % Number(teams)) + 1)}`);
}
fs.writeFileSync(file, `${docs.join('\n---\n')}\n`);
