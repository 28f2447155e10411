/** How each action is shown: symbol (as Terraform prints it), label, colour role. */
export const ACTIONS: Record<
  string,
  { symbol: string; label: string; tone: 'add' | 'remove' | 'change' | 'muted' }
> = {
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
