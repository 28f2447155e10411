import {
  type LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { Worker } from 'node:worker_threads';
import type { ProcessingSettings } from '../config/processing';
import { MemoryBudgetExceededError } from './errors';
import { TASKS, type TaskArgs, type TaskName, type TaskResult } from './tasks';

/** What HeavyWork reports (TofuiMetrics implements it). */
export interface HeavyWorkMetrics {
  /** A task ran in a worker: how it ended, and how long it took in seconds. */
  heavyTaskDone(
    task: TaskName,
    outcome: 'success' | 'failure' | 'over_budget',
    seconds: number,
  ): void;
  /** A task was refused before it ran. */
  heavyTaskRefused(task: TaskName, reason: 'queue_full' | 'over_budget'): void;
  /** Reads the tasks waiting for a worker, when metrics are collected. */
  observeQueueDepth(read: () => number): void;
}

/**
 * V8's new space, per worker; small, as the work keeps large objects long
 * and a larger young generation only moves the peak earlier.
 */
const YOUNG_GENERATION_MB = 8;
/**
 * What a worker needs before any work: its isolate and the engine's code
 * (measured: 38 MB of RSS from the TypeScript sources, less from dist),
 * with room for what V8 allocates beside its heap limit.
 */
const WORKER_BASELINE_MB = 56;

/**
 * Heap a task needs per byte of input, measured: the text (1×), the parsed
 * plan (~1.7×), the redacted JSON or the report model (~1×), with room.
 */
const HEAP_PER_INPUT_BYTE = 4;

/**
 * Starts the worker file: from the TypeScript sources (in this repository,
 * under Backstage's transform, as the backend itself runs) or from dist.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.entry);
`;

function workerEntry(): { entry: string; transform?: string } {
  if (__filename.endsWith('.ts')) {
    return {
      entry: resolvePackagePath(
        '@tofui/backstage-plugin-tofui-backend',
        'src/processing/worker.ts',
      ),
      transform: require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    };
  }
  return {
    entry: require.resolve(
      '@tofui/backstage-plugin-tofui-backend/processingWorker',
    ),
  };
}

/** An error as a worker posts it, by name and message. */
function fromWorker(error: { name: string; message: string }): Error {
  return error.name === 'InputError'
    ? new InputError(error.message)
    : Object.assign(new Error(error.message), { name: error.name });
}

interface Waiting {
  start: () => void;
  background: boolean;
}

/**
 * Runs heavy tasks off the request thread, a bounded number at once, each in
 * a worker thread whose heap is limited to its share of the memory budget:
 * a task that would need more ends the worker (not the process) and is
 * refused with MemoryBudgetExceededError. Small inputs run inline (a worker
 * costs more than they do). Publishes beyond `maxQueued` waiting are refused
 * (503, the CLI retries); background renders always wait their turn.
 */
export class HeavyWork {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private boot?: ReturnType<typeof workerEntry>;

  /** Everything on the calling thread (tests of other parts, tools). */
  static inline(logger: LoggerService): HeavyWork {
    return new HeavyWork(
      {
        memoryBudgetMb: 1024,
        concurrency: 1,
        maxQueued: 0,
        inlineMaxBytes: Infinity,
      },
      {
        heavyTaskDone: () => {},
        heavyTaskRefused: () => {},
        observeQueueDepth: () => {},
      },
      logger,
    );
  }

  constructor(
    private readonly settings: ProcessingSettings,
    private readonly metrics: HeavyWorkMetrics,
    private readonly logger: LoggerService,
  ) {
    metrics.observeQueueDepth(() => this.waiting.length);
  }

  /** Memory one task may use, in MB. */
  get taskBudgetMb(): number {
    return Math.floor(this.settings.memoryBudgetMb / this.settings.concurrency);
  }

  async run<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    options: { inputBytes: number; background?: boolean },
  ): Promise<TaskResult<T>> {
    if (options.inputBytes <= this.settings.inlineMaxBytes) {
      return (TASKS[task] as (a: TaskArgs<T>) => Promise<TaskResult<T>>)(
        args,
      );
    }
    const inputMb = options.inputBytes / (1024 * 1024);
    // Outside the heap, a task holds about twice its input at its peak: the
    // file read whole (a Buffer) before it is decoded, the result encoded
    // before it is written. What is left is the worker's heap.
    const heapMb = Math.floor(
      this.taskBudgetMb - 2 * inputMb - YOUNG_GENERATION_MB - WORKER_BASELINE_MB,
    );
    // Refused here, not by the heap limit, whenever the estimate says so: a
    // worker that reaches its limit inside a native allocation aborts the
    // whole process (V8's FatalProcessOutOfMemory, seen with a 70 MB plan),
    // so the limit is only the backstop for plans that need more than usual.
    if (heapMb < HEAP_PER_INPUT_BYTE * inputMb) {
      this.metrics.heavyTaskRefused(task, 'over_budget');
      throw this.overBudget(task, options.inputBytes);
    }
    await this.turn(task, !!options.background);
    const started = performance.now();
    let outcome: 'success' | 'failure' | 'over_budget' = 'failure';
    try {
      const result = await this.inWorker(task, args, heapMb);
      outcome = 'success';
      return result;
    } catch (error) {
      if ((error as Error).name === 'MemoryBudgetExceededError') {
        outcome = 'over_budget';
        throw this.overBudget(task, options.inputBytes);
      }
      throw error;
    } finally {
      this.metrics.heavyTaskDone(
        task,
        outcome,
        (performance.now() - started) / 1000,
      );
      this.running -= 1;
      this.next();
    }
  }

  private overBudget(task: TaskName, inputBytes: number) {
    const what = task === 'renderReport' ? 'Rendering this plan' : 'This artifact';
    return new MemoryBudgetExceededError(
      `${what} (${(inputBytes / (1024 * 1024)).toFixed(1)} MB) needs more memory than this server allows one task (${this.taskBudgetMb} MB: tofui.processing.memoryBudgetMb ÷ concurrency)`,
    );
  }

  /** Waits for a free worker slot (or refuses a publish when too many wait). */
  private async turn(task: TaskName, background: boolean): Promise<void> {
    if (this.running < this.settings.concurrency) {
      this.running += 1;
      return;
    }
    const queuedPublishes = this.waiting.filter(w => !w.background).length;
    if (!background && queuedPublishes >= this.settings.maxQueued) {
      this.metrics.heavyTaskRefused(task, 'queue_full');
      throw new ServiceUnavailableError(
        `tofUI is processing other large artifacts (${this.running} running, ${queuedPublishes} waiting); retry shortly`,
      );
    }
    await new Promise<void>(start => this.waiting.push({ start, background }));
  }

  private next() {
    const waiting = this.waiting.shift();
    if (waiting) {
      this.running += 1;
      waiting.start();
    }
  }

  private inWorker<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    heapMb: number,
  ): Promise<TaskResult<T>> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: { ...(this.boot ??= workerEntry()), task, args },
        resourceLimits: {
          maxOldGenerationSizeMb: heapMb,
          maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        },
      });
      // Settled once the worker has exited: its memory is given back before
      // the next task may start.
      let outcome: { result?: any; error?: Error } | undefined;
      worker.on('message', message => {
        outcome ??= message.error
          ? { error: fromWorker(message.error) }
          : { result: message.result };
        void worker.terminate();
      });
      worker.on('error', (error: Error) => {
        if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          outcome ??= { error: new MemoryBudgetExceededError(error.message) };
        } else {
          this.logger.error(`tofUI ${task} worker failed: ${error}`);
          outcome ??= { error };
        }
      });
      worker.on('exit', code => {
        if (!outcome) {
          reject(new Error(`tofUI ${task} worker exited (${code})`));
        } else if (outcome.error) {
          reject(outcome.error);
        } else {
          resolve(outcome.result);
        }
      });
    });
  }
}
