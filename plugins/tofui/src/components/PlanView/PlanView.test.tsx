import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { PlanView } from './PlanView';

const PLAN = JSON.stringify({
  format_version: '1.2',
  resource_changes: [
    {
      address: 'aws_s3_bucket.logs',
      type: 'aws_s3_bucket',
      change: { actions: ['create'], before: null, after: { bucket: 'logs' } },
    },
  ],
});

function renderPlanView(rendered: boolean, artifacts: Record<string, string>) {
  const { api } = fakeTofuiApi([], [], artifacts);
  const requested: string[] = [];
  const getReportArtifact = api.getReportArtifact;
  api.getReportArtifact = async (id, kind) => {
    requested.push(kind);
    return getReportArtifact(id, kind);
  };
  return {
    requested,
    rendering: renderInTestApp(<PlanView reportId="p1" rendered={rendered} />, {
      apis: [[tofuiApiRef, api]],
    }),
  };
}

describe('PlanView', () => {
  it('shows what the backend masked without a sensitive mark, by rule and path', async () => {
    const plan = JSON.stringify({
      ...JSON.parse(PLAN),
      tofui_redaction: {
        total: 2,
        rules: { 'secret-named-key': 1, jwt: 1 },
        paths: [
          {
            path: 'aws_s3_bucket.logs (after): password',
            rule: 'secret-named-key',
          },
          { path: 'aws_s3_bucket.logs (after): tags.auth', rule: 'jwt' },
        ],
      },
    });
    const { rendering } = renderPlanView(false, { 'p1/plan': plan });
    await rendering;
    const note = await screen.findByRole('note', {
      name: 'Masked without a sensitive mark',
    });
    expect(note).toHaveTextContent(
      '2 values masked without a sensitive mark (they look like secrets): secret-named-key 1, jwt 1.',
    );
    expect(note).toHaveTextContent(
      'aws_s3_bucket.logs (after): password (secret-named-key)',
    );
  });

  it('shows no notice when nothing was masked', async () => {
    const { rendering } = renderPlanView(false, { 'p1/plan': PLAN });
    await rendering;
    await screen.findByRole('option', { name: /aws_s3_bucket\.logs/ });
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('analyses the stored plan when the backend has not rendered the report', async () => {
    const { requested, rendering } = renderPlanView(false, { 'p1/plan': PLAN });
    await rendering;
    expect(
      await screen.findByRole('option', { name: /aws_s3_bucket\.logs/ }),
    ).toBeInTheDocument();
    expect(requested).toEqual(['plan']);
  });

  it('reads the rendered page first, and falls back to the plan when it holds no analysis', async () => {
    const { requested, rendering } = renderPlanView(true, {
      'p1/html': '<html><body>an HTML report from another tool</body></html>',
      'p1/plan': PLAN,
    });
    await rendering;
    expect(
      await screen.findByRole('option', { name: /aws_s3_bucket\.logs/ }),
    ).toBeInTheDocument();
    expect(requested).toEqual(['html', 'plan']);
  });
});
