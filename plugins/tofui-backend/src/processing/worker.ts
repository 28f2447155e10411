import { parentPort, workerData } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

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
