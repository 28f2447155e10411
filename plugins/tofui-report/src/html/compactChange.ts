/**
 * One resource change, compact (arrays, not objects: the model of a 50,000
 * resource plan is embedded in the page). Index names in {@link RC}.
 */
export type CompactChange = [
  address: string,
  action: string,
  type: string,
  module: string,
  provider: string,
  reason: string,
  replacePaths: unknown[][] | 0,
  previousAddress: string,
  importingId: string,
  deposed: string,
  before: unknown,
  after: unknown,
  afterUnknown: unknown,
];

/** Positions in a {@link CompactChange}. */
export const RC = {
  address: 0,
  action: 1,
  type: 2,
  module: 3,
  provider: 4,
  reason: 5,
  replacePaths: 6,
  previousAddress: 7,
  importingId: 8,
  deposed: 9,
  before: 10,
  after: 11,
  afterUnknown: 12,
} as const;
