import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');
const token = process.env.TOFUI_E2E_TOKEN!;
const run = Date.now();

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
}

async function publish(baseURL: string, args: string[]) {
  await promisify(execFile)(
    path.join(repoRoot, 'scripts/tofui'),
    ['publish', '--server', baseURL, ...args, '--json'],
    { env: { ...process.env, TOFUI_CI_TOKEN: token } },
  );
}

test('the owners of a folder get a notification when its build turns failing', async ({
  page,
  baseURL,
}) => {
  // aws_* of acme/infrastructure is the demo entity aws-infrastructure,
  // owned by platform-team, of which the guest user is a member.
  const folder = `aws_notify_${run}`;
  // The catalog sync maps the demo entities once the catalog has read them.
  await expect(async () => {
    const res = await fetch(
      `${baseURL}/api/tofui/v1/repositories?q=acme/infrastructure`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const { items } = await res.json();
    expect(items[0]?.entityRef).toBeTruthy();
  }).toPass({ timeout: 60_000 });
  const common = ['--repo', 'acme/infrastructure', '--folder', folder];
  await publish(baseURL!, [
    ...common,
    '--build-name',
    'ok-1',
    '--status',
    'terraform_plan:0',
    '--timestamp',
    new Date(run - 60_000).toISOString(),
  ]);
  await publish(baseURL!, [
    ...common,
    '--build-name',
    'broken-2',
    '--status',
    'terraform_apply:1',
    '--timestamp',
    new Date(run).toISOString(),
  ]);

  await signIn(page, '/notifications');
  const title = `acme/infrastructure · ${folder}: build failing`;
  // Sent in the background after the publish answered.
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByText(title)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(
    page.getByText('The latest build (broken-2) failed.'),
  ).toBeVisible();
});
