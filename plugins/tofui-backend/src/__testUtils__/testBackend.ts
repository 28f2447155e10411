import {
  mockCredentials,
  type startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { startTofuiTestBackend } from '../testUtils';

/**
 * The tofUI plugin in a test backend on the given database, with supertest
 * helpers. Requests without a token are anonymous, as in a real backend;
 * `asUser`/`asService` add the mock user and service tokens.
 */
export async function startTofuiBackend(
  knex: Knex,
  tofuiConfig: JsonObject = {},
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const started = await startTofuiTestBackend({
    knex,
    config: { tofui: tofuiConfig },
    features: extraFeatures,
  });
  return {
    backend: started.backend,
    http: () => request(started.server),
    asUser: (req: request.Test) =>
      req.set('Authorization', mockCredentials.user.header()),
    asService: (req: request.Test) =>
      req.set('Authorization', mockCredentials.service.header()),
    stop: started.stop,
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
