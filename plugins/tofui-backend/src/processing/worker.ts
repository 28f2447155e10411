import { TASK_DONE, TASKS, type TaskName } from './tasks';

/**
 * A task process's entry (see HeavyWork): receives one task, runs it and
 * sends its result, or its error by name and message (errors do not cross
 * processes with their class), then exits when the parent disconnects.
 */
process.once('message', (message: { task: TaskName; args: any }) => {
  TASKS[message.task](message.args).then(
    result => process.send!({ type: TASK_DONE, result }),
    (error: Error) =>
      process.send!({
        type: TASK_DONE,
        error: { name: error?.name, message: error?.message ?? String(error) },
      }),
  );
});
