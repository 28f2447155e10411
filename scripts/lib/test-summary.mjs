#!/usr/bin/env node
/*
 * Prints the result of `make test` and exits non-zero when anything failed.
 * Args: <jest.json> <playwright.json> <step names, |-separated> <statuses>
 */
import fs from 'node:fs';

const [jestFile, e2eFile, names, statuses] = process.argv.slice(2);
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

const steps = names ? names.split('|').map((n, i) => [n, statuses.split('|')[i]]) : [];
const jest = read(jestFile);
const e2e = read(e2eFile);

const unit = jest
  ? { passed: jest.numPassedTests, failed: jest.numFailedTests, skipped: jest.numPendingTests + jest.numTodoTests }
  : undefined;
const endToEnd = e2e
  ? { passed: e2e.stats.expected, failed: e2e.stats.unexpected + e2e.stats.flaky, skipped: e2e.stats.skipped }
  : undefined;

console.log('');
for (const [name, status] of steps) {
  console.log(`  ${status === 'ok' ? '✔' : '✘'} ${name}`);
}
const failedSteps = steps.filter(([, s]) => s !== 'ok').length;
const passed = (unit?.passed ?? 0) + (endToEnd?.passed ?? 0);
const failed = (unit?.failed ?? 0) + (endToEnd?.failed ?? 0);
const skipped = (unit?.skipped ?? 0) + (endToEnd?.skipped ?? 0);
const parts = [
  unit ? `unit/integration ${unit.passed} passed ${unit.failed} failed` : 'unit/integration did not report',
  endToEnd ? `e2e ${endToEnd.passed} passed ${endToEnd.failed} failed` : 'e2e did not run',
];
console.log(
  `\nmake test: ${passed} passed, ${failed} failed, ${skipped} skipped (${parts.join('; ')}); ` +
    `${steps.length - failedSteps}/${steps.length} steps ok`,
);
process.exit(failedSteps > 0 || failed > 0 || !unit ? 1 : 0);
