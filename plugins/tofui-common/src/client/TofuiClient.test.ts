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
