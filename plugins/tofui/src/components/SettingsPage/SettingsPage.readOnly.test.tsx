import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { SettingsPage } from './SettingsPage';

// A file of its own: usePermission caches answers per permission for the
// life of the module, so a denial must not follow tests that were allowed.
describe('SettingsPage without tofui.statusTypes.manage', () => {
  it('shows the status types but offers no way to change them', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(<SettingsPage />, {
      apis: [
        [tofuiApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });
    fireEvent.click(await screen.findByText('Terraform Apply'));
    // usePermission may first answer from its cache (other tests allowed),
    // then with this test's denial.
    expect(
      await screen.findByText(
        /changing them needs the tofui.statusTypes.manage/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.queryByText('New status type')).toBeNull();
  });
});
