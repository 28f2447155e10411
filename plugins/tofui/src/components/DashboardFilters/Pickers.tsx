import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { tofuiApiRef } from '../../api';

/** Repositories known to tofUI, searched on the server as the user types. */
export const RepositoryPicker = ({
  value,
  onChange,
}: {
  value?: string;
  onChange: (value?: string) => void;
}) => {
  const api = useApi(tofuiApiRef);
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  // Options load when the list is first opened, not with the page.
  const [opened, setOpened] = useState(false);
  useDebounce(() => setQuery(input), 200, [input]);
  const { value: options = [], loading } = useAsync(async () => {
    if (!opened) return [];
    const page = await api.listRepositories({
      ...(query && { q: query }),
      limit: 50,
    });
    return page.items.map(r => r.repository);
  }, [api, query, opened]);
  return (
    <Autocomplete
      size="small"
      options={options}
      loading={loading || !opened}
      onOpen={() => setOpened(true)}
      value={value ?? null}
      onChange={(_e, v) => onChange(v ?? undefined)}
      onInputChange={(_e, v) => setInput(v)}
      renderInput={params => (
        <TextField {...params} label="Repository" variant="outlined" />
      )}
    />
  );
};

/** Groups (and users) from the catalog; the filter keeps what they own. */
export const OwnerPicker = ({
  value,
  onChange,
}: {
  value?: string;
  onChange: (value?: string) => void;
}) => {
  // Optional: without the catalog there is no ownership to filter by.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const [opened, setOpened] = useState(false);
  const { value: options = [], loading } = useAsync(async () => {
    if (!catalogApi || !opened) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
      .sort();
  }, [catalogApi, opened]);
  if (!catalogApi) return null;
  return (
    <Autocomplete
      size="small"
      options={options}
      loading={loading || !opened}
      onOpen={() => setOpened(true)}
      value={value ?? null}
      getOptionLabel={ref =>
        humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' })
      }
      onChange={(_e, v) => onChange(v ?? undefined)}
      renderInput={params => (
        <TextField {...params} label="Owner" variant="outlined" />
      )}
    />
  );
};
