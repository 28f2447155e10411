import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { TofuiPage } from './TofuiPage';

describe('TofuiPage', () => {
  it('lists every folder, failing first, with status chips', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(<TofuiPage />, { apis: [[tofuiApiRef, api]] });

    const rows = await screen.findAllByRole('row');
    const folders = rows
      .slice(1)
      .map(r => within(r).queryByText(/aws_|gcp_|_root/)?.textContent);
    expect(folders).toEqual(['aws_us_east_2', 'gcp_europe_west1', '_root']);
    expect(within(rows[1]).getByText('FAILING')).toBeInTheDocument();
    expect(
      within(rows[1]).getByLabelText('Terraform Apply: Failed to Apply'),
    ).toHaveTextContent('❌ Failed to Apply');
    expect(screen.getByText('🌐 Networking')).toBeInTheDocument();
  });

  it('links only http(s) report URLs', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(<TofuiPage />, { apis: [[tofuiApiRef, api]] });
    expect(
      await screen.findByRole('link', { name: /Deploy #57/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/57.html');
    // javascript: URL is shown as text, not as a link
    expect(screen.getByText('pr-7')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /pr-7/ })).toBeNull();
    // an unmapped code is shown raw, never as a known state
    expect(screen.getByLabelText('checkov: code 4')).toHaveTextContent('❔ 4');
  });

  it('shows how to publish when there are no reports', async () => {
    const { api } = fakeTofuiApi([]);
    const { container } = await renderInTestApp(<TofuiPage />, {
      apis: [[tofuiApiRef, api]],
    });
    expect(
      await screen.findByText('No reports published yet'),
    ).toBeInTheDocument();
    // the snippet is highlighted asynchronously
    await waitFor(() =>
      expect(container.textContent).toContain('scripts/tofui publish'),
    );
  });

  it('shows the error when the backend fails', async () => {
    const { api } = fakeTofuiApi();
    api.getSummary = async () => {
      throw new Error('backend down');
    };
    await renderInTestApp(<TofuiPage />, { apis: [[tofuiApiRef, api]] });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});

describe('TofuiPage live updates', () => {
  it('refetches when the backend signals that reports changed', async () => {
    const { api, calls } = fakeTofuiApi();
    const listeners: Array<(message: any) => void> = [];
    const signalApi = {
      subscribe(channel: string, onMessage: (message: any) => void) {
        expect(channel).toBe('tofui:reports');
        listeners.push(onMessage);
        return { unsubscribe: () => {} };
      },
    };
    await renderInTestApp(<TofuiPage />, {
      apis: [
        [tofuiApiRef, api],
        [signalApiRef, signalApi],
      ],
    });
    await screen.findAllByRole('row');
    expect(calls).toHaveLength(1);
    await waitFor(() => expect(listeners.length).toBeGreaterThan(0));
    act(() =>
      listeners.forEach(l =>
        l({ changed: 'reports', at: new Date().toISOString() }),
      ),
    );
    await waitFor(() => expect(calls).toHaveLength(2));
    // the table stays while refetching
    expect(screen.getAllByRole('row').length).toBeGreaterThan(1);
  });
});
