/**
 * Measured renders: prints JSON with JSON.parse time, render time (parse, as
 * `tofui render` parses a plan without a log, + redact + model + compress)
 * and sizes, medians of RUNS (default 5), each
 * run parsing then rendering. Times are given as wall time and as the
 * process's CPU time (user + system, all threads: compression and GC count):
 * on a machine shared with other work, CPU time does not count the time the
 * process waited for a core, so the ratio holds where wall time does not. With
 * --once it renders once and reports the process's peak RSS instead (run in
 * a process of its own, so that the peak is the render's).
 */
import {
  parsePlan,
  planMembersUnreadByReport,
  renderPlanReport,
} from '@tofui/report';
import fs from 'node:fs';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// what `tofui render` leaves unparsed (no log)
const omit = planMembersUnreadByReport({});

async function main() {
  const [input, output, mode] = process.argv.slice(2);
  if (mode === '--once') {
    const baselineRssBytes = process.memoryUsage().rss;
    const { plan, warnings } = parsePlan(fs.readFileSync(input, 'utf8'), {
      omit,
    });
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
  const runs = Number(process.env.RUNS ?? 5);
  const parse = { wall: [] as number[], cpu: [] as number[] };
  const render = { wall: [] as number[], cpu: [] as number[] };
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const timed = async (into: typeof parse, fn: () => unknown) => {
    const [wall, cpu] = [performance.now(), cpuMs()];
    await fn();
    into.wall.push(performance.now() - wall);
    into.cpu.push(cpuMs() - cpu);
  };
  let html = '';
  for (let i = 0; i < runs; i++) {
    await timed(parse, () => JSON.parse(text));
    await timed(render, async () => {
      const { plan, warnings } = parsePlan(text, { omit });
      html = await renderPlanReport(plan, {
        displayName: 'Benchmark plan',
        warnings,
        generatedAt: '2026-11-25T00:00:00Z',
      });
    });
  }
  fs.writeFileSync(output, html);
  console.log(
    JSON.stringify({
      planBytes: Buffer.byteLength(text),
      htmlBytes: Buffer.byteLength(html),
      parseMs: median(parse.wall),
      renderMs: median(render.wall),
      parseCpuMs: median(parse.cpu),
      renderCpuMs: median(render.cpu),
    }),
  );
}
main().catch(error => {
  console.error(error);
  process.exit(1);
});
