import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');
const images = path.join(repoRoot, 'docs/images');
const token = process.env.TOFUI_E2E_TOKEN!;
const buildName = `e2e-${Date.now()}`;

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('API: health is open, publishing needs the CI token', async ({
  request,
}) => {
  const report = {
    source_repo: 'acme/e2e',
    folder: '_root',
    build_name: 'curl-check',
    statuses: { terraform_plan: 0 },
  };
  expect((await request.get('/api/tofui/v1/health')).status()).toBe(200);
  expect(
    (await request.post('/api/tofui/v1/reports', { data: report })).status(),
  ).toBe(401);
  expect(
    (
      await request.post('/api/tofui/v1/reports', {
        data: report,
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status(),
  ).toBe(201);
});

test('a report published with the CLI shows on /tofui and on the entity tab', async ({
  page,
  baseURL,
}) => {
  // The page subscribes to live updates over the signals websocket.
  const subscribed = new Promise<void>(resolve => {
    page.on('websocket', ws =>
      ws.on('framesent', frame => {
        if (String(frame.payload).includes('tofui:reports')) resolve();
      }),
    );
  });
  // The demo data is there from the start.
  await signIn(page, '/tofui');
  await expect(
    page.getByRole('heading', { name: 'Repositories and folders' }),
  ).toBeVisible();
  await expect(page.getByText('aws_us_east_2')).toBeVisible();

  await subscribed;
  const { stdout } = await promisify(execFile)(
    path.join(repoRoot, 'scripts/tofui'),
    [
      'publish',
      '--server',
      baseURL!,
      '--repo',
      'acme/infrastructure',
      '--folder',
      'aws_us_west_2',
      '--type',
      'build',
      '--build-name',
      buildName,
      '--display-name',
      'E2E deploy',
      '--status',
      'terraform_plan:2',
      '--status',
      'terraform_apply:1',
    ],
    { env: { ...process.env, TOFUI_CI_TOKEN: token } },
  );
  expect(stdout).toMatch(
    /Published build report .* aws_us_west_2 .* — FAILING/,
  );

  // no reload: the page updates live (a backend signal, then a refetch)
  const row = page.getByRole('row').filter({ hasText: 'aws_us_west_2' });
  await expect(row).toContainText('FAILING');
  await expect(row).toContainText('E2E deploy');
  await expect(
    row.getByLabel('Terraform Apply: Failed to Apply'),
  ).toBeVisible();
  // expanding the folder shows its history
  await row.getByRole('button').first().click();
  const history = page.getByRole('table', {
    name: 'History of acme/infrastructure aws_us_west_2',
  });
  await expect(history).toContainText('E2E deploy');
  await page.screenshot({
    path: path.join(images, 'tofui-dashboard.png'),
    fullPage: true,
  });

  // aws-infrastructure maps acme/infrastructure, folders aws_*.
  await page.goto('/catalog/default/component/aws-infrastructure/tofui');
  await expect(
    page.getByRole('heading', { name: 'acme/infrastructure folders' }),
  ).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: 'aws_us_west_2' }),
  ).toContainText('E2E deploy');
  await expect(page.getByText('gcp_europe_west1')).toHaveCount(0);
  await page.screenshot({
    path: path.join(images, 'tofui-entity-tab.png'),
    fullPage: true,
  });

  // the overview card: the entity's folders and verdicts
  await page.goto('/catalog/default/component/aws-infrastructure');
  const card = page.getByRole('list', { name: 'Folders' });
  await expect(card).toContainText('aws_us_west_2');
  await expect(card).not.toContainText('gcp_europe_west1');
  await page.screenshot({
    path: path.join(images, 'tofui-entity-card.png'),
    fullPage: true,
  });
});

test('a plan published without HTML is rendered by the backend and opens in the report view', async ({
  page,
  baseURL,
}) => {
  const fixtures = path.join(repoRoot, 'plugins/tofui-report/src/__fixtures__');
  const logs = path.join(
    repoRoot,
    'plugins/tofui-report/src/logs/__fixtures__',
  );
  const { stdout } = await promisify(execFile)(
    path.join(repoRoot, 'scripts/tofui'),
    [
      'publish',
      '--server',
      baseURL!,
      '--repo',
      'acme/infrastructure',
      '--folder',
      'aws_eu_central_1',
      '--type',
      'test',
      '--build-name',
      `${buildName}-plan`,
      '--display-name',
      'PR #12 plan',
      '--plan',
      path.join(fixtures, 'mixed-plan.json'),
      '--log',
      path.join(logs, 'terraform-apply-failed.log'),
      '--json',
    ],
    { env: { ...process.env, TOFUI_CI_TOKEN: token } },
  );
  const published = JSON.parse(stdout);
  expect(published.renderStatus).toBe('pending');

  await signIn(page, '/tofui');
  await page.getByRole('link', { name: 'PR #12 plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/tofui/reports/${published.id}$`));
  await expect(page.getByText('PR #12 plan').first()).toBeVisible();

  // the plan, natively: risk first, the riskiest selected with its diff
  await expect(
    page.getByRole('tab', { name: 'Plan', selected: true }),
  ).toBeVisible();
  await expect(page.getByRole('option').first()).toContainText(
    'aws_iam_role.old',
  );
  await page.getByRole('option', { name: /aws_db_instance.main/ }).click();
  await expect(page.getByText('# forces replacement')).toBeVisible();
  await page.getByLabel('Search resources').fill('s3_bucket');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.getByLabel('Search resources').fill('');
  await page.getByRole('option', { name: /aws_db_instance.main/ }).click();
  await page.screenshot({
    path: path.join(images, 'tofui-report-plan-tab.png'),
    fullPage: true,
  });

  // the rendered report, in a frame that may run scripts but has no origin
  await page.getByRole('tab', { name: 'HTML report' }).click();
  const frame = page.locator('iframe[title="Plan report PR #12 plan"]');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
  const report = page.frameLocator('iframe[title="Plan report PR #12 plan"]');
  await expect(report.locator('.verdict')).toHaveText('Changes');
  await expect(report.locator('.row').first()).toContainText(
    'aws_iam_role.old',
  );
  await page.screenshot({
    path: path.join(images, 'tofui-report-view.png'),
    fullPage: true,
  });

  // the log, read: the apply's errors first, then each resource's result
  await page.getByRole('tab', { name: 'Log' }).click();
  await expect(page.getByText(/^Apply: Failed/)).toBeVisible();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Apply results' })).toBeVisible();
  await page.screenshot({
    path: path.join(images, 'tofui-report-log.png'),
    fullPage: true,
  });
});
