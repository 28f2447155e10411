import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { startTofuiTestBackend } from '@tofui/backstage-plugin-tofui-backend/testUtils';
import type { Report } from '@tofui/backstage-plugin-tofui-common';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../index';

/** Accepted by the tofui plugin with every permission, as docs/migration.md sets one up. */
export const MIGRATION_TOKEN = 'test-migration-token-0123456789';
/** The embedded defaults' CI token: read, create and update reports only. */
export const CI_TOKEN = 'test-ci-token-0123456789';

/**
 * The real tofUI backend plugin behind Backstage's real auth and
 * permissions services, with the two static external-access tokens above
 * (the permissions service enforces their restrictions).
 */
export async function startTofuiBackend() {
  const started = await startTofuiTestBackend({
    features: [
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
    ],
    mockHttpAuth: false,
    config: {
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: MIGRATION_TOKEN, subject: 'tofui-migration' },
              accessRestrictions: [{ plugin: 'tofui' }],
            },
            {
              type: 'static',
              options: { token: CI_TOKEN, subject: 'tofui-ci' },
              accessRestrictions: [
                {
                  plugin: 'tofui',
                  permission: [
                    'tofui.report.read',
                    'tofui.report.create',
                    'tofui.report.update',
                  ],
                },
              ],
            },
          ],
        },
      },
    },
  });
  const { url } = started;

  /** GET on the API with the migration token. */
  async function get<T = any>(route: string): Promise<T> {
    const response = await fetch(`${url}/api/tofui${route}`, {
      headers: { Authorization: `Bearer ${MIGRATION_TOKEN}` },
    });
    if (!response.ok) {
      throw new Error(`GET ${route}: ${response.status}`);
    }
    return route.match(/\/(html|plan|log)(\?|$)/)
      ? ((await response.text()) as T)
      : ((await response.json()) as T);
  }

  /** Every report, page by page. */
  async function allReports(): Promise<Report[]> {
    const reports: Report[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        `/v1/reports?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      reports.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return reports;
  }

  return {
    url,
    get,
    allReports,
    stop: started.stop,
  };
}

/**
 * Runs the CLI as `tofui <args>` with `env` as its environment (and no CI
 * variables of the machine running the tests), capturing what it prints.
 */
export async function cli(env: Record<string, string>, ...args: string[]) {
  const saved = process.env;
  const outside = { ...saved };
  for (const name of [
    'GITHUB_ACTIONS',
    'GITLAB_CI',
    'JENKINS_URL',
    'CODEBUILD_BUILD_ID',
    'TOFUI_RETRIES',
    'TOFUI_TOKEN',
    'TOFUI_CI_TOKEN',
    'GITHUB_TOKEN',
  ]) {
    delete outside[name];
  }
  process.env = { ...outside, ...env };
  process.exitCode = undefined;
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation(l => out.push(l));
  const write = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(chunk => err.push(String(chunk)) > 0);
  try {
    await run(['node', 'tofui', ...args]);
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.env = saved;
  }
  const code = process.exitCode;
  process.exitCode = undefined;
  return { code, out: out.join('\n'), err: err.join('') };
}

/** Every file under `dir` with its mode and a digest of its bytes. */
export function treeDigest(dir: string): Record<string, string> {
  const digest: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      const mode = fs.lstatSync(full).mode.toString(8);
      if (entry.isDirectory()) {
        digest[`${rel}/`] = mode;
        walk(full);
      } else {
        digest[rel] = `${mode} ${crypto
          .createHash('sha256')
          .update(fs.readFileSync(full))
          .digest('hex')}`;
      }
    }
  };
  walk(dir);
  return digest;
}

/** The row of the final table for `category`: imported, skipped, failed. */
export function tableRow(output: string, category: string): number[] {
  const line = output
    .split('\n')
    .find(l => new RegExp(`^${category}\\s+\\d+\\s+\\d+\\s+\\d+$`).test(l));
  if (!line) {
    throw new Error(`no table row for ${category} in:\n${output}`);
  }
  return line.trim().split(/\s+/).slice(-3).map(Number);
}
