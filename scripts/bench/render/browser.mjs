// Opens a rendered report in headless Chromium (file://) and measures: time
// to interactive (first rows drawn and search wired, from navigation start,
// median of 3 loads), DOM size, and search latency (input to next frame,
// median over several queries). Prints JSON.
import { chromium } from 'playwright-core';

const [file] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const ready = [];
for (let i = 0; i < 3; i++) {
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready=true]', { timeout: 60_000 });
  ready.push(Number(await page.getAttribute('html', 'data-ready-ms')));
}
const domNodes = await page.evaluate(
  () => document.getElementsByTagName('*').length,
);
const search = await page.evaluate(async () => {
  const input = document.querySelector('input[type=search]');
  const frame = () =>
    new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (const q of [
    'a',
    'aw',
    'aws_',
    'aws_inst',
    'module.stack_1',
    'r99',
    'zzz-none',
    '',
  ]) {
    const t = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    await frame();
    times.push(performance.now() - t);
  }
  return times;
});
console.log(
  JSON.stringify({
    readyMs: median(ready),
    readyRuns: ready,
    domNodes,
    searchMs: median(search),
    searchMaxMs: Math.max(...search),
  }),
);
await browser.close();
