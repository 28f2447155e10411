/* eslint-disable new-cap -- openapi-fetch names its methods after HTTP verbs (GET, POST) */
import { ResponseError } from '@backstage/errors';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi.generated';
import type {
  FolderSummary,
  Health,
  ListReportsQuery,
  PublishReportRequest,
  Report,
  StatusType,
  SummaryQuery,
} from '../types';

/**
 * Where the tofUI backend lives and how to call it. In the Backstage frontend
 * these are the discovery and fetch APIs (the fetch API adds the user's
 * token); in the CLI, a fixed URL and a fetch that sends the CI token.
 *
 * @public
 */
export interface TofuiClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/** Result of publishing: the stored report and whether it was new. @public */
export interface PublishReportResult {
  report: Report;
  created: boolean;
}

/**
 * Typed client for the tofUI REST API, generated types from the OpenAPI spec.
 * Failed calls throw `ResponseError` from `@backstage/errors`.
 *
 * @public
 */
export class TofuiClient {
  private readonly discoveryApi: TofuiClientOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: TofuiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl = options.fetchApi
      ? options.fetchApi.fetch.bind(options.fetchApi)
      : (...args) => fetch(...args);
  }

  async getHealth(): Promise<Health> {
    // Health answers 503 with a body when the database is down; report it
    // rather than throwing.
    const client = await this.client(false);
    const { data, error } = await client.GET('/v1/health');
    return (data ?? error) as Health;
  }

  async publishReport(body: PublishReportRequest): Promise<PublishReportResult> {
    const client = await this.client();
    const { data, response } = await client.POST('/v1/reports', { body });
    return { report: data!, created: response.status === 201 };
  }

  async listReports(query: ListReportsQuery = {}): Promise<Report[]> {
    const client = await this.client();
    const { data } = await client.GET('/v1/reports', { params: { query } });
    return data!.items;
  }

  async getSummary(query: SummaryQuery = {}): Promise<FolderSummary[]> {
    const client = await this.client();
    const { data } = await client.GET('/v1/summary', { params: { query } });
    return data!.items;
  }

  async listStatusTypes(): Promise<StatusType[]> {
    const client = await this.client();
    const { data } = await client.GET('/v1/status-types');
    return data!.items;
  }

  private async client(throwOnError = true): Promise<Client<paths>> {
    const baseUrl = await this.discoveryApi.getBaseUrl('tofui');
    const client = createClient<paths>({ baseUrl, fetch: this.fetchImpl });
    if (throwOnError) {
      client.use({
        async onResponse({ response }) {
          if (!response.ok) {
            throw await ResponseError.fromResponse(response);
          }
          return undefined;
        },
      });
    }
    return client;
  }
}
