import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/** Owners as links to their catalog pages; a dash when there are none. */
export const OwnerLinks = ({ owners }: { owners: ReadonlyArray<string> }) =>
  owners.length ? (
    <EntityRefLinks entityRefs={[...owners]} defaultKind="group" />
  ) : (
    <Typography variant="body2" color="textSecondary" component="span">
      —
    </Typography>
  );
