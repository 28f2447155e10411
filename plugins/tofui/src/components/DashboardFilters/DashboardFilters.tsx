import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import InputAdornment from '@material-ui/core/InputAdornment';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { memo, useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import type { DashboardFilters as Filters } from '../../hooks/useDashboardFilters';
import { OwnerPicker, RepositoryPicker } from './Pickers';

export interface DashboardFiltersProps {
  filters: Filters;
  onChange: <K extends keyof Filters>(key: K, value?: Filters[K]) => void;
  /** Hide the repository and owner filters (a repository's own page). */
  fixedRepository?: boolean;
  /** Every keystroke in the search, before the debounced filter applies. */
  onTextInput?: (text: string) => void;
}

const SELECTS = [
  {
    key: 'status',
    label: 'Verdict',
    options: [
      ['', 'Any verdict'],
      ['failing', 'Failing'],
      ['unknown', 'Unknown'],
      ['passing', 'Passing'],
    ],
  },
  {
    key: 'type',
    label: 'Report type',
    options: [
      ['', 'Builds and tests'],
      ['build', 'Builds (apply)'],
      ['test', 'Tests (plan)'],
    ],
  },
  {
    key: 'since',
    label: 'Latest run',
    options: [
      ['', 'Any time'],
      ['24h', 'Last 24 hours'],
      ['7d', 'Last 7 days'],
      ['30d', 'Last 30 days'],
    ],
  },
  {
    key: 'sort',
    label: 'Sort by',
    options: [
      ['', 'Failing first'],
      ['recent', 'Latest run'],
      ['name', 'Repository and folder'],
    ],
  },
] as const;

/**
 * The dashboard's filter bar (memoised: loading states and new rows do not
 * redraw it): free text (debounced), repository and owner
 * pickers, verdict, report type, time and order. Every control is a labelled
 * form field, so it is reachable and named for keyboard and screen readers.
 */
export const DashboardFilters = memo(function DashboardFilterBar({
  filters,
  onChange,
  fixedRepository = false,
  onTextInput,
}: DashboardFiltersProps) {
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useDebounce(
    () => {
      if ((filters.q ?? '') !== text.trim()) onChange('q', text.trim());
    },
    250,
    [text],
  );

  // On a paper surface: MUI's field labels reach readable contrast on the
  // paper colour, not on the page background.
  return (
    <Paper
      component="div"
      role="search"
      aria-label="Filter folders"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 12,
        padding: 12,
      }}
    >
      <Box flex="2 1 260px">
        <TextField
          id="tofui-search"
          label="Search"
          placeholder="Repository or folder"
          variant="outlined"
          size="small"
          fullWidth
          value={text}
          onChange={e => {
            setText(e.target.value);
            onTextInput?.(e.target.value);
          }}
          inputProps={{ 'aria-label': 'Search repositories and folders' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
      </Box>
      {!fixedRepository && (
        <>
          <Box flex="1 1 200px">
            <RepositoryPicker
              value={filters.repository}
              onChange={v => onChange('repository', v)}
            />
          </Box>
          <Box flex="1 1 200px">
            <OwnerPicker
              value={filters.owner}
              onChange={v => onChange('owner', v)}
            />
          </Box>
        </>
      )}
      {SELECTS.map(select => (
        <Box flex="1 1 150px" maxWidth={240} key={select.key}>
          <TextField
            id={`tofui-filter-${select.key}`}
            select
            label={select.label}
            variant="outlined"
            size="small"
            fullWidth
            value={filters[select.key] ?? ''}
            onChange={e =>
              onChange(select.key, (e.target.value || undefined) as any)
            }
          >
            {select.options.map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      ))}
    </Paper>
  );
});
