import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { LogReport } from './LogReport';

const FAILED_APPLY = [
  'aws_s3_bucket.logs: Creating...',
  'aws_s3_bucket.logs: Creation complete after 2s [id=acme-logs]',
  'aws_db_instance.main: Modifying... [id=db-1]',
  'aws_db_instance.main: Still modifying... [id=db-1, 10s elapsed]',
  '',
  'Error: updating RDS DB Instance (db-1): InvalidParameterCombination',
  '',
  '  with aws_db_instance.main,',
  '  on database.tf line 12, in resource "aws_db_instance" "main":',
  '  12: resource "aws_db_instance" "main" {',
  '',
  'Cannot upgrade postgres from 15 to 13.',
  '',
].join('\n');

describe('LogReport', () => {
  it('shows an apply log: errors with file and line first, then each resource, failed first', async () => {
    await renderInTestApp(<LogReport log={FAILED_APPLY} />);
    expect(screen.getByText(/^Apply: Failed/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'updating RDS DB Instance (db-1): InvalidParameterCombination',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'database.tf line 12, in resource "aws_db_instance" "main"',
      ),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Apply results' }),
    ).getAllByRole('row');
    // header, then the failed resource before the one that completed
    expect(rows[1]).toHaveTextContent('aws_db_instance.main');
    expect(rows[1]).toHaveTextContent('failed');
    expect(rows[2]).toHaveTextContent('aws_s3_bucket.logs');
    expect(rows[2]).toHaveTextContent('complete');
    expect(rows[2]).toHaveTextContent('2s');
    // the raw text is there, folded
    fireEvent.click(screen.getByText('Raw log'));
    expect(
      screen.getByText(/Cannot upgrade postgres from 15 to 13\./, {
        selector: 'pre',
      }),
    ).toBeInTheDocument();
  });

  it('shows what a plan log announced', async () => {
    await renderInTestApp(
      <LogReport
        log={[
          '  # aws_iam_role.legacy will be destroyed',
          '  - resource "aws_iam_role" "legacy" {',
          '    }',
          '',
          'Plan: 0 to add, 0 to change, 1 to destroy.',
        ].join('\n')}
      />,
    );
    expect(
      screen.getByText('Plan: Finished — 0 added, 0 changed, 1 destroyed'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Planned changes' });
    expect(within(table).getByText('aws_iam_role.legacy')).toBeInTheDocument();
    expect(within(table).getByText('delete')).toBeInTheDocument();
  });
});
