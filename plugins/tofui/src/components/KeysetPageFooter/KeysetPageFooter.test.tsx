import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { KeysetPageFooter } from './KeysetPageFooter';

describe('KeysetPageFooter', () => {
  const props = {
    loading: false,
    hasMore: false,
    onLoadMore: () => {},
    empty: 'Nothing matched.',
  };

  it('says nothing matched only when a page came back empty', async () => {
    await renderInTestApp(<KeysetPageFooter {...props} count={0} />);
    expect(screen.getByText('Nothing matched.')).toBeInTheDocument();
  });

  it('offers the next page while there is one, and not while one loads', async () => {
    const onLoadMore = jest.fn();
    const { rerender } = await renderInTestApp(
      <KeysetPageFooter
        {...props}
        count={50}
        hasMore
        onLoadMore={onLoadMore}
      />,
    );
    expect(screen.queryByText('Nothing matched.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    rerender(<KeysetPageFooter {...props} count={50} hasMore loading />);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows a later page’s error under the rows already there', async () => {
    await renderInTestApp(
      <KeysetPageFooter
        {...props}
        count={50}
        error={new Error('page 2 failed')}
      />,
    );
    expect(screen.getByText('Error: page 2 failed')).toBeInTheDocument();
  });
});
