/**
 * Renders one plan with the report engine of several source trees in one
 * process, interleaved run by run (in a rotating order), next to
 * `JSON.parse` of the file: the machine's drift over a run (this one's
 * `JSON.parse` moves by a third between minutes) then weighs on every
 * engine alike. The heap is collected before each timed step (run with
 * --expose-gc), so that none pays for the garbage of the one before it: each
 * starts as a render in a process of its own does. Prints, per engine,
 * the median render time and its ratio to the median `JSON.parse`, and
 * whether every engine wrote the same page.
 * Usage: compare.ts plan.json <label>=<engine src dir>...   (RUNS, default 9)
 */
import fs from 'node:fs';
import path from 'node:path';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const [input, ...engines] = process.argv.slice(2);
  const text = fs.readFileSync(input, 'utf8');
  const loaded = engines.map(arg => {
    const [label, dir] = arg.split('=');
    const { parsePlan } = require(path.resolve(dir, 'plan/parsePlan'));
    const { renderPlanReport } = require(path.resolve(
      dir,
      'html/renderPlanReport',
    ));
    // what the engine leaves unread, where it says (older engines ignore it)
    const unread = require(path.resolve(
      dir,
      'html/reportModel',
    )).planMembersUnreadByReport?.({});
    return { label, parsePlan, renderPlanReport, omit: unread ?? [] };
  });
  const times: Record<string, number[]> = { 'JSON.parse': [] };
  const pages: Record<string, string> = {};
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  const timed = async (label: string, fn: () => unknown) => {
    collect();
    const started = performance.now();
    await fn();
    (times[label] ??= []).push(performance.now() - started);
  };
  for (let i = 0; i < Number(process.env.RUNS ?? 9); i++) {
    await timed('JSON.parse', () => JSON.parse(text));
    const order = [
      ...loaded.slice(i % loaded.length),
      ...loaded.slice(0, i % loaded.length),
    ];
    for (const engine of order) {
      await timed(engine.label, async () => {
        const { plan } = engine.parsePlan(text, { omit: engine.omit });
        pages[engine.label] = await engine.renderPlanReport(plan, {
          displayName: 'Benchmark plan',
          generatedAt: '2026-11-25T00:00:00Z',
        });
      });
    }
  }
  const parseMs = median(times['JSON.parse']);
  console.log(
    JSON.stringify({
      parseMs: Math.round(parseMs),
      engines: loaded.map(({ label }) => ({
        label,
        renderMs: Math.round(median(times[label])),
        renderOverParse: +(median(times[label]) / parseMs).toFixed(2),
      })),
      samePage: new Set(Object.values(pages)).size === 1,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
