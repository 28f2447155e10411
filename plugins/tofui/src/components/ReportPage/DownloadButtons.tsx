import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  REPORT_ARTIFACT_FILES,
  REPORT_ARTIFACT_KINDS,
  type Report,
  type ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import { useState } from 'react';
import { tofuiApiRef } from '../../api';

/** What each download is called. */
const LABELS: Record<ReportArtifactKind, string> = {
  html: 'HTML report',
  plan: 'Plan JSON (redacted)',
  log: 'Log',
};

/**
 * Downloads of the report's artifacts. They are fetched with the user's
 * credentials (a plain link could not send them) and saved from memory.
 */
export const DownloadButtons = ({ report }: { report: Report }) => {
  const api = useApi(tofuiApiRef);
  const [error, setError] = useState<string>();
  const kinds = REPORT_ARTIFACT_KINDS.filter(k => report.artifacts?.[k]);
  if (kinds.length === 0) {
    return null;
  }
  const download = async (kind: ReportArtifactKind) => {
    try {
      setError(undefined);
      const text = await api.getReportArtifact(report.id, kind);
      const url = URL.createObjectURL(
        new Blob([text], { type: REPORT_ARTIFACT_FILES[kind].contentType }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download =
        `${report.folder}-${report.buildName}.${REPORT_ARTIFACT_FILES[kind].extension}`.replace(
          /[^\w.-]+/g,
          '_',
        );
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      {kinds.map(kind => (
        <Button
          key={kind}
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={() => download(kind)}
          style={{ marginRight: 8 }}
        >
          {LABELS[kind]}
        </Button>
      ))}
      {error && <span role="alert">{error}</span>}
    </>
  );
};
