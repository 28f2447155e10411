import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');
const images = path.join(repoRoot, 'docs/images');
const fixtures = path.join(repoRoot, 'plugins/tofui-report/src/__fixtures__');
const token = process.env.TOFUI_E2E_TOKEN!;
const run = Date.now();

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
}

async function publish(baseURL: string, args: string[]) {
  const { stdout } = await promisify(execFile)(
    path.join(repoRoot, 'scripts/tofui'),
    ['publish', '--server', baseURL, ...args, '--json'],
    { env: { ...process.env, TOFUI_CI_TOKEN: token } },
  );
  return JSON.parse(stdout) as { id: string };
}

test('the dashboard filters on the server and keeps the filters in the URL', async ({
  page,
}) => {
  await signIn(page, '/tofui');
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'gcp_europe_west1' })).toBeVisible();

  await page.getByLabel('Search repositories and folders').fill('gcp');
  await expect(page).toHaveURL(/[?&]q=gcp/);
  await expect(rows.filter({ hasText: 'aws_us_east_2' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'gcp_europe_west1' })).toBeVisible();

  // the verdict counts filter too
  await page.getByRole('button', { name: /failing$/ }).click();
  await expect(page).toHaveURL(/status=failing/);
  await expect(rows.filter({ hasText: 'gcp_us_central1' })).toHaveCount(0);
  await page.screenshot({
    path: path.join(images, 'tofui-dashboard-filtered.png'),
    fullPage: true,
  });

  // a bookmarked filter opens as it was
  await page.reload();
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible()) await enter.click();
  await expect(page.getByLabel('Search repositories and folders')).toHaveValue(
    'gcp',
  );
  await expect(rows.filter({ hasText: 'gcp_europe_west1' })).toBeVisible();
  await expect(rows.filter({ hasText: 'gcp_us_central1' })).toHaveCount(0);

  // report type and order, from the keyboard
  await page.getByLabel('Search repositories and folders').fill('');
  await page.getByLabel('Report type').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'Tests (plan)' }).press('Enter');
  await expect(page).toHaveURL(/type=test/);
  await expect(rows.filter({ hasText: 'staging' })).toHaveCount(0);
});

test('repository and folder views show folders, trends and history', async ({
  page,
  baseURL,
  request,
}) => {
  // two runs with plans, so the folder has changes to chart
  const ids: string[] = [];
  for (const [i, plan] of [
    'mixed-plan.json',
    'output-only-plan.json',
  ].entries()) {
    const { id } = await publish(baseURL!, [
      '--repo',
      'acme/trends',
      '--folder',
      'eu_west_1',
      '--type',
      i === 0 ? 'build' : 'test',
      '--build-name',
      `trend-${run}-${i}`,
      '--plan',
      path.join(fixtures, plan),
      '--status',
      `terraform_plan:${i === 0 ? 2 : 0}`,
    ]);
    ids.push(id);
  }
  await signIn(page, '/tofui');
  await page.getByLabel('Search repositories and folders').fill('acme/trends');
  await page.getByRole('link', { name: 'acme/trends' }).first().click();
  await expect(page).toHaveURL(/\/tofui\/repos\/acme\/trends$/);
  await expect(
    page.getByRole('heading', { name: 'acme/trends' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'eu_west_1' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'Runs per day, builds and tests' }),
  ).toBeVisible();
  await page.screenshot({
    path: path.join(images, 'tofui-repository.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'eu_west_1' }).click();
  await expect(page).toHaveURL(/\/tofui\/repos\/acme\/trends\/eu_west_1$/);
  await expect(
    page.getByRole('img', { name: 'Verdicts of the latest 2 runs: 2 passing' }),
  ).toBeVisible();
  const changes = page.getByRole('img', {
    name: 'Planned additions, changes and destructions per run',
  });
  // recharts draws one rectangle per non-zero bar segment
  await expect(
    changes.locator('.recharts-bar-rectangle path').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'History of acme/trends eu_west_1' }),
  ).toContainText(`trend-${run}-0`);
  await page.screenshot({
    path: path.join(images, 'tofui-folder.png'),
    fullPage: true,
  });

  // Once the backend has rendered the report, the plan tab reads the
  // analysis from that page instead of analysing the larger plan again.
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`/api/tofui/v1/reports/${ids[0]}`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).json()
        ).renderStatus,
      { timeout: 60_000 },
    )
    .toBe('rendered');
  const artifacts: string[] = [];
  page.on('request', r => {
    const kind = r.url().match(/\/v1\/reports\/[^/]+\/(html|plan)$/)?.[1];
    if (kind) artifacts.push(kind);
  });
  await page
    .getByRole('link', { name: `trend-${run}-0` })
    .first()
    .click();
  await expect(page.getByRole('option').first()).toContainText(
    'aws_iam_role.old',
  );
  expect(artifacts).toEqual(['html']);
});

test('insights come from the aggregate endpoint', async ({ page }) => {
  const insights = page.waitForResponse(r =>
    r.url().includes('/api/tofui/v1/insights'),
  );
  await signIn(page, '/tofui/insights');
  expect((await insights).status()).toBe(200);
  const totals = page.getByRole('list', { name: 'Totals' });
  await expect(totals).toContainText('Runs');
  await expect(totals).toContainText('Failing now');
  await expect(
    page.getByRole('table', { name: 'Most failing folders' }),
  ).toContainText('aws_us_east_2');
  await expect(
    page.getByRole('table', { name: 'Most active repositories' }),
  ).toContainText('acme/infrastructure');
  await page.screenshot({
    path: path.join(images, 'tofui-insights.png'),
    fullPage: true,
  });
});

test('settings edit a status type with a live preview, and reports follow', async ({
  page,
}) => {
  await signIn(page, '/tofui/settings');
  await page.getByText('TFLint', { exact: true }).click();
  await page.getByLabel('Label of code 0').fill('Lint clean');
  await page.getByLabel('Emoji of code 0').fill('🧹');
  await expect(page.getByLabel('TFLint: Lint clean')).toHaveText(
    '🧹 Lint clean',
  );
  await page.screenshot({
    path: path.join(images, 'tofui-settings.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved status type tflint')).toBeVisible();

  await page
    .getByRole('navigation', { name: 'tofUI views' })
    .getByText('Folders')
    .click();
  await expect(page.getByLabel('TFLint: Lint clean').first()).toBeVisible();
});

test('dark mode and a phone-width layout', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('theme', 'dark'));
  await signIn(page, '/tofui');
  await expect(page.getByText('aws_us_east_2')).toBeVisible();
  const background = await page.evaluate(
    () =>
      getComputedStyle(document.querySelector('main') ?? document.body)
        .backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(3 * 80);
  await page.screenshot({
    path: path.join(images, 'tofui-dashboard-dark.png'),
    fullPage: true,
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/tofui');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible()) await enter.click();
  await expect(
    page.getByLabel('Search repositories and folders'),
  ).toBeVisible();
  // the page never scrolls sideways; the table scrolls inside its card
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(images, 'tofui-phone.png') });
});
