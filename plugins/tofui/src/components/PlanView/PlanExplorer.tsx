import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { type CompactChange, RC, type ReportModel } from '@tofui/report';
import {
  type CSSProperties,
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { FixedSizeList } from 'react-window';
import { ACTIONS } from './actions';
import { RedactionNotice } from './RedactionNotice';
import { ResourceDiff } from './ResourceDiff';

const ROW_HEIGHT = 36;
const LIST_MAX_HEIGHT = 432;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:hover, &:focus': {
      background: theme.palette.action.hover,
      outline: 'none',
    },
  },
  selected: {
    background: theme.palette.action.selected,
    // secondary text on the selected grey falls short of 4.5:1 contrast
    '& $sub': { color: theme.palette.text.primary },
  },
  symbol: {
    fontFamily: 'monospace',
    fontWeight: 700,
    minWidth: '3.2em',
    textAlign: 'center',
  },
  address: {
    fontFamily: 'monospace',
    fontSize: 13,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  sub: {
    color: theme.palette.text.secondary,
    fontSize: 12,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  add: { color: theme.palette.success?.main ?? '#1a7f37' },
  remove: { color: theme.palette.error.main },
  change: { color: theme.palette.warning?.main ?? '#9a6700' },
  muted: { color: theme.palette.text.secondary },
}));

/** The list's inner element, a listbox for assistive technology. */
const Listbox = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(
  (props, ref) => (
    <div ref={ref} role="listbox" aria-label="Resource changes" {...props} />
  ),
);

const searchText = (item: CompactChange) =>
  `${item[RC.address]} ${item[RC.type]} ${item[RC.module]} ${
    item[RC.provider]
  }`.toLowerCase();

interface RowData {
  resources: CompactChange[];
  visible: number[];
  selected?: string;
  select: (address: string) => void;
  classes: ReturnType<typeof useStyles>;
}

/** One row of the list (outside the component: react-window keeps rows mounted). */
const Row = ({
  index,
  style,
  data,
}: {
  index: number;
  style: CSSProperties;
  data: RowData;
}) => {
  const { resources, visible, selected, select, classes } = data;
  const item = resources[visible[index]];
  const action = ACTIONS[item[RC.action]] ?? {
    symbol: item[RC.action],
    label: item[RC.action],
    tone: 'muted' as const,
  };
  const isSelected = item[RC.address] === selected;
  return (
    <div
      style={style}
      role="option"
      aria-selected={isSelected}
      tabIndex={0}
      className={`${classes.row} ${isSelected ? classes.selected : ''}`}
      onClick={() => select(item[RC.address])}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') select(item[RC.address]);
      }}
    >
      <span
        className={`${classes.symbol} ${classes[action.tone]}`}
        title={action.label}
      >
        {action.symbol}
      </span>
      <span className={classes.address}>{item[RC.address]}</span>
      <span className={classes.sub}>
        {[action.label, item[RC.provider].replace(/^registry\.[^/]+\//, '')]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </div>
  );
};

/**
 * The plan, natively: resources risk first in a virtualized list (only the
 * visible rows exist, so 50,000 resources scroll like 50), search over
 * address, type, module and provider, action filters (no-ops hidden at
 * first), and the selected resource's diff below. `selectAddress` opens the
 * plan at one resource (a link to it): selected, scrolled to, its action
 * shown.
 */
export const PlanExplorer = ({
  model,
  selectAddress,
  resourceActions,
}: {
  model: ReportModel;
  /** The resource to open the plan at, e.g. from `?resource=`. */
  selectAddress?: string;
  /** Links shown above the selected resource's diff (e.g. its timeline). */
  resourceActions?: (address: string) => ReactNode;
}) => {
  const classes = useStyles();
  const resources = model.resources;
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    resources.forEach(r => {
      c[r[RC.action]] = (c[r[RC.action]] ?? 0) + 1;
    });
    return c;
  }, [resources]);
  const haystack = useMemo(() => resources.map(searchText), [resources]);
  const [query, setQuery] = useState('');
  const linked = selectAddress
    ? resources.find(r => r[RC.address] === selectAddress)
    : undefined;
  const [hidden, setHidden] = useState<Set<string>>(
    () =>
      new Set(
        counts['no-op'] &&
        counts['no-op'] < resources.length &&
        linked?.[RC.action] !== 'no-op'
          ? ['no-op']
          : [],
      ),
  );
  const [selected, setSelected] = useState<string | undefined>(
    linked?.[RC.address] ?? resources[0]?.[RC.address],
  );
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const out: number[] = [];
    for (let i = 0; i < resources.length; i++) {
      if (
        !hidden.has(resources[i][RC.action]) &&
        (!q || haystack[i].includes(q))
      )
        out.push(i);
    }
    return out;
  }, [resources, haystack, query, hidden]);
  const selectedItem = resources.find(r => r[RC.address] === selected);

  // A link to a resource: select it, show its action, scroll it into view.
  const list = useRef<FixedSizeList>(null);
  const linkedAction = linked?.[RC.action];
  useEffect(() => {
    if (!selectAddress || !linkedAction) return;
    setSelected(selectAddress);
    setHidden(prev => {
      if (!prev.has(linkedAction)) return prev;
      const next = new Set(prev);
      next.delete(linkedAction);
      return next;
    });
  }, [selectAddress, linkedAction]);
  const linkedIndex = selectAddress
    ? visible.findIndex(i => resources[i][RC.address] === selectAddress)
    : -1;
  useEffect(() => {
    if (linkedIndex >= 0) list.current?.scrollToItem(linkedIndex, 'center');
  }, [linkedIndex]);

  const toggle = (action: string) =>
    setHidden(prev => {
      const next = new Set(prev);
      if (next.has(action)) next.delete(action);
      else next.add(action);
      return next;
    });

  return (
    <Box>
      <RedactionNotice report={model.redaction} />
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={1}
        style={{ gap: 8 }}
      >
        <TextField
          id="tofui-plan-search"
          size="small"
          variant="outlined"
          label="Search resources"
          placeholder="address, type, module, provider"
          value={query}
          onChange={e => setQuery(e.target.value)}
          style={{ minWidth: 280, flex: '1 1 280px' }}
        />
        {Object.keys(ACTIONS)
          .filter(a => counts[a])
          .map(a => (
            <Chip
              key={a}
              size="small"
              clickable
              aria-pressed={!hidden.has(a)}
              label={`${ACTIONS[a].label} ${counts[a]}`}
              variant={hidden.has(a) ? 'outlined' : 'default'}
              onClick={() => toggle(a)}
            />
          ))}
        <Typography variant="caption" color="textSecondary" aria-live="polite">
          {visible.length} of {resources.length} resources
        </Typography>
      </Box>
      <Paper variant="outlined">
        {visible.length === 0 ? (
          <Box p={2}>
            <Typography variant="body2">
              {resources.length
                ? 'No resource matches the search and filters.'
                : 'No resource changes.'}
            </Typography>
          </Box>
        ) : (
          <FixedSizeList
            ref={list}
            height={Math.min(LIST_MAX_HEIGHT, visible.length * ROW_HEIGHT)}
            itemCount={visible.length}
            itemSize={ROW_HEIGHT}
            width="100%"
            innerElementType={Listbox}
            itemData={{
              resources,
              visible,
              selected,
              select: setSelected,
              classes,
            }}
          >
            {Row}
          </FixedSizeList>
        )}
      </Paper>
      {selectedItem && (
        <Box mt={2}>
          {resourceActions && (
            <Box mb={1}>{resourceActions(selectedItem[RC.address])}</Box>
          )}
          <ResourceDiff item={selectedItem} />
        </Box>
      )}
    </Box>
  );
};
