import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { ReportPage } from './ReportPage';

const withArtifacts = report({
  id: 'a1',
  displayName: 'Deploy #60',
  buildName: 'deploy-60',
  buildUrl: 'https://ci.example.com/runs/60',
  metadata: {
    actor: 'octocat',
    commitSha: '4f2a9c1d00aa11bb',
    branch: 'main',
    pullRequest: 12,
    toolName: 'OpenTofu',
    toolVersion: '1.8.2',
  },
  statuses: { terraform_plan: 2, tfsec: 0 },
  summary: { add: 2, change: 1, destroy: 0, replace: 1, errored: false },
  artifacts: {
    html: { size: 10, sha256: 'a', contentType: 'text/html; charset=utf-8' },
    log: { size: 5, sha256: 'b', contentType: 'text/plain; charset=utf-8' },
  },
});

const cookieRequests: string[] = [];
/** Discovery, and a fetch that answers the backend's cookie endpoint. */
const backendApis = [
  [
    discoveryApiRef,
    { getBaseUrl: async () => 'http://backend.test/api/tofui' },
  ],
  [
    fetchApiRef,
    {
      fetch: async (input: any) => {
        cookieRequests.push(String(input?.url ?? input));
        return new Response(
          JSON.stringify({
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          }),
          {
            headers: { 'content-type': 'application/json' },
          },
        );
      },
    },
  ],
] as const;

function renderReport(
  id: string,
  extra = [withArtifacts],
  artifacts: Record<string, string> = {},
) {
  const { api } = fakeTofuiApi([], extra, artifacts);
  return renderInTestApp(
    <Routes>
      <Route path="/reports/:id" element={<ReportPage />} />
    </Routes>,
    {
      apis: [[tofuiApiRef, api], ...backendApis],
      initialRouteEntries: [`/reports/${id}`],
    },
  );
}

describe('ReportPage', () => {
  it('shows the metadata, statuses and counts, and the HTML report in a sandboxed frame', async () => {
    await renderReport('a1', [withArtifacts], {
      'a1/html':
        '<!doctype html><html><head><title>r</title></head><body><script>parent.x=1</script></body></html>',
      'a1/log': 'Plan: 2 to add, 1 to change, 0 to destroy.',
    });
    expect(await screen.findByText('Deploy #60')).toBeInTheDocument();
    expect(screen.getByText('octocat')).toBeInTheDocument();
    expect(screen.getByText('4f2a9c1d00aa')).toBeInTheDocument();
    expect(
      screen.getByText('2 to add · 1 to change · 1 to replace'),
    ).toBeInTheDocument();
    expect(screen.getByText('Open').closest('a')).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/60',
    );

    const frame = (await screen.findByTitle(
      'Plan report Deploy #60',
    )) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('src')).toBe(
      'http://backend.test/api/tofui/v1/reports/a1/html',
    );
    // the frame loads with the user's cookie, issued before it is shown
    expect(cookieRequests).toContain(
      'http://backend.test/api/tofui/.backstage/auth/v1/cookie',
    );

    // the log, read: its counts (the raw text folded below)
    fireEvent.click(screen.getByRole('tab', { name: 'Log' }));
    expect(
      await screen.findByText(
        'Plan: Finished — 2 added, 1 changed, 0 destroyed',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Plan: 2 to add, 1 to change, 0 to destroy.', {
        selector: 'pre',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'HTML report' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log' })).toBeInTheDocument();
  });

  it('counts output changes in the plan summary, as the API names them', async () => {
    // The API's PlanSummary (what GET /v1/reports/{id} returns) says
    // `outputChanges`; CI's publish body says `output_changes`.
    const outputsOnly = report({
      id: 'o1',
      displayName: 'Outputs only',
      summary: {
        add: 0,
        change: 0,
        destroy: 0,
        outputChanges: 3,
        errored: false,
      },
    });
    await renderReport('o1', [outputsOnly]);
    expect(await screen.findByText('Outputs only')).toBeInTheDocument();
    expect(screen.getByText('3 output changes')).toBeInTheDocument();
  });

  it('says when the HTML report is still being rendered, and shows it once it is', async () => {
    const pending = report({
      id: 'p1',
      displayName: 'PR 5',
      renderStatus: 'pending',
      artifacts: {
        plan: { size: 1, sha256: 'c', contentType: 'application/json' },
      },
    });
    const { api } = fakeTofuiApi([], [pending], {
      'p1/html': '<p>rendered</p>',
    });
    let calls = 0;
    const getReport = api.getReport;
    api.getReport = async id => {
      calls += 1;
      const found = await getReport(id);
      // rendered from the third look on
      return calls < 3
        ? found
        : {
            ...found,
            renderStatus: 'rendered',
            artifacts: {
              ...found.artifacts,
              html: {
                size: 15,
                sha256: 'd',
                contentType: 'text/html; charset=utf-8',
              },
            },
          };
    };
    await renderInTestApp(
      <Routes>
        <Route path="/reports/:id" element={<ReportPage />} />
      </Routes>,
      {
        apis: [[tofuiApiRef, api], ...backendApis],
        initialRouteEntries: ['/reports/p1'],
      },
    );
    // the plan tab comes first when there is a plan
    fireEvent.click(await screen.findByRole('tab', { name: 'HTML report' }));
    expect(
      await screen.findByText(/being rendered from the plan/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Log' })).toBeNull();
    const frame = await screen.findByTitle(
      'Plan report PR 5',
      {},
      { timeout: 8000 },
    );
    expect(frame.getAttribute('src')).toBe(
      'http://backend.test/api/tofui/v1/reports/p1/html',
    );
  }, 15_000);

  it('says why the HTML report could not be rendered, the plan still there', async () => {
    const failed = report({
      id: 'f1',
      displayName: 'PR 6',
      renderStatus: 'failed',
      renderError:
        'Rendering this plan (90.0 MB) needs more memory than this server allows one task (341 MB: tofui.processing.memoryBudgetMb ÷ concurrency). The plan can still be downloaded.',
      artifacts: {
        plan: { size: 1, sha256: 'c', contentType: 'application/json' },
      },
    });
    const { api } = fakeTofuiApi([], [failed]);
    await renderInTestApp(
      <Routes>
        <Route path="/reports/:id" element={<ReportPage />} />
      </Routes>,
      {
        apis: [[tofuiApiRef, api], ...backendApis],
        initialRouteEntries: ['/reports/f1'],
      },
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'HTML report' }));
    expect(
      await screen.findByText(/could not be rendered from the plan/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/needs more memory than this server allows one task/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Plan JSON (redacted)' }),
    ).toBeInTheDocument();
  });

  it('shows a missing report as an error', async () => {
    await renderReport('nope');
    await waitFor(() =>
      expect(screen.getAllByText(/No report nope/).length).toBeGreaterThan(0),
    );
  });

  it('opens the plan at the linked resource, with its timeline, and compares with the previous run', async () => {
    const planned = report({
      id: 'x1',
      folder: 'aws_us_east_2',
      reportType: 'test',
      buildName: 'pr-9',
      artifacts: {
        plan: { size: 1, sha256: 'c', contentType: 'application/json' },
      },
    });
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: ['aws_s3_bucket.a', 'aws_s3_bucket.b'].map(address => ({
        address,
        type: 'aws_s3_bucket',
        change: { actions: ['create'], before: null, after: { x: 1 } },
      })),
    });
    const { api, changeCalls } = fakeTofuiApi([], [planned], {
      'x1/plan': plan,
    });
    await renderInTestApp(
      <Routes>
        <Route path="/reports/:id" element={<ReportPage />} />
      </Routes>,
      {
        apis: [[tofuiApiRef, api], ...backendApis],
        mountedRoutes: { '/tofui': rootRouteRef },
        initialRouteEntries: ['/reports/x1?resource=aws_s3_bucket.b'],
      },
    );
    await waitFor(() =>
      expect(screen.getByRole('option', { selected: true })).toHaveTextContent(
        'aws_s3_bucket.b',
      ),
    );
    expect(
      screen.getByRole('link', { name: 'Timeline of this resource' }),
    ).toHaveAttribute(
      'href',
      '/tofui/resources/history?repository=acme%2Finfrastructure&folder=aws_us_east_2&address=aws_s3_bucket.b',
    );

    fireEvent.click(screen.getByRole('tab', { name: 'Compare with…' }));
    expect(
      await screen.findByRole('list', { name: 'Differences' }),
    ).toBeInTheDocument();
    expect(changeCalls.at(-1)).toEqual({ compare: 'x1', base: undefined });
  });
});
