import { makeStyles } from '@material-ui/core';
import { LogoIconPath } from './LogoFull';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28, fill: '#7df3e1' },
});

export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 24 24" aria-label="tofUI">
      <path d={LogoIconPath} />
    </svg>
  );
};
