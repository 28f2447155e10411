import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { DEFAULT_STATUS_TYPES } from '@tofui/backstage-plugin-tofui-common';
import { StatusChips } from './StatusChips';

describe('StatusChips', () => {
  it('shows one chip per status, in the order of the report, unmapped codes as codes', async () => {
    await renderInTestApp(
      <StatusChips
        statuses={{ tfsec: 0, terraform_plan: 2, checkov: 4 }}
        statusTypes={DEFAULT_STATUS_TYPES.map(t => ({
          ...t,
          source: 'default' as const,
        }))}
      />,
    );
    const chips = screen.getAllByRole('img');
    expect(chips.map(c => c.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^TFSec: /),
      expect.stringMatching(/^Terraform Plan: /),
      'checkov: code 4',
    ]);
    expect(chips[2]).toHaveTextContent('❔ 4');
  });
});
