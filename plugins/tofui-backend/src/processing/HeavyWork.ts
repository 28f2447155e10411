import {
  type LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { fork } from 'node:child_process';
import os from 'node:os';
import type { ProcessingSettings } from '../config/processing';
import { MemoryBudgetExceededError } from './errors';
import {
  TASK_DONE,
  TASKS,
  type TaskArgs,
  type TaskName,
  type TaskResult,
} from './tasks';

/** What HeavyWork reports (TofuiMetrics implements it). */
export interface HeavyWorkMetrics {
  /** A task ran in a task process: how it ended, and how long it took in seconds. */
  heavyTaskDone(
    task: TaskName,
    outcome: 'success' | 'failure' | 'over_budget',
    seconds: number,
  ): void;
  /** A task was refused before it ran. */
  heavyTaskRefused(task: TaskName, reason: 'queue_full' | 'over_budget'): void;
  /** Reads the tasks waiting for their turn, when metrics are collected. */
  observeQueueDepth(read: () => number): void;
}

/**
 * V8's new space, per task process (two semi-spaces of half this); small,
 * as the work keeps large objects long and a larger young generation only
 * moves the peak earlier.
 */
const YOUNG_GENERATION_MB = 8;
/**
 * What a task process needs before any work: Node itself and the engine's
 * code, with room for what V8 allocates beside its heap limit. Measured
 * (RSS of an idle task process): 66 MB from dist, as the backend runs in
 * production, and 141 MB from the TypeScript sources under Backstage's
 * transform (this repository's tests and `make start`).
 */
const PROCESS_BASELINE_MB = __filename.endsWith('.ts') ? 144 : 72;

/**
 * Heap a task needs per byte of input, measured: the text (1×), the parsed
 * plan (~1.7×), the redacted JSON or the report model (~1×), with room.
 */
const HEAP_PER_INPUT_BYTE = 4;

/** Task processes yield the CPU to the requests (see os.setPriority). */
const TASK_NICENESS = 10;

/** How much of a task process's error output is kept for the log. */
const STDERR_TAIL_BYTES = 4096;

/**
 * The task process's file: from the TypeScript sources (in this
 * repository, under Backstage's transform, as the backend itself runs) or
 * from dist.
 */
function taskProcessEntry(): { entry: string; transform?: string } {
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

/** An error as a task process sends it, by name and message. */
function fromTaskProcess(error: { name: string; message: string }): Error {
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
 * a child process whose heap is limited to its share of the memory budget:
 * a task that would need more ends its process — never the backend, even
 * when V8 gives up inside a native allocation, which in a worker thread
 * aborts the whole process — and is refused with MemoryBudgetExceededError.
 * Small inputs run inline (a process costs more than they do). Publishes
 * beyond `maxQueued` waiting are refused (503, the CLI retries); background
 * renders always wait their turn.
 */
export class HeavyWork {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private boot?: ReturnType<typeof taskProcessEntry>;

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
      return (TASKS[task] as (a: TaskArgs<T>) => Promise<TaskResult<T>>)(args);
    }
    const inputMb = options.inputBytes / (1024 * 1024);
    // Outside the heap, a task holds about twice its input at its peak: the
    // file read whole (a Buffer) before it is decoded, the result encoded
    // before it is written. What is left is the task process's heap.
    const heapMb = Math.floor(
      this.taskBudgetMb -
        2 * inputMb -
        YOUNG_GENERATION_MB -
        PROCESS_BASELINE_MB,
    );
    // Refused here, before a process starts, whenever the estimate says so;
    // the heap limit is the backstop for plans that need more than usual.
    if (heapMb < HEAP_PER_INPUT_BYTE * inputMb) {
      this.metrics.heavyTaskRefused(task, 'over_budget');
      throw this.overBudget(task, options.inputBytes);
    }
    await this.turn(task, !!options.background);
    const started = performance.now();
    let outcome: 'success' | 'failure' | 'over_budget' = 'failure';
    try {
      const result = await this.inProcess(task, args, heapMb);
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
    const what =
      task === 'renderReport' ? 'Rendering this plan' : 'This artifact';
    return new MemoryBudgetExceededError(
      `${what} (${(inputBytes / (1024 * 1024)).toFixed(
        1,
      )} MB) needs more memory than this server allows one task (${
        this.taskBudgetMb
      } MB: tofui.processing.memoryBudgetMb ÷ concurrency)`,
    );
  }

  /** Waits for a free task slot (or refuses a publish when too many wait). */
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

  /**
   * Runs a task in a child process with `heapMb` of old space. A process
   * that ends without answering, killed by V8's out-of-memory abort, is over
   * the budget; one that ends otherwise failed.
   */
  private inProcess<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    heapMb: number,
  ): Promise<TaskResult<T>> {
    const { entry, transform } = (this.boot ??= taskProcessEntry());
    return new Promise((resolve, reject) => {
      const child = fork(entry, [], {
        // not the backend's own flags (its instrumentation would start a
        // second metrics server); module resolution as the backend's
        execArgv: [
          ...process.execArgv.filter(flag => flag === '--preserve-symlinks'),
          ...(transform ? ['--require', transform] : []),
          `--max-old-space-size=${heapMb}`,
          `--max-semi-space-size=${YOUNG_GENERATION_MB / 2}`,
        ],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      try {
        os.setPriority(child.pid!, TASK_NICENESS);
      } catch {
        // not allowed here: the same priority as the requests
      }
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
      });
      // Settled once the process has exited: its memory is given back
      // before the next task may start.
      let outcome: { result?: any; error?: Error } | undefined;
      child.on('message', (message: any) => {
        // Backstage's transform (in this repository) sends messages of its own
        if (message?.type !== TASK_DONE) return;
        outcome ??= message.error
          ? { error: fromTaskProcess(message.error) }
          : { result: message.result };
        child.disconnect();
      });
      child.on('error', error => {
        outcome ??= { error };
      });
      child.on('exit', (code, signal) => {
        if (outcome?.error) {
          reject(outcome.error);
        } else if (outcome) {
          resolve(outcome.result);
        } else if (/heap limit|out of memory/i.test(stderr)) {
          reject(
            new MemoryBudgetExceededError(`heap limit of ${heapMb} MB reached`),
          );
        } else {
          const reason = signal ? `signal ${signal}` : `code ${code}`;
          this.logger.error(
            `tofUI ${task} process ended (${reason}) without a result: ${stderr.trim()}`,
          );
          reject(new Error(`tofUI ${task} process ended (${reason})`));
        }
      });
      child.send({ task, args });
    });
  }
}
