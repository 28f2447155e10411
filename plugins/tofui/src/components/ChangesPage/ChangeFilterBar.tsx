import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import type { ChangeAction } from '@tofui/backstage-plugin-tofui-common';
import {
  CHANGE_ACTIONS,
  type ChangeFilters,
  type TextFilter,
} from '../../hooks/useChangeFilters';
import { OwnerPicker, RepositoryPicker } from '../DashboardFilters';
import { DebouncedTextField } from '../DebouncedTextField';

const TEXTS: Array<{
  /** The repository has its own picker. */
  key: Exclude<TextFilter, 'repository'>;
  label: string;
  placeholder?: string;
  width: string;
}> = [
  {
    key: 'address',
    label: 'Address',
    placeholder: '**.aws_iam_role.*',
    width: '2 1 260px',
  },
  { key: 'folder', label: 'Folder', width: '1 1 160px' },
  {
    key: 'type',
    label: 'Resource type',
    placeholder: 'aws_iam_role',
    width: '1 1 180px',
  },
  {
    key: 'provider',
    label: 'Provider',
    placeholder: 'registry.opentofu.org/hashicorp/aws',
    width: '1 1 200px',
  },
  {
    key: 'attribute',
    label: 'Attribute',
    placeholder: 'tags.Team',
    width: '1 1 160px',
  },
  { key: 'branch', label: 'Branch', width: '1 1 140px' },
  { key: 'actor', label: 'Actor', width: '1 1 140px' },
];

/**
 * The Changes page's filters: every one the API offers, each a labelled
 * form field; the page keeps them in the URL.
 */
export const ChangeFilterBar = ({
  filters,
  onChange,
  onActions,
  onClear,
}: {
  filters: ChangeFilters;
  onChange: (
    key: Exclude<keyof ChangeFilters, 'action'>,
    value?: string,
  ) => void;
  onActions: (actions: ChangeAction[]) => void;
  onClear: () => void;
}) => (
  <Paper
    component="div"
    role="search"
    aria-label="Filter changes"
    style={{
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: 12,
      padding: 12,
    }}
  >
    <Box flex="1 1 220px">
      <RepositoryPicker
        value={filters.repository}
        onChange={v => onChange('repository', v)}
      />
    </Box>
    <Box flex="1 1 200px">
      <OwnerPicker value={filters.owner} onChange={v => onChange('owner', v)} />
    </Box>
    {TEXTS.map(t => (
      <Box flex={t.width} key={t.key}>
        <DebouncedTextField
          id={`tofui-changes-${t.key}`}
          label={t.label}
          placeholder={t.placeholder}
          value={filters[t.key]}
          onChange={v => onChange(t.key, v)}
        />
      </Box>
    ))}
    <Box flex="1 1 200px" maxWidth={320}>
      <TextField
        id="tofui-changes-action"
        select
        label="Action"
        variant="outlined"
        size="small"
        fullWidth
        value={filters.action ?? []}
        SelectProps={{
          multiple: true,
          renderValue: selected =>
            (selected as string[]).length
              ? (selected as string[]).join(', ')
              : 'Any action',
          displayEmpty: true,
        }}
        InputLabelProps={{ shrink: true }}
        onChange={e => onActions(e.target.value as unknown as ChangeAction[])}
      >
        {CHANGE_ACTIONS.map(action => (
          <MenuItem key={action} value={action}>
            <Checkbox
              size="small"
              checked={!!filters.action?.includes(action)}
            />
            <ListItemText primary={action} />
          </MenuItem>
        ))}
      </TextField>
    </Box>
    <Box flex="1 1 150px" maxWidth={220}>
      <TextField
        id="tofui-changes-reportType"
        select
        label="Report type"
        variant="outlined"
        size="small"
        fullWidth
        value={filters.reportType ?? ''}
        onChange={e => onChange('reportType', e.target.value || undefined)}
      >
        <MenuItem value="">Plans and applies</MenuItem>
        <MenuItem value="test">Plans (tests)</MenuItem>
        <MenuItem value="build">Applies (builds)</MenuItem>
      </TextField>
    </Box>
    {(['since', 'until'] as const).map(key => (
      <Box flex="1 1 150px" maxWidth={200} key={key}>
        <TextField
          id={`tofui-changes-${key}`}
          type="date"
          label={key === 'since' ? 'From (UTC)' : 'To (UTC)'}
          variant="outlined"
          size="small"
          fullWidth
          InputLabelProps={{ shrink: true }}
          value={filters[key] ?? ''}
          onChange={e => onChange(key, e.target.value || undefined)}
        />
      </Box>
    ))}
    <Button size="small" onClick={onClear}>
      Clear filters
    </Button>
  </Paper>
);
