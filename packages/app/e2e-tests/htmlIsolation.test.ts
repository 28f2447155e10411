import {
  expect,
  test,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';

/*
 * Issue 7, item 6, "Serving HTML safely": an uploaded HTML report is hostile
 * until proven otherwise. It is published here with a script that tries to
 * reach everything a report must not reach (the user's cookies, the app's
 * storage, the Backstage APIs, the page around it) and writes what it got
 * into its own DOM, which the test reads through Playwright (which needs none
 * of those capabilities). Checked both inside the app's report view and with
 * the HTML URL opened directly in a signed-in tab.
 */

const token = process.env.TOFUI_E2E_TOKEN!;
const run = Date.now();
/** Values planted in the app's origin that the report must never see. */
const cookieCanary = `cookie-canary-${run}`;
const storageCanary = `storage-canary-${run}`;

const CSP =
  "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; " +
  "style-src 'unsafe-inline'; img-src data:; connect-src 'none'";

type Attempt =
  | { ok: true; value: string }
  | { ok: false; error: string; message: string };
/** What the report's script got from each attempt, and the CSP's reports. */
type Probe = {
  attempts: Record<string, Attempt>;
  violations: string[];
  done: boolean;
};

/** The hostile report: every probe URL carries `probe` so it can be traced. */
function probeHtml(backend: string, probe: string) {
  return `<!doctype html>
<html>
<head><meta charset="utf-8"><title>isolation probe</title></head>
<body>
<h1>Isolation probe</h1>
<pre id="results">running</pre>
<script>
(async () => {
  const result = { attempts: {}, violations: [], done: false };
  const show = () => {
    document.getElementById('results').textContent = JSON.stringify(result);
  };
  document.addEventListener('securitypolicyviolation', e => {
    result.violations.push(e.violatedDirective + ' ' + e.blockedURI);
    show();
  });
  // each outcome is shown as soon as it is known
  const attempt = async (name, fn) => {
    try {
      result.attempts[name] = { ok: true, value: String(await fn()) };
    } catch (e) {
      result.attempts[name] = {
        ok: false,
        error: (e && e.name) || String(e),
        message: String(e && e.message),
      };
    }
    show();
  };
  await attempt('origin', () => self.origin);
  await attempt('cookie', () => document.cookie);
  await attempt('localStorage.read', () =>
    localStorage.getItem('tofui-e2e-canary'));
  await attempt('localStorage.write', () => {
    localStorage.setItem('tofui-e2e-written', 'yes');
    return localStorage.getItem('tofui-e2e-written');
  });
  await attempt('sessionStorage', () => sessionStorage.length);
  const get = async url => {
    const response = await fetch(url, {
      credentials: 'include',
      signal: AbortSignal.timeout(15000),
    });
    return response.status + ' ' + (await response.text()).slice(0, 100);
  };
  await attempt('fetch.relative', () =>
    get('/api/catalog/entities?probe=${probe}-relative'));
  await attempt('fetch.absolute', () =>
    get('${backend}/api/catalog/entities?probe=${probe}-absolute'));
  await attempt('fetch.tofui', () =>
    get('${backend}/api/tofui/v1/reports?probe=${probe}-tofui'));
  await attempt('parent.document', () => parent.document.title);
  await attempt('top.document', () => top.document.title);
  await attempt('top.localStorage', () =>
    top.localStorage.getItem('tofui-e2e-canary'));
  await attempt('window.open', () =>
    window.open('${backend}/tofui?probe=${probe}-popup'));
  if (parent !== self) {
    // in a tab it would only navigate itself
    await attempt('top.location', () => {
      top.location.href = '${backend}/tofui?probe=${probe}-navigation';
      return top.location.href;
    });
  }
  // let the violation events of the blocked requests arrive
  await new Promise(resolve => setTimeout(resolve, 200));
  result.done = true;
  show();
  if (parent !== self) parent.postMessage({ tofuiProbe: '${probe}' }, '*');
})();
</script>
</body>
</html>
`;
}

/** Publishes a report with the probe as its HTML artifact, as the CLI does. */
async function publishProbe(
  context: BrowserContext,
  baseURL: string,
  probe: string,
) {
  const response = await context.request.post('/api/tofui/v1/reports', {
    headers: { Authorization: `Bearer ${token}` },
    multipart: {
      report: JSON.stringify({
        source_repo: 'acme/isolation',
        folder: 'probe',
        report_type: 'build',
        build_name: probe,
        display_name: 'Isolation probe',
        statuses: { terraform_plan: 0 },
      }),
      html: {
        name: 'report.html',
        mimeType: 'text/html',
        buffer: Buffer.from(probeHtml(baseURL, probe)),
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const report = await response.json();
  expect(report.artifacts?.html).toBeTruthy();
  return report.id as string;
}

/** Requests that carry the probe's marker, as the browser saw them. */
function traceProbeRequests(context: BrowserContext, probe: string) {
  const seen: string[] = [];
  context.on('request', r => {
    if (r.url().includes(probe)) seen.push(`request ${r.url()}`);
  });
  context.on('response', r => {
    if (r.url().includes(probe)) seen.push(`response ${r.status()} ${r.url()}`);
  });
  return seen;
}

/** What the report's script recorded, attached to the test's results. */
async function readProbe(results: Locator, name: string): Promise<Probe> {
  let text = '';
  // on a timeout the message shows how far the script got
  await expect
    .poll(async () => (text = (await results.textContent()) ?? ''), {
      message: `${name}: the report's script finishes`,
    })
    .toContain('"done":true');
  await test.info().attach(name, {
    body: text,
    contentType: 'application/json',
  });
  return JSON.parse(text);
}

/** What both ways of opening the report must show. */
function expectIsolated({ attempts, violations }: Probe) {
  // an opaque origin: nothing of the backend's origin applies
  expect(attempts.origin).toEqual({ ok: true, value: 'null' });
  // no cookie: reading throws in a sandboxed document (or is empty)
  if (attempts.cookie.ok) {
    expect(attempts.cookie.value).toBe('');
  } else {
    expect(attempts.cookie.error).toBe('SecurityError');
  }
  expect(JSON.stringify(attempts)).not.toContain(cookieCanary);
  expect(JSON.stringify(attempts)).not.toContain('backstage-auth');
  // no storage of any origin
  expect(attempts['localStorage.read']).toMatchObject({
    ok: false,
    error: 'SecurityError',
  });
  expect(attempts['localStorage.write']).toMatchObject({
    ok: false,
    error: 'SecurityError',
  });
  expect(attempts.sessionStorage).toMatchObject({
    ok: false,
    error: 'SecurityError',
  });
  expect(JSON.stringify(attempts)).not.toContain(storageCanary);
  // no network: CSP connect-src 'none' rejects every fetch
  for (const name of ['fetch.relative', 'fetch.absolute', 'fetch.tofui']) {
    expect(attempts[name], name).toMatchObject({
      ok: false,
      error: 'TypeError',
    });
  }
  expect(violations.filter(v => v.startsWith('connect-src'))).toHaveLength(3);
  // no pop-ups (no allow-popups): window.open gives null
  expect(attempts['window.open']).toEqual({ ok: true, value: 'null' });
}

test('an uploaded HTML report cannot reach cookies, storage, APIs or the app', async ({
  page,
  context,
  baseURL,
  request,
}) => {
  const probe = `probe-${run}`;
  const id = await publishProbe(context, baseURL!, probe);
  const htmlPath = `/api/tofui/v1/reports/${id}/html`;
  const seen = traceProbeRequests(context, probe);

  // things the report must not see: a script-readable cookie and a stored
  // value of the app's origin, besides Backstage's own (HttpOnly) cookie
  await context.addCookies([
    { name: 'tofui-e2e-canary', value: cookieCanary, url: baseURL! },
  ]);
  await context.addInitScript(value => {
    try {
      if (window === window.top && self.origin !== 'null') {
        localStorage.setItem('tofui-e2e-canary', value);
      }
    } catch {
      // the sandboxed report itself
    }
  }, storageCanary);

  // without any credentials the HTML is not served
  expect((await request.get(htmlPath)).status()).toBe(401);

  // (a) in the app: the report view's HTML tab frames it. The app page
  // records the messages it receives, with their origin.
  const messages: Array<{ origin: string; data: unknown }> = [];
  await page.exposeFunction('tofuiE2eMessage', (m: (typeof messages)[0]) =>
    messages.push(m),
  );
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.addEventListener('message', e =>
      (window as any).tofuiE2eMessage({ origin: e.origin, data: e.data }),
    );
  });
  await page.goto(`/tofui/reports/${id}`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('tab', { name: 'HTML report' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const iframe = page.locator('iframe[title="Plan report Isolation probe"]');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts');
  expect(
    await iframe.evaluate((el: HTMLIFrameElement) => [...el.sandbox]),
  ).toEqual(['allow-scripts']);
  expect(await iframe.getAttribute('src')).toMatch(
    new RegExp(`${htmlPath.replace(/\//g, '\\/')}$`),
  );
  // the app's own origin has the canaries (so the checks below mean something)
  expect(
    await page.evaluate(() => localStorage.getItem('tofui-e2e-canary')),
  ).toBe(storageCanary);
  expect(await page.evaluate(() => document.cookie)).toContain(cookieCanary);

  const framed = await readProbe(
    page
      .frameLocator('iframe[title="Plan report Isolation probe"]')
      .locator('#results'),
    'probe in the app',
  );
  expectIsolated(framed);
  // the frame cannot touch the page around it
  for (const name of [
    'parent.document',
    'top.document',
    'top.localStorage',
    'top.location',
  ]) {
    expect(framed.attempts[name], name).toMatchObject({
      ok: false,
      error: 'SecurityError',
    });
  }
  await expect(page).toHaveURL(new RegExp(`/tofui/reports/${id}$`));
  // it can only talk to the app by message, and the app sees an opaque origin
  await expect
    .poll(() => messages)
    .toContainEqual({
      origin: 'null',
      data: { tofuiProbe: probe },
    });
  // the frame was served with the user's cookie, which it cannot read
  const cookies = await context.cookies(baseURL!);
  expect(cookies.map(c => c.name)).toContain('backstage-auth');
  expect(cookies.find(c => c.name === 'backstage-auth')!.httpOnly).toBe(true);

  // (b) the HTML URL opened directly in a tab of the signed-in browser:
  // no frame around it, yet the same opaque origin, from the header alone
  const tab: Page = await context.newPage();
  const response = (await tab.goto(htmlPath))!;
  expect([200, 304]).toContain(response.status());
  expect(await response.request().headerValue('cookie')).toMatch(
    /(^|; )backstage-auth=/,
  );
  const direct = await readProbe(tab.locator('#results'), 'probe in a tab');
  expectIsolated(direct);
  expect(await response.headerValue('content-security-policy')).toBe(CSP);

  // the headers that make it so
  const served = await context.request.get(htmlPath);
  expect(served.status()).toBe(200);
  expect(served.headers()).toMatchObject({
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-type': expect.stringMatching(/^text\/html/),
  });
  expect(served.headers()['content-disposition']).toMatch(/^inline;/);

  // none of the report's requests left the browser
  expect(seen).toEqual([]);
});
