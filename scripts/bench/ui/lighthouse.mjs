// Lighthouse (npm `lighthouse`, run with npx) on /tofui of a running
// backend, in Debian's Chromium. The browser is signed in first (guest) and
// Lighthouse keeps its storage, so it audits the page, not the sign-in form.
// Prints the category scores as JSON.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const port = 9333;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-lh-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`],
  viewport: { width: 1350, height: 940 },
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${base}/tofui`);
await page.getByRole('button', { name: 'Enter' }).click();
await page.waitForSelector('tbody tr a');

const out = path.join(profile, 'report.json');
const results = {};
for (const preset of ['desktop', 'mobile']) {
  execFileSync(
    'npx',
    [
      '--yes',
      'lighthouse@13.5.0',
      `${base}/tofui`,
      `--port=${port}`,
      '--disable-storage-reset',
      '--only-categories=performance,accessibility,best-practices',
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  results[preset] = Object.fromEntries(
    Object.entries(report.categories).map(([k, v]) => [
      k,
      Math.round(v.score * 100),
    ]),
  );
  results[preset].metrics = Object.fromEntries(
    [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'interactive',
    ].map(id => [id, report.audits[id]?.displayValue]),
  );
  results[preset].failedAccessibilityAudits = Object.values(report.audits)
    .filter(
      a =>
        report.categories.accessibility.auditRefs.some(r => r.id === a.id) &&
        a.score === 0,
    )
    .map(a => a.id);
}
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(JSON.stringify(results, null, 2));
