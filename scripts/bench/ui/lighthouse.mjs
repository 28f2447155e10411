// Lighthouse (npm `lighthouse`, run with npx) on /tofui and, given a report
// id, on that report's page, of a running backend, in Debian's Chromium. The
// browser is signed in first (guest) and Lighthouse keeps its storage, so it
// audits the pages, not the sign-in form. Each page and preset is audited
// LH_RUNS times; prints every run's scores and metrics, the load average at
// the end of each run (the machine is shared) and the medians, as JSON.
//
// Usage: lighthouse.mjs <base-url> [report-id]
// Env: LH_RUNS (3), LH_PRESETS (desktop,mobile), LH_PORT (9333: Chromium's
//      DevTools port), LH_REPORT_DIR (keep every Lighthouse JSON report
//      there), LH_VERBOSE, CHROMIUM_PATH (/usr/bin/chromium)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signInAsGuest } from './signIn.mjs';

const [base, reportId] = process.argv.slice(2);
if (!base) throw new Error('usage: lighthouse.mjs <base-url> [report-id]');
const port = Number(process.env.LH_PORT ?? 9333);
const runs = Number(process.env.LH_RUNS ?? 3);
const presets = (process.env.LH_PRESETS ?? 'desktop,mobile').split(',');
const reportDir = process.env.LH_REPORT_DIR;
const pages = { tofui: '/tofui' };
if (reportId) pages.report = `/tofui/reports/${encodeURIComponent(reportId)}`;

const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  si: 'speed-index',
  cls: 'cumulative-layout-shift',
  tti: 'interactive',
};

const median = xs => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 1000) / 1000;
};

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-lh-'));
if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
// Another browser on the DevTools port (one a failed run left behind) would
// be driven instead of ours, already signed in: refuse to start.
const taken = await fetch(`http://127.0.0.1:${port}/json/version`)
  .then(() => true)
  .catch(() => false);
if (taken) {
  console.error(`something already listens on DevTools port ${port} (LH_PORT)`);
  process.exit(1);
}
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
// however this script ends, the browser goes with it
process.on('exit', () => chrome.kill());
let browser;
for (let i = 0; i < 50 && !browser; i++) {
  browser = await chromium
    .connectOverCDP(`http://127.0.0.1:${port}`)
    .catch(() => new Promise(r => setTimeout(r, 200)));
}
const page = await browser.contexts()[0].newPage();
// Generous waits: the backend renders the big plan's report meanwhile, and
// a first load of the production app on 2 busy cores can take a while.
page.setDefaultTimeout(120_000);
await signInAsGuest(page, base).catch(async error => {
  // what the page showed instead, for whoever reads the failure
  const shot = path.join(reportDir ?? os.tmpdir(), 'lighthouse-sign-in.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.error(`signed in at ${page.url()}; the page: ${shot}`);
  throw error;
});
await page.close();
// Disconnect, so that only Lighthouse drives the browser (Chromium stays up).
await browser.close();

/** One Lighthouse run: category scores, metrics (ms; CLS unitless), load. */
function audit(url, preset, label) {
  const out = path.join(reportDir ?? profile, `${label}.json`);
  execFileSync(
    'npx',
    [
      '--yes',
      'lighthouse@13.5.0',
      url,
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
  const result = Object.fromEntries(
    Object.entries(report.categories).map(([k, v]) => [
      k,
      Math.round(v.score * 100),
    ]),
  );
  for (const [key, id] of Object.entries(METRICS)) {
    const value = report.audits[id]?.numericValue;
    result[key] =
      key === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value);
  }
  result.load = os.loadavg().map(l => Math.round(l * 100) / 100);
  result.failedAccessibilityAudits = Object.values(report.audits)
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
  if (!result.failedAccessibilityAudits.length) {
    delete result.failedAccessibilityAudits;
  }
  return result;
}

const results = {};
for (const [name, pagePath] of Object.entries(pages)) {
  for (const preset of presets) {
    const all = [];
    for (let run = 1; run <= runs; run++) {
      all.push(audit(`${base}${pagePath}`, preset, `${name}-${preset}-${run}`));
    }
    const numeric = Object.keys(all[0]).filter(
      k => typeof all[0][k] === 'number',
    );
    results[`${name} ${preset}`] = {
      median: Object.fromEntries(
        numeric.map(k => [k, median(all.map(r => r[k]))]),
      ),
      runs: all,
    };
  }
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
