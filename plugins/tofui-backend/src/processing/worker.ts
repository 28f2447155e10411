import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

/**
 * This thread yields the CPU to the request thread: on Linux a thread has a
 * priority of its own (its id is in /proc/thread-self), and heavy work
 * should make requests wait as little as possible. Elsewhere it runs as is.
 */
function yieldToRequests() {
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/')[2]);
    if (threadId > 0) os.setPriority(threadId, 10);
  } catch {
    // not Linux, or not allowed: same priority as the requests
  }
}

yieldToRequests();

/**
 * A worker thread's entry (see HeavyWork): runs one task and posts its
 * result, or its error by name and message (errors do not cross threads
 * with their class).
 */
const { task, args } = workerData as { task: TaskName; args: any };
TASKS[task](args).then(
  result => parentPort!.postMessage({ result }),
  (error: Error) =>
    parentPort!.postMessage({
      error: { name: error?.name, message: error?.message ?? String(error) },
    }),
);
