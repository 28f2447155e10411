// Measures the tofUI frontend in headless Chromium against a running
// backend: /tofui time to interactive (navigation start to the first folder
// row drawn with the filters ready; median of RUNS loads), filter latency
// (input to the table showing the result, median of several), and the
// report view of a big plan (navigation start to the first resource of the
// plan list). Prints JSON.
import { chromium } from 'playwright-core';
import { signInAsGuest } from './signIn.mjs';

const [base, reportId, runs = '5'] = process.argv.slice(2);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
// Notes when each summary answer has been read, so a measurement can wait
// for the server's rows rather than stop at the local narrowing.
await page.addInitScript(() => {
  const fetch = window.fetch.bind(window);
  window.__summaryDone = 0;
  window.fetch = async (...args) => {
    const response = await fetch(...args);
    const url = String(args[0]?.url ?? args[0]);
    if (url.includes('/v1/summary')) {
      response
        .clone()
        .text()
        .then(() => (window.__summaryDone = performance.now()));
    }
    return response;
  };
});

// Guest sign-in once; the sign-in page then signs in automatically.
await signInAsGuest(page, base);

const interactive = [];
for (let i = 0; i < Number(runs); i++) {
  await page.goto(`${base}/tofui`);
  await page.waitForFunction(
    () =>
      document.querySelector('tbody tr a') &&
      document.querySelector('#tofui-search:not([disabled])'),
    null,
    { timeout: 30_000, polling: 'raf' },
  );
  interactive.push(await page.evaluate(() => performance.now()));
}
const folders = await page.evaluate(
  () =>
    document.querySelector('[aria-label="Folders by verdict"]')?.textContent,
);

// Filter latency, measured in the page: from the input event to the frame
// that shows the new rows (and no loading bar).
async function measure(action) {
  return page.evaluate(async action => {
    const rows = () => document.querySelector('tbody')?.textContent ?? '';
    const busy = () => !!document.querySelector('.MuiLinearProgress-root');
    const before = rows();
    const started = performance.now();
    if (action.kind === 'chip') {
      [
        ...document.querySelectorAll(
          '[aria-label="Folders by verdict"] [role=button]',
        ),
      ]
        .find(b => b.textContent.includes(action.label))
        .click();
    } else {
      const input = document.querySelector('#tofui-search');
      const setter = Object.getOwnPropertyDescriptor(
        HTMLInputElement.prototype,
        'value',
      ).set;
      setter.call(input, action.text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    const frame = () => new Promise(r => requestAnimationFrame(() => r()));
    for (;;) {
      await frame();
      const waited = performance.now() - started;
      if (waited > 10_000) return -1;
      if (!action.settled) {
        if (rows() !== before) return waited;
      } else if (
        window.__summaryDone > started &&
        !busy() &&
        rows() !== before
      ) {
        // settled: the server's answer is read and drawn
        return waited;
      }
    }
  }, action);
}
const chip = [];
// Each click filters by a verdict, the next one clears it again; chosen so
// that every click changes the rows (the seeded fleet is nearly all failing).
for (const label of [
  'passing',
  'passing',
  'unknown',
  'unknown',
  'passing',
  'passing',
]) {
  chip.push(await measure({ kind: 'chip', label, settled: true }));
}
const typedLocal = [];
const typedServer = [];
for (const text of ['org-0042', 'org-01', 'env_07', 'org-1999']) {
  typedLocal.push(await measure({ kind: 'text', text }));
  await page.waitForTimeout(1000);
  await measure({ kind: 'text', text: '' });
  await page.waitForTimeout(1000);
  typedServer.push(await measure({ kind: 'text', text, settled: true }));
  await page.waitForTimeout(500);
  await measure({ kind: 'text', text: '' });
  await page.waitForTimeout(1000);
}

const reportView = [];
for (let i = 0; i < Number(runs); i++) {
  await page.goto(`${base}/tofui/reports/${reportId}`);
  await page.waitForSelector('[role=option]', { timeout: 60_000 });
  reportView.push(await page.evaluate(() => performance.now()));
}
await browser.close();
const round = xs => xs.map(x => Math.round(x));
console.log(
  JSON.stringify(
    {
      folders,
      tofuiInteractiveMs: {
        median: Math.round(median(interactive)),
        runs: round(interactive),
      },
      verdictFilterMs: { median: Math.round(median(chip)), runs: round(chip) },
      searchLocalMs: {
        median: Math.round(median(typedLocal)),
        runs: round(typedLocal),
      },
      searchServerMs: {
        median: Math.round(median(typedServer)),
        runs: round(typedServer),
        note: 'includes the 250 ms debounce',
      },
      reportView10kMs: {
        median: Math.round(median(reportView)),
        runs: round(reportView),
      },
    },
    null,
    2,
  ),
);
