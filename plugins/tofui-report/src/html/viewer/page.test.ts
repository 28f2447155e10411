/**
 * @jest-environment @backstage/cli/config/jest-environment-jsdom
 */
import { diffChange } from '../../plan/diffChange';
import type { Plan } from '../../plan/types';
import { buildReportModel } from '../reportModel';
import { renderPage } from './page';
import { DEFERRED_DRAWN } from './sections';

/** A replacement whose replace_paths has an empty entry besides `ami`. */
const PLAN: Plan = {
  format_version: '1.2',
  resource_changes: [
    {
      address: 'aws_instance.web',
      type: 'aws_instance',
      provider_name: 'registry.opentofu.org/hashicorp/aws',
      change: {
        actions: ['delete', 'create'],
        before: { ami: 'ami-1', tags: { Name: 'web' }, '0': 'x' },
        after: { ami: 'ami-2', tags: { Name: 'web' }, '0': 'y' },
        after_unknown: { id: true },
        replace_paths: [[], ['ami']],
      },
    },
  ],
} as Plan;

describe('the HTML report viewer', () => {
  beforeEach(() => {
    document.body.innerHTML = '<main id="app"></main>';
  });

  it('opens every resource when the report says so (expand all by default)', () => {
    renderPage(buildReportModel(PLAN));
    expect(document.querySelector('table.diff')).toBeNull();
    document.body.innerHTML = '<main id="app"></main>';
    renderPage(buildReportModel(PLAN, { meta: { expandAll: true } }));
    expect(document.querySelector('.rh')!.getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(document.querySelector('table.diff')).not.toBeNull();
  });

  it('draws the first deferred changes and the rest on demand', () => {
    const deferred = Array.from({ length: DEFERRED_DRAWN + 70 }, (_, i) => ({
      reason: 'resource_config_unknown',
      resource_change: {
        address: `aws_instance.d${i}`,
        change: { actions: ['create'] },
      },
    }));
    renderPage(buildReportModel({ ...PLAN, deferred_changes: deferred }));
    const rows = () =>
      Array.from(document.querySelectorAll('#deferred tr')).slice(1);
    expect(rows()).toHaveLength(DEFERRED_DRAWN);
    expect(rows()[0].textContent).toContain('aws_instance.d0');
    expect(rows()[0].textContent).toContain('resource config unknown');
    const more = Array.from(
      document.querySelectorAll<HTMLButtonElement>('#deferred button'),
    );
    expect(more.map(b => b.textContent)).toEqual([
      'Show 70 more deferred changes',
    ]);
    more[0].click();
    expect(rows()).toHaveLength(DEFERRED_DRAWN + 70);
    expect(rows()[DEFERRED_DRAWN + 69].textContent).toContain(
      `aws_instance.d${DEFERRED_DRAWN + 69}`,
    );
    expect(document.querySelector('#deferred button')).toBeNull();
  });

  it('draws a resource diff with the diff code the frontend uses', () => {
    renderPage(buildReportModel(PLAN));
    const header = document.querySelector<HTMLElement>('.rh')!;
    expect(header.textContent).toContain('aws_instance.web');
    header.click();
    const rows = Array.from(
      document.querySelectorAll<HTMLTableRowElement>('table.diff tr'),
    ).slice(1);
    const expected = diffChange({
      action: 'replace',
      before: PLAN.resource_changes![0].change.before,
      after: PLAN.resource_changes![0].change.after,
      afterUnknown: { id: true },
      replacePaths: [[], ['ami']],
    }).filter(r => r.kind !== 'same');
    expect(rows.map(r => r.className)).toEqual(
      expected.map(r => `d-${r.kind}`),
    );
    // An empty replace_paths entry forces nothing, here as in the frontend:
    // only `ami` is marked.
    const forcing = rows
      .filter(r => r.querySelector('.forces'))
      .map(r => r.cells[0].firstChild!.textContent);
    expect(forcing).toEqual(
      expected.filter(r => r.forcesReplacement).map(r => r.path),
    );
    expect(forcing).toEqual(['ami']);
    expect(document.documentElement.getAttribute('data-ready')).toBe('true');
  });

  it('shows outputs with their values as the frontend describes them', () => {
    renderPage(
      buildReportModel({
        format_version: '1.2',
        output_changes: {
          token: {
            actions: ['update'],
            before: 'a',
            after: 'b',
            after_unknown: false,
            before_sensitive: true,
            after_sensitive: true,
          },
          url: { actions: ['create'], before: null, after_unknown: true },
        },
      } as unknown as Plan),
    );
    const cells = Array.from(document.querySelectorAll('#outputs tr'), tr =>
      Array.from((tr as HTMLTableRowElement).cells, c => c.textContent),
    );
    expect(cells).toEqual([
      ['output', 'action', 'before', 'after'],
      ['token', 'update', '(sensitive value)', '(sensitive value)'],
      ['url', 'create', '', '(known after apply)'],
    ]);
  });
});
