// Lighthouse (npm `lighthouse`, run with npx) on /tofui of a running
// backend, in Debian's Chromium. The browser is signed in first (guest) and
// Lighthouse keeps its storage, so it audits the page, not the sign-in form.
// Prints the category scores as JSON.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const port = 9333;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-lh-'));
// Chromium started here (new headless mode, as Lighthouse expects), signed in
// through the DevTools protocol, then handed to Lighthouse on the same port.
const chrome = spawn(
  process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    '--window-size=1350,940',
    'about:blank',
  ],
  { stdio: 'ignore' },
);
let browser;
for (let i = 0; i < 50 && !browser; i++) {
  browser = await chromium
    .connectOverCDP(`http://127.0.0.1:${port}`)
    .catch(() => new Promise(r => setTimeout(r, 200)));
}
const page = await browser.contexts()[0].newPage();
await page.goto(`${base}/tofui`);
await page.getByRole('button', { name: 'Enter' }).click();
await page.waitForSelector('tbody tr a');
await page.close();
// Disconnect, so that only Lighthouse drives the browser (Chromium stays up).
await browser.close();

const out = path.join(profile, 'report.json');
const results = {};
for (const preset of (process.env.LH_PRESETS ?? 'desktop,mobile').split(',')) {
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
      '--max-wait-for-load=30000',
      ...(process.env.LH_VERBOSE ? ['--verbose'] : ['--quiet']),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
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
    .map(a => ({
      id: a.id,
      nodes: (a.details?.items ?? [])
        .slice(0, 8)
        .map(item => item.node?.snippet?.slice(0, 160)),
    }));
}
console.log(JSON.stringify(results, null, 2));
const exited = new Promise(resolve => chrome.once('exit', resolve));
chrome.kill();
await exited;
try {
  fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
} catch {
  // Chromium may still be writing its profile; it is in the temp dir anyway.
}
