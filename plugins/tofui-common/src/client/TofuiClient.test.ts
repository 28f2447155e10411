import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { TofuiClient } from './TofuiClient';

describe('TofuiClient with the Backstage fetch API', () => {
  it('sends writes through the fetch middleware (which rebuilds requests) with their body', async () => {
    const seen: Array<{
      method: string;
      url: string;
      body: string;
      auth: string | null;
    }> = [];
    const fetchApi = createFetchApi({
      baseImplementation: async (input, init) => {
        const request = new Request(input, init);
        seen.push({
          method: request.method,
          url: request.url,
          body: await request.text(),
          auth: request.headers.get('authorization'),
        });
        return new Response(
          JSON.stringify({ key: 'tflint', name: 'TFLint', mappings: {} }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      },
      middleware: [
        FetchMiddlewares.resolvePluginProtocol({
          discoveryApi: {
            getBaseUrl: async () => 'http://backend.test/api/tofui',
          },
        }),
        FetchMiddlewares.injectIdentityAuth({
          identityApi: {
            getCredentials: async () => ({ token: 'user-token' }),
          } as any,
          urlPrefixAllowlist: ['http://backend.test'],
        }),
      ],
    });
    const client = new TofuiClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend.test/api/tofui' },
      fetchApi,
    });

    const body = { name: 'TFLint', mappings: {} };
    const { value, created } = await client.putStatusType('tflint', body);
    expect(value.key).toBe('tflint');
    expect(created).toBe(false);
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: 'http://backend.test/api/tofui/v1/status-types/tflint',
        body: JSON.stringify(body),
        auth: 'Bearer user-token',
      },
    ]);
  });
});

describe('TofuiClient change intelligence calls', () => {
  function recordingClient() {
    const urls: string[] = [];
    const client = new TofuiClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend.test/api/tofui' },
      fetchApi: {
        fetch: (async (input: RequestInfo | URL) => {
          urls.push(String(input instanceof Request ? input.url : input));
          return new Response(JSON.stringify({ items: [] }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
        }) as typeof fetch,
      },
    });
    return { client, urls };
  }

  it('repeats `action` and keeps globs readable in the change search', async () => {
    const { client, urls } = recordingClient();
    await client.listChanges({
      address: '**.aws_iam_role.*',
      action: ['delete', 'replace'],
    });
    const url = new URL(urls[0]);
    expect(url.pathname).toBe('/api/tofui/v1/changes');
    expect(url.searchParams.getAll('action')).toEqual(['delete', 'replace']);
    expect(url.searchParams.get('address')).toBe('**.aws_iam_role.*');
  });

  it('compares with the default base unless one is given', async () => {
    const { client, urls } = recordingClient();
    await client.compareReports('head-id');
    await client.compareReports('head-id', 'base-id');
    expect(urls).toEqual([
      'http://backend.test/api/tofui/v1/reports/head-id/compare',
      'http://backend.test/api/tofui/v1/reports/head-id/compare?base=base-id',
    ]);
  });
});
