/**
 * Test utilities of the tofUI plugins: the summary filters' case table.
 *
 * @packageDocumentation
 */
export * from './summaryFilterCases';
