// Guest sign-in of the benchmark app (app-config.bench-ui.yaml allows
// guests): once per browser profile, after which the app signs in by itself.
export async function signInAsGuest(page, base) {
  await page.goto(`${base}/tofui`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForSelector('tbody tr a');
}
