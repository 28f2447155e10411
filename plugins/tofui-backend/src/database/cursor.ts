import { InputError } from '@backstage/errors';

type CursorValue = string | number;

/** An opaque cursor for keyset pagination: the sort key of the last item. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; a tampered one is a 400. */
export function decodeCursor(cursor: string, length: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== length ||
    !values.every(v => typeof v === 'string' || typeof v === 'number')
  ) {
    throw new InputError(
      'cursor is invalid; pass nextCursor from a previous page',
    );
  }
  return values;
}
