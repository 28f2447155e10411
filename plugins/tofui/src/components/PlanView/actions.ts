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

/** Terraform's words for `action_reason`. */
export const REASONS: Record<string, string> = {
  replace_because_cannot_update:
    'must be replaced: the provider cannot update it in place',
  replace_because_tainted: 'is tainted, so must be replaced',
  replace_by_request: 'will be replaced, as requested',
  replace_by_triggers: 'will be replaced because of replace_triggered_by',
  delete_because_no_resource_config:
    'will be destroyed: its resource block is no longer in the configuration',
  delete_because_no_module:
    'will be destroyed: its module is no longer in the configuration',
  delete_because_wrong_repetition:
    'will be destroyed: count/for_each changed its repetition mode',
  delete_because_count_index:
    'will be destroyed: its count index is out of range',
  delete_because_each_key: 'will be destroyed: its for_each key is gone',
  delete_because_no_move_target:
    'will be destroyed: its moved target does not exist',
  read_because_config_unknown:
    'will be read during apply: its configuration depends on values not yet known',
  read_because_dependency_pending:
    'will be read during apply: it depends on pending changes',
  read_because_check_nested: 'will be read during apply: a check block uses it',
};
