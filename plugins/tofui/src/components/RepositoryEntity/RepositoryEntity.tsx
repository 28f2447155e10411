import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { tofuiApiRef } from '../../api';

/**
 * The catalog entity a repository's reports belong to, or, when none maps
 * it (only admins see such repositories), how to map one.
 */
export const RepositoryEntity = ({ repository }: { repository: string }) => {
  const api = useApi(tofuiApiRef);
  const { value } = useAsync(async () => {
    const page = await api.listRepositories({ q: repository, limit: 10 });
    return page.items.find(
      r => r.repository.toLowerCase() === repository.toLowerCase(),
    );
  }, [api, repository]);
  if (!value) {
    return null;
  }
  if (value.entityRef) {
    return (
      <Typography variant="body2">
        Catalog entity: <EntityRefLink entityRef={value.entityRef} />
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      No catalog entity maps this repository, so only admins see its reports.
      Map it with the annotation{' '}
      <code>tofui.io/repository: {value.repository}</code> on the entity that
      owns it.
    </Typography>
  );
};
