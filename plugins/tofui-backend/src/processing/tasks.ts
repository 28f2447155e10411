import { InputError } from '@backstage/errors';
import type { PlanSummary } from '@tofui/backstage-plugin-tofui-common';
import {
  maskLogAndReport,
  parsePlan,
  planMembersUnreadByReport,
  parseTerraformLog,
  type Plan,
  planFromLog,
  type RedactionOptions,
  type RedactionReport,
  redactPlanAndSecrets,
  type RenderOptions,
  renderPlanReport,
  summarizePlan,
} from '@tofui/report';
import fs from 'node:fs/promises';
import {
  logChanges,
  type PlannedChange,
  planChanges,
} from '../changes/planChanges';

/**
 * The heavy work, file in, file out: the same functions run on the request
 * thread for small artifacts and in a child process (worker.ts) for the
 * rest, so the text of a large plan is never held by the main thread.
 */

/** What processing a plan tells besides the redacted file it writes. */
export interface ProcessedPlan {
  summary: PlanSummary;
  /**
   * The (raw) plan's secrets — marked sensitive or found by the second
   * layer — to mask the log of the same run with.
   */
  sensitiveValues: string[];
  /**
   * The change index rows of the redacted plan, when asked for and the plan
   * has no more than `indexChangesUpTo` changes: the plan is parsed here
   * anyway, so a small plan is indexed at publish without parsing it again.
   */
  changes?: PlannedChange[];
}

/** Parses, redacts and summarises the plan in `input`; writes the redacted plan to `output`. */
async function processPlan(args: {
  input: string;
  output: string;
  /** `tofui.redaction`: the second layer, for secrets the plan does not mark. */
  redaction?: RedactionOptions;
  /** The most changes a plan may have to have its index rows returned. */
  indexChangesUpTo?: number;
}): Promise<ProcessedPlan> {
  let plan;
  try {
    plan = parsePlan(await fs.readFile(args.input, 'utf8')).plan;
  } catch (error) {
    throw new InputError(
      `The plan artifact is not a readable plan: ${(error as Error).message}`,
    );
  }
  const redacted = redactPlanAndSecrets(plan, { redaction: args.redaction });
  await fs.writeFile(args.output, JSON.stringify(redacted.plan));
  const {
    replaceDeleteFirst: _d,
    replaceCreateFirst: _c,
    noop: _n,
    ...summary
  } = summarizePlan(plan);
  return {
    summary,
    sensitiveValues: redacted.secrets,
    ...indexedAtPublish(redacted.plan, args.indexChangesUpTo),
  };
}

/**
 * The index rows of the (redacted) plan as stored, the same as indexPlan
 * reads back, when it has at most `upTo` changes. A plan the index cannot
 * read is still published: its index job reports the error, as before.
 */
function indexedAtPublish(
  plan: Plan,
  upTo: number | undefined,
): { changes?: PlannedChange[] } {
  const count =
    (plan.resource_changes?.length ?? 0) + (plan.resource_drift?.length ?? 0);
  if (upTo === undefined || count > upTo) {
    return {};
  }
  try {
    return { changes: planChanges(plan) };
  } catch {
    return {};
  }
}

/**
 * Masks the log in `input` (a log is text: bytes that are not UTF-8 become
 * U+FFFD); tells what the second layer masked in it.
 */
async function maskLog(args: {
  input: string;
  output: string;
  sensitive: string[];
  redaction?: RedactionOptions;
}): Promise<RedactionReport> {
  const masked = maskLogAndReport(
    await fs.readFile(args.input, 'utf8'),
    args.sensitive,
    { redaction: args.redaction },
  );
  await fs.writeFile(args.output, masked.log);
  return masked.redaction;
}

/** Renders the (redacted) plan in `plan` as an HTML report into `output`. */
async function renderReport(args: {
  /** The plan file; without one, the report of the log alone. */
  plan?: string;
  log?: string;
  output: string;
  options: Omit<RenderOptions, 'log' | 'warnings'>;
}): Promise<{ bytes: number }> {
  const log = args.log ? await fs.readFile(args.log, 'utf8') : undefined;
  const { plan, warnings } = args.plan
    ? parsePlan(await fs.readFile(args.plan, 'utf8'), {
        omit: planMembersUnreadByReport({ log }),
      })
    : { plan: planFromLog(log ?? ''), warnings: [] };
  const html = await renderPlanReport(plan, {
    ...args.options,
    warnings,
    log,
  });
  await fs.writeFile(args.output, html);
  return { bytes: Buffer.byteLength(html) };
}

/** The change index rows of the (redacted) plan in `input`. */
async function indexPlan(args: { input: string }): Promise<PlannedChange[]> {
  return planChanges(parsePlan(await fs.readFile(args.input, 'utf8')).plan);
}

/** The change index rows of the (masked) apply log in `input`. */
async function indexLog(args: { input: string }): Promise<PlannedChange[]> {
  return logChanges(parseTerraformLog(await fs.readFile(args.input, 'utf8')));
}

/** The type of the one message a task process sends back (see worker.ts). */
export const TASK_DONE = 'tofui-task-done';

export const TASKS = {
  processPlan,
  maskLog,
  renderReport,
  indexPlan,
  indexLog,
};

/** The heavy tasks by name, as a worker is told to run them. */
export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskArgs<T extends TaskName> = Parameters<Tasks[T]>[0];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<Tasks[T]>>;
