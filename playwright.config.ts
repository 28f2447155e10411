/*
 * End-to-end tests: the whole product started by scripts/start (the same as
 * `make start`) on a fresh data directory and its own port, driven in the
 * distribution's Chromium (no browser download needed).
 */
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.env.TOFUI_E2E_PORT ?? '7017';
// Workers re-evaluate this file; they inherit the values the main process set.
process.env.TOFUI_E2E_DATA_DIR ??= fs.mkdtempSync(
  path.join(os.tmpdir(), 'tofui-e2e-'),
);
process.env.TOFUI_E2E_TOKEN ??= `e2e-${Date.now()}-token`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'node_modules/.cache/e2e-results.json' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: {
    command: 'scripts/start',
    url: `http://localhost:${port}/api/tofui/v1/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      TOFUI_PORT: port,
      TOFUI_DATA_DIR: process.env.TOFUI_E2E_DATA_DIR,
      TOFUI_CI_TOKEN: process.env.TOFUI_E2E_TOKEN,
    },
  },
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
