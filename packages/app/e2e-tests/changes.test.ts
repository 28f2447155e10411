import {
  expect,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import path from 'node:path';

/*
 * Change intelligence over the demo data: its plans are published with the
 * reports (examples/tofui/demo-reports.json) and indexed in the background
 * like any CI publish — changes, drift (chronic in aws_us_east_2 and
 * acme/networking) and pending plans.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const images = path.join(repoRoot, 'docs/images');
const token = process.env.TOFUI_E2E_TOKEN!;
const auth = { Authorization: `Bearer ${token}` };

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
}

async function api<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(`/api/tofui/v1/${url}`, { headers: auth });
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** The demo's plans are indexed once the background jobs have run. */
test.beforeAll(async ({ request }) => {
  await expect(async () => {
    const drift = await api<{ items: unknown[] }>(request, 'drift');
    expect(drift.items.length).toBeGreaterThanOrEqual(4);
    const pending = await api<{ items: unknown[] }>(request, 'pending');
    expect(pending.items.length).toBeGreaterThanOrEqual(4);
  }).toPass({ timeout: 60_000 });
});

test('the Changes page filters in the URL and opens the report at the resource', async ({
  page,
}) => {
  // who deleted an IAM role
  await signIn(page, '/tofui/changes?type=aws_iam_role&action=delete');
  const table = page.getByRole('table', { name: 'Resource changes' });
  const rows = table.getByRole('row');
  await expect(rows.filter({ hasText: 'aws_iam_role.ci' })).toBeVisible();
  await expect(rows.filter({ hasText: 'aws_iam_role.legacy' })).toBeVisible();
  await expect(rows).toHaveCount(3); // header and the two deletes
  await expect(rows.nth(1)).toContainText('- delete');

  // another action, chosen in the filter, lands in the URL
  await page.getByLabel('Action').click();
  await page.getByRole('option', { name: 'create' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/action=delete&action=create/);
  await expect(rows.filter({ hasText: 'aws_iam_role.deployer' })).toBeVisible();

  // a shared link opens as it was
  await page.reload();
  await expect(page.getByLabel('Resource type')).toHaveValue('aws_iam_role');

  // an address glob, typed, instead of the type
  await page.getByLabel('Resource type').fill('');
  await page.getByLabel('Address').fill('module.*.aws_security_group.*');
  await page.getByLabel('Action').click();
  await page.getByRole('option', { name: 'update' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/address=module/);
  await expect(page).not.toHaveURL(/type=/);
  await expect(
    rows.filter({ hasText: 'module.network.aws_security_group.web' }).first(),
  ).toBeVisible();
  await expect(rows.filter({ hasText: 'aws_iam_role' })).toHaveCount(0);

  await page.goto(
    '/tofui/changes?repository=acme/infrastructure&action=update&action=delete&action=replace',
  );
  await expect(
    rows.filter({ hasText: 'aws_instance.bastion' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: path.join(images, 'tofui-changes.png'),
    fullPage: true,
  });

  // the address opens the report's plan at that resource
  await rows
    .filter({ hasText: 'aws_iam_role.legacy' })
    .filter({ hasText: '- delete' })
    .getByRole('link', { name: 'aws_iam_role.legacy' })
    .click();
  await expect(page).toHaveURL(
    /\/tofui\/reports\/[^?]+\?resource=aws_iam_role\.legacy/,
  );
  await expect(page.getByRole('option', { selected: true })).toContainText(
    'aws_iam_role.legacy',
  );
});

test('a resource timeline shows every run that touched it', async ({
  page,
}) => {
  await signIn(
    page,
    '/tofui/changes?folder=aws_us_east_2&type=aws_security_group',
  );
  const changes = page.getByRole('table', { name: 'Resource changes' });
  await changes.getByRole('link', { name: 'Timeline' }).first().click();
  await expect(page).toHaveURL(/\/tofui\/resources\/history\?/);
  const table = page.getByRole('table', {
    name: 'Runs that changed module.network.aws_security_group.web',
  });
  // three plans, each with the planned update and the drift
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(
    table.getByRole('row').filter({ hasText: '(drift)' }),
  ).toHaveCount(3);
  await page.screenshot({
    path: path.join(images, 'tofui-resource-timeline.png'),
    fullPage: true,
  });

  // and back from a report's plan
  await table.getByRole('link', { name: 'pr-309' }).first().click();
  await expect(page.getByRole('option', { selected: true })).toContainText(
    'module.network.aws_security_group.web',
  );
  await page.getByRole('link', { name: 'Timeline of this resource' }).click();
  await expect(table).toBeVisible();
});

test('Compare with… shows what changed against the previous run, and another', async ({
  page,
  request,
}) => {
  const reports = await api<{
    items: Array<{ id: string; buildName: string }>;
  }>(request, 'reports?repository=acme/infrastructure&folder=aws_us_east_2');
  const head = reports.items.find(r => r.buildName === 'pr-309')!;
  await signIn(page, `/tofui/reports/${head.id}`);
  await page.getByRole('tab', { name: 'Compare with…' }).click();
  await expect(page).toHaveURL(/view=compare/);
  const counts = page.getByRole('list', { name: 'Differences' });
  // the previous plan of the same pull request, pr-308
  await expect(page.getByText(/^Base:/)).toContainText('PR #308');
  await expect(counts).toContainText('Added: 1');
  await expect(counts).toContainText('Removed: 1');
  await expect(counts).toContainText('Action changed: 1');
  await expect(counts).toContainText('Attributes changed: 1');
  await expect(counts).toContainText('Unchanged: 1');
  await page.screenshot({
    path: path.join(images, 'tofui-compare.png'),
    fullPage: true,
  });

  await page.getByLabel('Compare with…').click();
  await page.getByRole('option', { name: /^Deploy #57/ }).click();
  await expect(page).toHaveURL(/base=/);
  await expect(page.getByText(/^Base:/)).toContainText('Deploy #57');
});

test('the Drift page lists open drift chronic first, with its owner', async ({
  page,
}) => {
  await signIn(page, '/tofui/drift');
  const table = page.getByRole('table', { name: 'Drift' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('chronic');
  await expect(rows.filter({ hasText: 'aws_vpc.main' })).toContainText(
    'chronic',
  );
  await expect(
    rows.filter({ hasText: 'aws_instance.bastion' }),
  ).not.toContainText('chronic');
  await expect(rows.filter({ hasText: 'aws_vpc.main' })).toContainText(
    'Platform team',
  );
  // a later plan of aws_eu_west_1 no longer shows its drift: closed
  await expect(
    rows.filter({ hasText: 'aws_cloudwatch_log_group.app' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: path.join(images, 'tofui-drift.png'),
    fullPage: true,
  });
  await page.getByLabel('State').click();
  await page.getByRole('option', { name: 'Closed', exact: true }).click();
  await expect(page).toHaveURL(/state=closed/);
  await expect(
    rows.filter({ hasText: 'aws_cloudwatch_log_group.app' }),
  ).toBeVisible();
});

test('pending applies on the dashboard and the entity card; changes and drift on the entity tab', async ({
  page,
}) => {
  await signIn(page, '/tofui');
  // the demo's four (other tests may add theirs)
  await page.getByRole('button', { name: /Pending applies: \d+/ }).click();
  const pending = page.getByRole('table', { name: 'Pending applies' });
  const rows = pending.getByRole('row');
  for (const folder of [
    'aws_us_east_1',
    'aws_us_east_2',
    'gcp_europe_west1',
    '_root',
  ]) {
    await expect(rows.filter({ hasText: folder })).toHaveCount(1);
  }
  await expect(rows.filter({ hasText: 'aws_us_east_1' })).toContainText(
    '- delete 1',
  );
  // the owner as the catalog presents it
  await expect(rows.filter({ hasText: '_root' })).toContainText(
    'Platform team',
  );
  await page.screenshot({
    path: path.join(images, 'tofui-pending.png'),
    fullPage: false,
  });

  // the catalog sync maps the demo entities once the catalog has read them
  await expect(async () => {
    await page.goto('/catalog/default/component/aws-infrastructure');
    await expect(
      page.getByRole('list', { name: 'Pending applies' }),
    ).toContainText('aws_us_east_2', { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });

  await page.goto('/catalog/default/component/aws-infrastructure/tofui');
  const drift = page.getByRole('table', {
    name: 'Open drift of acme/infrastructure',
  });
  await expect(drift.getByRole('row').nth(1)).toContainText('chronic');
  const changes = page.getByRole('table', {
    name: 'Resource changes of acme/infrastructure',
  });
  await expect(
    changes.getByRole('row').filter({ hasText: 'aws_iam_role.ci' }).first(),
  ).toBeVisible();
  // aws-infrastructure covers aws_* only
  await expect(
    changes.getByRole('row').filter({ hasText: 'gcp_europe_west1' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: path.join(images, 'tofui-entity-changes.png'),
    fullPage: true,
  });
});
