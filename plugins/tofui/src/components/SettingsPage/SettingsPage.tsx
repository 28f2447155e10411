import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Paper from '@material-ui/core/Paper';
import AddIcon from '@material-ui/icons/Add';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import { useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { tofuiStatusTypesManagePermission } from '@tofui/backstage-plugin-tofui-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { tofuiApiRef } from '../../api';
import { TofuiNav } from '../TofuiNav';
import { StatusTypeEditor } from './StatusTypeEditor';
import {
  emptyDraft,
  type StatusTypeDraft,
  toDraft,
  toRequest,
  validateDraft,
} from './statusTypeDraft';

/** Settings: the status types (code → label, emoji, colour, passing/failing). */
export const SettingsPage = () => {
  const api = useApi(tofuiApiRef);
  const alertApi = useApi(alertApiRef);
  const {
    value: types,
    error,
    retry,
  } = useAsyncRetry(() => api.listStatusTypes(), [api]);
  // The backend enforces this too; here it only hides what would fail.
  const { allowed: canManage } = usePermission({
    permission: tofuiStatusTypesManagePermission,
  });
  const [draft, setDraft] = useState<StatusTypeDraft>();
  const [isNew, setIsNew] = useState(false);
  const [saving, setSaving] = useState(false);
  const errors = useMemo(() => (draft ? validateDraft(draft) : {}), [draft]);
  // Opens on the first type, so the editor is never an empty pane.
  useEffect(() => {
    if (!draft && types?.length) setDraft(toDraft(types[0]));
  }, [draft, types]);

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      await api.putStatusType(draft.key, toRequest(draft));
      alertApi.post({
        message: `Saved status type ${draft.key}`,
        severity: 'success',
        display: 'transient',
      });
      setIsNew(false);
      retry();
    } catch (e) {
      alertApi.post({
        message: `Could not save ${draft.key}: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Content>
      <ContentHeader title="Settings">
        <TofuiNav />
        <SupportButton>
          Status types say how each status code CI reports is shown and whether
          it passes. Codes without a mapping count as unknown.
        </SupportButton>
      </ContentHeader>
      {error && <ResponseErrorPanel error={error} />}
      {!types && !error && <Progress />}
      {types && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={3}>
            <Paper>
              <List aria-label="Status types">
                {types.map(type => (
                  <ListItem
                    button
                    key={type.key}
                    selected={!isNew && draft?.key === type.key}
                    onClick={() => {
                      setIsNew(false);
                      setDraft(toDraft(type));
                    }}
                  >
                    <ListItemText
                      primary={type.name}
                      secondary={`${type.key} · ${
                        Object.keys(type.mappings).length
                      } codes · ${type.source ?? 'api'}`}
                    />
                  </ListItem>
                ))}
                {canManage && (
                  <ListItem
                    button
                    selected={isNew}
                    onClick={() => {
                      setIsNew(true);
                      setDraft(emptyDraft());
                    }}
                  >
                    <ListItemIcon>
                      <AddIcon />
                    </ListItemIcon>
                    <ListItemText primary="New status type" />
                  </ListItem>
                )}
              </List>
            </Paper>
          </Grid>
          <Grid item xs={12} md={9}>
            {draft ? (
              <StatusTypeEditor
                draft={draft}
                errors={errors}
                isNew={isNew}
                readOnly={!canManage}
                saving={saving}
                onChange={setDraft}
                onSave={save}
              />
            ) : (
              <Paper style={{ padding: 16 }}>
                Choose a status type to edit, or add one.
              </Paper>
            )}
          </Grid>
        </Grid>
      )}
    </Content>
  );
};
