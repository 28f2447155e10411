import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { tofuiPlugin } from '../plugin';

/**
 * The tofUI plugin in a test backend on the given database. Requests without
 * a token are anonymous, as in a real backend; `asUser`/`asService` add the
 * mock user and service tokens.
 */
export async function startTofuiBackend(
  knex: Knex,
  tofuiConfig: JsonObject = {},
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-test-'));
  const backend = await startTestBackend({
    features: [
      tofuiPlugin,
      ...(extraFeatures ?? []),
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          tofui: {
            storage: { local: { basePath: artifacts } },
            ...tofuiConfig,
          },
        },
      }),
    ],
  });
  const http = () => request(backend.server);
  return {
    backend,
    http,
    asUser: (req: request.Test) =>
      req.set('Authorization', mockCredentials.user.header()),
    asService: (req: request.Test) =>
      req.set('Authorization', mockCredentials.service.header()),
    async stop() {
      await backend.stop();
      fs.rmSync(artifacts, { recursive: true, force: true });
    },
  };
}

/** A report exactly as the original tofUI publisher wrote it (no report_type). */
export const ORIGINAL_REPORT = {
  source_repo: 'acme/infrastructure',
  folder: 'aws_us_east_2',
  build_name: 'deploy-123',
  display_name: 'Production Deploy #123',
  html_url:
    'https://acme.github.io/infrastructure/aws_us_east_2/html_report/deploy-123.html',
  statuses: { terraform_plan: 2, tfsec: 0, tflint: 0, codebuild: 0 },
  timestamp: '2024-01-15T10:30:00Z',
  sanitized_name: 'deploy-123',
} as const;
