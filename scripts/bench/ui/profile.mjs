// A CPU profile of one page of a running tofUI loading in Debian's Chromium
// with the CPU slowed down as Lighthouse's mobile preset does (4×): signed
// in as guest first, then from navigation until `selector` is drawn and one
// more second. Writes the profile and prints where its time went
// (cpuprofile-summary.mjs, frames mapped through the app build's source
// maps in packages/app/dist/static).
//
// Usage: profile.mjs <base-url> <path> <selector> <out.cpuprofile>
// Env: CPU_SLOWDOWN (4), CHROMIUM_PATH (/usr/bin/chromium), TOP
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { signInAsGuest } from './signIn.mjs';

const [base, pagePath, selector, out] = process.argv.slice(2);
if (!out) {
  throw new Error(
    'usage: profile.mjs <base-url> <path> <selector> <out.cpuprofile>',
  );
}
const here = path.dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await signInAsGuest(page, base);
  await page.goto('about:blank');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', {
    rate: Number(process.env.CPU_SLOWDOWN ?? 4),
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(`${base}${pagePath}`);
  await page.waitForSelector(selector);
  const drawnMs = Date.now() - started;
  await page.waitForTimeout(1000);
  const { profile } = await cdp.send('Profiler.stop');
  fs.writeFileSync(out, JSON.stringify(profile));
  console.log(`${pagePath}: ${selector} drawn ${drawnMs} ms after navigation`);
} finally {
  await browser.close();
}
execFileSync(
  process.execPath,
  [path.join(here, '../cpuprofile-summary.mjs'), out],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      MAPS_DIR: path.resolve(here, '../../../packages/app/dist/static'),
    },
  },
);
