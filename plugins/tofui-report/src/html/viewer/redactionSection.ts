import { el, plainTable, section } from './dom';
import type { PageModel } from './sections';

/**
 * What the second redaction layer masked (values the plan did not mark
 * sensitive): counts per rule, the paths on demand. Nothing when it masked
 * nothing.
 */
export function redactionSection(model: PageModel): HTMLElement | undefined {
  const report = model.redaction;
  if (!report?.total) return undefined;
  const box = section(
    `Masked without a sensitive mark: ${report.total}`,
    'redaction',
  );
  box.appendChild(
    el(
      'p',
      'note',
      'Values the plan did not mark sensitive but that look like secrets (by their shape or their name) are shown as (sensitive value).',
    ),
  );
  box.appendChild(
    plainTable(
      ['rule', 'values'],
      Object.entries(report.rules).map(([rule, n]) => [rule, String(n)]),
    ),
  );
  if (report.paths.length) {
    const details = el('details');
    details.appendChild(
      el(
        'summary',
        '',
        `Where${report.truncated ? ` (first ${report.paths.length})` : ''}`,
      ),
    );
    details.appendChild(
      plainTable(
        ['path', 'rule'],
        report.paths.map(p => [p.path, p.rule]),
      ),
    );
    box.appendChild(details);
  }
  return box;
}
