/** How a report shows one action of a resource change. @public */
export interface ActionDisplay {
  /** As Terraform prints it: `+`, `-/+`, `<=`… */
  symbol: string;
  label: string;
  /** Colour role. */
  tone: 'add' | 'remove' | 'change' | 'muted';
}

/**
 * The actions a report shows (see changeAction), risk first, as the HTML
 * report's filters and the frontend's plan view list them.
 *
 * @public
 */
export const PLAN_ACTIONS: Readonly<Record<string, ActionDisplay>> = {
  delete: { symbol: '-', label: 'delete', tone: 'remove' },
  replace: { symbol: '-/+', label: 'replace', tone: 'remove' },
  'replace-create-first': {
    symbol: '+/-',
    label: 'replace (create first)',
    tone: 'remove',
  },
  forget: { symbol: '.', label: 'forget', tone: 'remove' },
  update: { symbol: '~', label: 'update', tone: 'change' },
  create: { symbol: '+', label: 'create', tone: 'add' },
  import: { symbol: '<-', label: 'import', tone: 'add' },
  move: { symbol: '->', label: 'move', tone: 'change' },
  read: { symbol: '<=', label: 'read', tone: 'muted' },
  'no-op': { symbol: ' ', label: 'no-op', tone: 'muted' },
};
