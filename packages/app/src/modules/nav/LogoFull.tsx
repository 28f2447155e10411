import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  logo: {
    display: 'flex',
    alignItems: 'center',
    gap: 8,
    color: '#7df3e1',
    fontSize: 26,
    fontWeight: 700,
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
  },
  svg: { width: 30, height: 30, fill: '#7df3e1' },
});

const LAYERS =
  'M12 2 2 7l10 5 10-5-10-5Zm-8.2 9.1L2 12l10 5 10-5-1.8-.9L12 15l-8.2-3.9Zm0 5L2 17l10 5 10-5-1.8-.9L12 20l-8.2-3.9Z';

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.logo}>
      <svg className={classes.svg} viewBox="0 0 24 24" aria-hidden="true">
        <path d={LAYERS} />
      </svg>
      tofUI
    </span>
  );
};

export const LogoIconPath = LAYERS;
