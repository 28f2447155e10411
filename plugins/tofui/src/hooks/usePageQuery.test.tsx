import { act, fireEvent, render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import {
  Link,
  MemoryRouter,
  Route,
  Routes,
  useLocation,
} from 'react-router-dom';
import { usePageQuery } from './usePageQuery';

type SetParam = ReturnType<typeof usePageQuery>['setParam'];

/** A dashboard-like page that hands out its query writer. */
function pageWith(onWriter: (setParam: SetParam) => void) {
  return function Page() {
    const { params, setParam } = usePageQuery();
    onWriter(setParam);
    return (
      <div>
        <p>dashboard q={params.get('q') ?? ''}</p>
        <Link to="/repos/acme">acme</Link>
      </div>
    );
  };
}

const Location = () => {
  const location = useLocation();
  return <output>{`${location.pathname}${location.search}`}</output>;
};

/** A view whose code arrives when `load` is called. */
function slowView() {
  let load!: () => void;
  const View = lazy(
    () =>
      new Promise<{ default: () => JSX.Element }>(resolve => {
        load = () => resolve({ default: () => <p>repository page</p> });
      }),
  );
  return { View, load: () => load() };
}

function renderApp(setParamOut: { current?: SetParam }) {
  const Page = pageWith(setParam => {
    setParamOut.current = setParam;
  });
  const slow = slowView();
  render(
    <MemoryRouter initialEntries={['/']}>
      <Location />
      <Suspense fallback={<p>loading</p>}>
        <Routes>
          <Route path="/" element={<Page />} />
          <Route path="/repos/acme" element={<slow.View />} />
        </Routes>
      </Suspense>
    </MemoryRouter>,
  );
  return slow;
}

describe('usePageQuery', () => {
  it('writes one key of the query, keeping the others', () => {
    const writer: { current?: SetParam } = {};
    renderApp(writer);
    act(() => writer.current!('q', 'net'));
    act(() => writer.current!('owner', 'team-a'));
    expect(screen.getByRole('status')).toHaveTextContent(
      '/?q=net&owner=team-a',
    );
    act(() => writer.current!('q', undefined));
    expect(screen.getByRole('status')).toHaveTextContent('/?owner=team-a');
  });

  it('drops a write from a page the user has left while the next view loads', async () => {
    const writer: { current?: SetParam } = {};
    const slow = renderApp(writer);
    fireEvent.click(screen.getByRole('link', { name: 'acme' }));
    expect(await screen.findByText('loading')).toBeInTheDocument();

    // the dashboard, hidden but mounted, applies its debounced search now
    act(() => writer.current!('q', 'acme', { replace: true }));
    await act(async () => slow.load());

    expect(await screen.findByText('repository page')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^\/repos\/acme$/);
  });
});
