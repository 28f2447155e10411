import { parseObjectWithout } from './parseObjectWithout';
import type { Plan } from './types';

/** Result of parsing: the plan and any warnings worth showing. @public */
export interface ParsedPlan {
  plan: Plan;
  warnings: string[];
}

/** The input is not a plan this engine can read. @public */
export class PlanFormatError extends Error {
  name = 'PlanFormatError';
}

/** Format 0.x versions this engine reads (Terraform 0.12 to 0.15). */
const SUPPORTED_0X_MINORS = new Set(['1', '2']);
/** Known minor versions of format 1.x; newer ones are read with a warning. */
const KNOWN_1X_MINORS = new Set(['0', '1', '2']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses `terraform show -json` / `tofu show -json` output. Accepts format
 * 0.1, 0.2 and any 1.x (an unknown minor version gives a warning); rejects
 * other majors, encrypted OpenTofu plans and anything that is not a plan,
 * with a message that says which. Top-level members named in `omit` are
 * left out of a plan given as text without being parsed (see
 * {@link planMembersUnreadByReport}).
 *
 * @public
 */
export function parsePlan(
  input: string | unknown,
  options: { omit?: readonly string[] } = {},
): ParsedPlan {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = options.omit?.length
        ? parseObjectWithout(input, options.omit)
        : JSON.parse(input);
    } catch (e) {
      throw new PlanFormatError(
        `Plan is not valid JSON: ${(e as Error).message}`,
      );
    }
  }
  if (!isRecord(value)) {
    throw new PlanFormatError('Plan JSON must be an object');
  }
  if ('encryption_version' in value || 'encrypted_data' in value) {
    throw new PlanFormatError(
      'This is an encrypted OpenTofu plan; run `tofu show -json` with the encryption key configured to get a readable plan',
    );
  }
  const version = value.format_version;
  if (typeof version !== 'string') {
    throw new PlanFormatError(
      'Plan JSON has no format_version; pass the output of `terraform show -json <planfile>`',
    );
  }
  const [major, minor] = version.split('.');
  const warnings: string[] = [];
  if (major === '0') {
    if (!SUPPORTED_0X_MINORS.has(minor)) {
      throw new PlanFormatError(`Unsupported plan format_version ${version}`);
    }
  } else if (major === '1') {
    if (!KNOWN_1X_MINORS.has(minor)) {
      warnings.push(
        `Plan format_version ${version} is newer than this tofUI knows (1.2); unknown fields are ignored`,
      );
    }
  } else {
    throw new PlanFormatError(
      `Unsupported plan format_version ${version}: this tofUI reads 0.1, 0.2 and 1.x`,
    );
  }
  if (
    value.resource_changes !== undefined &&
    !Array.isArray(value.resource_changes)
  ) {
    throw new PlanFormatError('resource_changes must be an array');
  }
  return { plan: value as Plan, warnings };
}
