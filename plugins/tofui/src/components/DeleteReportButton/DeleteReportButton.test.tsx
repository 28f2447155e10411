import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { DeleteReportButton } from './DeleteReportButton';

describe('DeleteReportButton with tofui.report.delete', () => {
  it('asks, deletes the report and says so', async () => {
    const { api, calls } = fakeTofuiApi();
    const onDeleted = jest.fn();
    const target = report({ id: 'r-9', buildName: 'deploy-9' });
    await renderInTestApp(
      <DeleteReportButton report={target} onDeleted={onDeleted} />,
      {
        apis: [
          [tofuiApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ],
      },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete report' }),
    );
    expect(await screen.findByText('Delete this report?')).toBeInTheDocument();
    expect(screen.getByText('deploy-9')).toBeInTheDocument();
    // Cancel deletes nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByText('Delete this report?')).toBeNull(),
    );
    expect(calls).not.toContainEqual({ deleteReport: 'r-9' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete report' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls).toContainEqual({ deleteReport: 'r-9' });
  });
});
