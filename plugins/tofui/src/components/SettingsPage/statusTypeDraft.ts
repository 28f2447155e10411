import type {
  PutStatusTypeRequest,
  StatusMapping,
  StatusType,
} from '@tofui/backstage-plugin-tofui-common';

/** One row of the editor: a code and how it is shown. */
export interface MappingRow extends StatusMapping {
  code: string;
}

export interface StatusTypeDraft {
  key: string;
  name: string;
  rows: MappingRow[];
}

const KEY_PATTERN = /^[A-Za-z0-9_.-]{1,50}$/;
const CODE_PATTERN = /^(0|[1-9][0-9]{0,8})$/;
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

export function toDraft(type: StatusType): StatusTypeDraft {
  return {
    key: type.key,
    name: type.name,
    rows: Object.entries(type.mappings)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([code, mapping]) => ({ code, ...mapping })),
  };
}

export function emptyDraft(): StatusTypeDraft {
  return {
    key: '',
    name: '',
    rows: [
      {
        code: '0',
        label: 'Passed',
        emoji: '✅',
        color: '#2da44e',
        status: 'passing',
      },
      {
        code: '1',
        label: 'Failed',
        emoji: '❌',
        color: '#cf222e',
        status: 'failing',
      },
    ],
  };
}

/** The draft as the API takes it (rows keyed by code). */
export function toRequest(draft: StatusTypeDraft): PutStatusTypeRequest {
  return {
    name: draft.name.trim(),
    mappings: Object.fromEntries(
      draft.rows.map(({ code, ...mapping }) => [
        code.trim(),
        { ...mapping, label: mapping.label.trim() },
      ]),
    ),
  };
}

/**
 * What is wrong with a draft, field by field, with the rules the API
 * applies, so the user sees them before saving. Empty when it can be saved.
 */
export function validateDraft(draft: StatusTypeDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!KEY_PATTERN.test(draft.key)) {
    errors.key = '1–50 letters, digits, "_", "." or "-"';
  }
  if (!draft.name.trim()) errors.name = 'Required';
  if (draft.rows.length === 0) errors.rows = 'Add at least one code';
  const seen = new Set<string>();
  draft.rows.forEach((row, i) => {
    const code = row.code.trim();
    if (!CODE_PATTERN.test(code)) {
      errors[`rows.${i}.code`] = 'A whole number from 0';
    } else if (seen.has(code)) {
      errors[`rows.${i}.code`] = 'Used twice';
    }
    seen.add(code);
    if (!row.label.trim()) errors[`rows.${i}.label`] = 'Required';
    if (row.label.length > 100)
      errors[`rows.${i}.label`] = 'At most 100 characters';
    if ([...row.emoji].length > 8 || row.emoji.length > 16) {
      errors[`rows.${i}.emoji`] = 'Too long';
    }
    if (!COLOR_PATTERN.test(row.color)) errors[`rows.${i}.color`] = '#rrggbb';
  });
  return errors;
}
