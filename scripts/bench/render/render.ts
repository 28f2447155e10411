/**
 * Measured renders: prints JSON with JSON.parse time (median of 3), render
 * time (parse + redact + model + compress, median of 3) and sizes. With
 * --once it renders once and reports the process's peak RSS instead (run in
 * a process of its own, so that the peak is the render's).
 */
import { parsePlan, renderPlanReport } from '@tofui/report';
import fs from 'node:fs';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const [input, output, mode] = process.argv.slice(2);
  if (mode === '--once') {
    const baselineRssBytes = process.memoryUsage().rss;
    const { plan, warnings } = parsePlan(fs.readFileSync(input, 'utf8'));
    fs.writeFileSync(output, await renderPlanReport(plan, { warnings }));
    console.log(
      JSON.stringify({
        baselineRssBytes,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      }),
    );
    return;
  }
  const text = fs.readFileSync(input, 'utf8');
  const parseMs: number[] = [];
  const renderMs: number[] = [];
  let html = '';
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    JSON.parse(text);
    parseMs.push(performance.now() - t);
    t = performance.now();
    const { plan, warnings } = parsePlan(text);
    html = await renderPlanReport(plan, {
      displayName: 'Benchmark plan',
      warnings,
      generatedAt: '2026-11-25T00:00:00Z',
    });
    renderMs.push(performance.now() - t);
  }
  fs.writeFileSync(output, html);
  console.log(
    JSON.stringify({
      planBytes: Buffer.byteLength(text),
      htmlBytes: Buffer.byteLength(html),
      parseMs: median(parseMs),
      renderMs: median(renderMs),
    }),
  );
}
main().catch(error => {
  console.error(error);
  process.exit(1);
});
