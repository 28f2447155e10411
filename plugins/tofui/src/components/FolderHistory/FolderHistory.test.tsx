import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DEFAULT_STATUS_TYPES } from '@tofui/backstage-plugin-tofui-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { FolderHistory } from './FolderHistory';

describe('FolderHistory', () => {
  it('shows builds and tests newest first, a page at a time, without a fixed limit', async () => {
    const { api } = fakeTofuiApi();
    const history = Array.from({ length: 12 }, (_, i) =>
      report({
        id: `h${i}`,
        buildName: `run-${12 - i}`,
        reportType: i % 2 ? 'test' : 'build',
        overallStatus: i === 0 ? 'failing' : 'passing',
      }),
    );
    const queries: unknown[] = [];
    api.listReports = async (query = {}) => {
      queries.push(query);
      const start = query.cursor ? Number(query.cursor) : 0;
      const end = start + (query.limit ?? 10);
      return {
        items: history.slice(start, end),
        ...(end < history.length && { nextCursor: String(end) }),
      };
    };
    await renderInTestApp(
      <FolderHistory
        repository="acme/infrastructure"
        folder="aws_us_east_1"
        statusTypes={DEFAULT_STATUS_TYPES}
      />,
      { apis: [[tofuiApiRef, api]] },
    );
    const table = await screen.findByRole('table', {
      name: 'History of acme/infrastructure aws_us_east_1',
    });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(11),
    );
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('run-12');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('FAILING');
    expect(queries[0]).toEqual({
      repository: 'acme/infrastructure',
      folder: 'aws_us_east_1',
      limit: 10,
      cursor: undefined,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(13),
    );
    expect(within(table).getAllByRole('row')[12]).toHaveTextContent('run-1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
