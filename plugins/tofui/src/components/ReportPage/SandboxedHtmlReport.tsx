import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { discoveryApiRef, useApi } from '@backstage/frontend-plugin-api';
import { CookieAuthRefreshProvider } from '@backstage/plugin-auth-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * A report's HTML in a sandboxed frame loaded straight from the backend:
 * `sandbox="allow-scripts"`, never `allow-same-origin`, so the report runs in
 * an opaque origin and cannot reach Backstage's cookies, storage or APIs; the
 * backend sends it with a CSP that keeps it off the network. The frame's
 * request carries the user's Backstage cookie (the route accepts cookie
 * credentials; the cookie is refreshed by the provider around it). Not
 * `srcdoc`: that would put the report under the app's own CSP.
 */
export const SandboxedHtmlReport = ({
  reportId,
  title,
}: {
  reportId: string;
  title: string;
}) => {
  const discovery = useApi(discoveryApiRef);
  const { value: baseUrl, error } = useAsync(
    () => discovery.getBaseUrl('tofui'),
    [discovery],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!baseUrl) return <Progress />;
  return (
    <CookieAuthRefreshProvider pluginId="tofui">
      <iframe
        title={title}
        src={`${baseUrl}/v1/reports/${encodeURIComponent(reportId)}/html`}
        sandbox="allow-scripts"
        referrerPolicy="no-referrer"
        style={{
          width: '100%',
          height: '75vh',
          border: 0,
          background: 'white',
        }}
      />
    </CookieAuthRefreshProvider>
  );
};
