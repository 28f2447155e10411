import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { SettingsPage } from './SettingsPage';
import { validateDraft } from './statusTypeDraft';

describe('SettingsPage', () => {
  it('edits a status type with a live preview and saves it through the API', async () => {
    const { api, calls } = fakeTofuiApi();
    await renderInTestApp(<SettingsPage />, { apis: [[tofuiApiRef, api]] });
    fireEvent.click(await screen.findByText('Terraform Apply'));

    const label = screen.getByLabelText('Label of code 1');
    fireEvent.change(label, { target: { value: 'Apply broke' } });
    fireEvent.change(screen.getByLabelText('Emoji of code 1'), {
      target: { value: '💥' },
    });
    // the preview chip renders the draft, exactly as reports will show it
    expect(
      screen.getByLabelText('Terraform Apply: Apply broke'),
    ).toHaveTextContent('💥 Apply broke');

    fireEvent.change(screen.getByLabelText('Colour of code 1'), {
      target: { value: 'red' },
    });
    expect(screen.getByText('#rrggbb')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Colour of code 1'), {
      target: { value: '#aa0000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(calls.find(c => c.putStatusType)).toBeDefined());
    const put = calls.find(c => c.putStatusType) as any;
    expect(put.putStatusType).toBe('terraform_apply');
    expect(put.body.mappings['1']).toEqual({
      label: 'Apply broke',
      emoji: '💥',
      color: '#aa0000',
      status: 'failing',
    });
    expect(
      await screen.findByText('Saved status type terraform_apply'),
    ).toBeInTheDocument();
  });

  it('creates a new status type', async () => {
    const { api, calls } = fakeTofuiApi();
    await renderInTestApp(<SettingsPage />, { apis: [[tofuiApiRef, api]] });
    fireEvent.click(await screen.findByText('New status type'));
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Key'), {
      target: { value: 'trivy' },
    });
    fireEvent.change(screen.getByLabelText('Name'), {
      target: { value: 'Trivy' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(calls.find(c => c.putStatusType === 'trivy')).toBeDefined(),
    );
    const list = screen.getByRole('list', { name: 'Status types' });
    expect(await within(list).findByText('Trivy')).toBeInTheDocument();
  });
});

describe('validateDraft', () => {
  const row = {
    code: '0',
    label: 'OK',
    emoji: '✅',
    color: '#00aa00',
    status: 'passing' as const,
  };
  it.each([
    [{ key: 'bad key!' }, 'key'],
    [{ name: ' ' }, 'name'],
    [{ rows: [] }, 'rows'],
    [{ rows: [row, row] }, 'rows.1.code'],
    [{ rows: [{ ...row, code: '-1' }] }, 'rows.0.code'],
    [{ rows: [{ ...row, label: '' }] }, 'rows.0.label'],
    [{ rows: [{ ...row, color: '#abc' }] }, 'rows.0.color'],
  ])('rejects %j with an error on %s', (patch, field) => {
    const errors = validateDraft({
      key: 'tfsec',
      name: 'tfsec',
      rows: [row],
      ...patch,
    });
    expect(Object.keys(errors)).toEqual([field]);
  });
});
