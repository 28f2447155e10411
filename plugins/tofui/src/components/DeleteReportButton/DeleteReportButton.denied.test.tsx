import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { DeleteReportButton } from './DeleteReportButton';

// A file of its own: usePermission caches answers per permission for the
// life of the module.
describe('DeleteReportButton without tofui.report.delete', () => {
  it('offers nothing', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <div>
        <span>report page</span>
        <DeleteReportButton
          report={report({ id: 'r-1' })}
          onDeleted={() => {}}
        />
      </div>,
      {
        apis: [
          [tofuiApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ],
      },
    );
    expect(await screen.findByText('report page')).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Delete report' })).toBeNull();
  });
});
