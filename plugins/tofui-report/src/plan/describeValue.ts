import type { DiffValue } from './diffChange';
import { REDACTED } from './redacted';

/** A value of a diff as a report shows it. @public */
export interface DescribedValue {
  text: string;
  /** `unknown` and `sensitive` are markers, styled apart from values. */
  kind: 'unknown' | 'sensitive' | 'value';
}

/**
 * A diff value as Terraform shows it: `(known after apply)`,
 * `(sensitive value)`, strings quoted (JSON inside a string pretty-printed), empty
 * containers as `[]` and `{}`. The HTML report and the frontend both use it.
 *
 * @public
 */
export function describeValue(value: DiffValue): DescribedValue {
  if (!value.known) return { text: '(known after apply)', kind: 'unknown' };
  const v = value.value;
  if (v === REDACTED) return { text: REDACTED, kind: 'sensitive' };
  if (typeof v === 'string') {
    const t = v.trim();
    if ((t.startsWith('{') || t.startsWith('[')) && t.length > 2) {
      try {
        return { text: JSON.stringify(JSON.parse(t), null, 2), kind: 'value' };
      } catch {
        // not JSON: shown as a string
      }
    }
    return { text: JSON.stringify(v), kind: 'value' };
  }
  if (Array.isArray(v)) return { text: '[]', kind: 'value' };
  if (v && typeof v === 'object') return { text: '{}', kind: 'value' };
  return { text: String(v), kind: 'value' };
}
