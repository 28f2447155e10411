/**
 * Terraform's and OpenTofu's `action_reason` values in words, for reports
 * and the frontend.
 *
 * @public
 */
export const ACTION_REASON_TEXT: Readonly<Record<string, string>> = {
  replace_because_cannot_update:
    'must be replaced: the provider cannot update it in place',
  replace_because_tainted: 'is tainted, so must be replaced',
  replace_by_request: 'will be replaced, as requested (-replace)',
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
