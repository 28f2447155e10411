import { CustomErrorBase } from '@backstage/errors';

/**
 * Heavy work (a plan, a log, a render) that needs more memory than this
 * replica's budget for one task (`tofui.processing.memoryBudgetMb`). A
 * publish answers 413; a render ends `failed` with this message.
 */
export class MemoryBudgetExceededError extends CustomErrorBase {
  name = 'MemoryBudgetExceededError' as const;
  statusCode = 413;
}
