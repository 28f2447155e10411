import { renderInTestApp } from '@backstage/frontend-test-utils';
import { buildReportModel } from '@tofui/report';
import { fireEvent, screen, within } from '@testing-library/react';
import { PlanExplorer } from './PlanExplorer';

const model = buildReportModel({
  format_version: '1.2',
  resource_changes: [
    {
      address: 'aws_s3_bucket.logs',
      type: 'aws_s3_bucket',
      provider_name: 'registry.opentofu.org/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after: { bucket: 'logs' },
        after_unknown: { arn: true },
      },
    },
    {
      address: 'aws_db_instance.main',
      type: 'aws_db_instance',
      change: {
        actions: ['delete', 'create'],
        before: { engine: 'postgres', password: 's3cr3t' },
        after: { engine: 'aurora-postgresql', password: 's3cr3t' },
        before_sensitive: { password: true },
        after_sensitive: { password: true },
        replace_paths: [['engine']],
      },
      action_reason: 'replace_because_cannot_update',
    },
    {
      address: 'aws_vpc.main',
      type: 'aws_vpc',
      change: { actions: ['no-op'], before: {}, after: {} },
    },
    {
      address: 'module.app["<img src=x>"].aws_iam_role.r',
      type: 'aws_iam_role',
      change: {
        actions: ['update'],
        before: { name: 'a' },
        after: { name: '<script>x</script>' },
      },
    },
  ],
});

describe('PlanExplorer', () => {
  it('lists resources risk first, hides no-ops at first, and shows the selected diff', async () => {
    await renderInTestApp(<PlanExplorer model={model} />);
    const options = screen.getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      expect.stringContaining('aws_db_instance.main'),
      expect.stringContaining('module.app["<img src=x>"].aws_iam_role.r'),
      expect.stringContaining('aws_s3_bucket.logs'),
    ]);
    expect(screen.getByText('3 of 4 resources')).toBeInTheDocument();
    // the first (riskiest) is selected: replacement, its reason and cause
    expect(
      screen.getByText(
        'must be replaced: the provider cannot update it in place',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Replacement forced by: engine'),
    ).toBeInTheDocument();
    const diff = screen.getByRole('table', {
      name: 'Changes of aws_db_instance.main',
    });
    expect(within(diff).getByText('# forces replacement')).toBeInTheDocument();
    expect(within(diff).queryByText(/s3cr3t/)).toBeNull();

    fireEvent.click(screen.getAllByRole('option')[2]);
    const create = screen.getByRole('table', {
      name: 'Changes of aws_s3_bucket.logs',
    });
    expect(within(create).getByText('(known after apply)')).toBeInTheDocument();

    // markup in names stays text
    fireEvent.click(screen.getAllByRole('option')[1]);
    expect(screen.getByText('"<script>x</script>"')).toBeInTheDocument();
    expect(document.querySelector('img, script[src]')).toBeNull();
  });

  it('searches and filters by action', async () => {
    await renderInTestApp(<PlanExplorer model={model} />);
    fireEvent.change(screen.getByLabelText('Search resources'), {
      target: { value: 'S3_BUCKET' },
    });
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      expect.stringContaining('aws_s3_bucket.logs'),
    ]);
    fireEvent.change(screen.getByLabelText('Search resources'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'no-op 1' }));
    expect(screen.getByText('4 of 4 resources')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'replace 1' }));
    expect(screen.getByText('3 of 4 resources')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search resources'), {
      target: { value: 'nothing-like-this' },
    });
    expect(
      screen.getByText('No resource matches the search and filters.'),
    ).toBeInTheDocument();
  });

  it('opens at a linked resource: selected, its action shown, with its links', async () => {
    await renderInTestApp(
      <PlanExplorer
        model={model}
        selectAddress="aws_vpc.main"
        resourceActions={address => <a href={`#${address}`}>Timeline</a>}
      />,
    );
    // the no-op is linked to, so no-ops are not hidden
    expect(screen.getByText('4 of 4 resources')).toBeInTheDocument();
    const selected = screen.getByRole('option', { selected: true });
    expect(selected).toHaveTextContent('aws_vpc.main');
    expect(screen.getByRole('link', { name: 'Timeline' })).toHaveAttribute(
      'href',
      '#aws_vpc.main',
    );
  });

  it('ignores a link to a resource the plan does not have', async () => {
    await renderInTestApp(
      <PlanExplorer model={model} selectAddress="aws_gone.x" />,
    );
    expect(screen.getByText('3 of 4 resources')).toBeInTheDocument();
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent(
      'aws_db_instance.main',
    );
  });
});
