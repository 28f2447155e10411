import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

const useStyles = makeStyles(theme => ({
  link: {
    color:
      (theme.palette as { link?: string }).link ?? theme.palette.primary.main,
    textDecoration: 'none',
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
  },
}));

/**
 * An in-app link for table rows: a plain router link in the theme's link
 * colour. core-components' Link (route resolution and analytics per link)
 * and MUI's Link (Typography) dominate the cost of a page of rows. Only for
 * paths produced by our own route refs.
 */
export const RowLink = ({
  to,
  children,
}: {
  to: string;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <RouterLink className={classes.link} to={to}>
      {children}
    </RouterLink>
  );
};
