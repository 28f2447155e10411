import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * The stand-alone HTML report, rendered by the CLI (`scripts/tofui render`)
 * and opened from file:// in Chromium, as a user opens a CI artifact.
 */

const repoRoot = path.resolve(__dirname, '../../..');
const images = path.join(repoRoot, 'docs/images');
const fixtures = path.join(repoRoot, 'plugins/tofui-report/src/__fixtures__');
const logs = path.join(repoRoot, 'plugins/tofui-report/src/logs/__fixtures__');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-report-e2e-'));

async function renderReport(plan: string, name: string, ...flags: string[]) {
  const file = path.join(out, `${name}.html`);
  await promisify(execFile)(path.join(repoRoot, 'scripts/tofui'), [
    'render',
    path.join(fixtures, plan),
    '-o',
    file,
    ...flags,
  ]);
  return file;
}

/** Opens a report, failing the test on any script error or dialog. */
async function open(page: Page, file: string) {
  const problems: string[] = [];
  page.on('pageerror', e => problems.push(`pageerror: ${e}`));
  page.on('dialog', d => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready=true]');
  return problems;
}

test('payloads in addresses, values, names and URLs stay text', async ({
  page,
}) => {
  const file = await renderReport(
    'xss-plan.json',
    'xss',
    '--display-name',
    '<img src=x onerror=window.__xss=11>',
    '--build-url',
    // eslint-disable-next-line no-script-url -- the payload under test
    'javascript:window.__xss=12',
  );
  const problems = await open(page, file);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(page.getByText('window.__xss=5').first()).toBeVisible();
  await page.getByRole('searchbox').fill('</script>');
  await expect(page.locator('.row')).toHaveCount(1);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  // nothing from the plan became an element: no img, svg, iframe or extra script
  expect(
    await page.locator('#app').locator('img, svg, iframe, b, i, u').count(),
  ).toBe(0);
  expect(
    await page.locator('header').locator('img, svg, iframe, i, u').count(),
  ).toBe(0);
  expect(await page.locator('script').count()).toBe(2);
  expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('a plan report: risk first, diffs, drift, outputs, deep links', async ({
  page,
}) => {
  const file = await renderReport(
    'mixed-plan.json',
    'mixed',
    '--display-name',
    'acme/infrastructure aws_us_east_1 — deploy #42',
    '--repo',
    'acme/infrastructure',
    '--folder',
    'aws_us_east_1',
    '--build-url',
    'https://github.com/acme/infrastructure/actions/runs/42',
  );
  const problems = await open(page, file);
  await page.setViewportSize({ width: 1280, height: 1100 });
  const rows = page.locator('.row .addr');
  // deletes and replacements come first
  await expect(page.locator('.row .sym').first()).toHaveText('-');
  await page.locator('.row', { hasText: '-/+' }).first().locator('.rh').click();
  await expect(page.getByText('# forces replacement').first()).toBeVisible();
  const updates = page.locator('button[data-action=update]');
  await updates.click(); // hide updates
  await expect(
    page.locator('#resources .row', { hasText: 'aws_instance.web' }),
  ).toHaveCount(0);
  await updates.click(); // and back
  await expect(
    page.locator('#resources .row', { hasText: 'aws_instance.web' }),
  ).toHaveCount(1);
  await page.screenshot({ path: path.join(images, 'report-plan.png') });
  await page.locator('#drift').scrollIntoViewIfNeeded();
  await expect(page.locator('#drift')).toContainText(
    'relevant to this plan: tags.Team',
  );
  await page.screenshot({
    path: path.join(images, 'report-drift-outputs.png'),
    fullPage: true,
  });

  // a deep link opens and expands its resource
  const address = (await rows.nth(2).textContent())!;
  await page.goto(`file://${file}#${encodeURIComponent(address)}`);
  await page.waitForSelector('html[data-ready=true]');
  await expect(
    page.locator('.row', { hasText: address }).locator('table.diff'),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test('an errored plan shows its diagnostics; dark mode follows the system', async ({
  page,
}) => {
  const file = await renderReport(
    'errored-plan.json',
    'errored',
    '--display-name',
    'Plan failed',
    '--log',
    path.join(logs, 'original-plan-errors.log'),
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  const problems = await open(page, file);
  await expect(page.locator('.verdict')).toHaveText('Planning failed');
  await expect(page.locator('#diagnostics .diag').first()).toContainText(
    'Error:',
  );
  await page.screenshot({ path: path.join(images, 'report-errored-dark.png') });
  expect(problems).toEqual([]);
});
