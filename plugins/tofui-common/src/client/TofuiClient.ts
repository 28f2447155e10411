/* eslint-disable new-cap -- openapi-fetch names its methods after HTTP verbs (GET, POST) */
import { ResponseError } from '@backstage/errors';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi.generated';
import type {
  AuditEvent,
  Change,
  Drift,
  Folder,
  Health,
  Insights,
  InsightsQuery,
  ListAuditEventsQuery,
  ListChangesQuery,
  ListDriftQuery,
  ListFoldersQuery,
  ListPendingQuery,
  ListReportsQuery,
  ListRepositoriesQuery,
  Page,
  Pending,
  PublishReportRequest,
  PutStatusTypeRequest,
  RegisterRepositoryRequest,
  Report,
  ReportCompare,
  Repository,
  RepositoryDetail,
  ResourceHistoryQuery,
  StatusType,
  Summary,
  SummaryQuery,
  UpdateReportRequest,
} from '../types';
import type { ReportArtifactKind } from '../vocabulary/artifacts';

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

/** Result of a create-or-update call: the resource and whether it was new. @public */
export interface Upserted<T> {
  value: T;
  created: boolean;
}

/**
 * Typed client for the tofUI REST API; its types are generated from the
 * OpenAPI spec. Failed calls throw `ResponseError` from `@backstage/errors`.
 *
 * @public
 */
export class TofuiClient {
  private readonly discoveryApi: TofuiClientOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: TofuiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl = options.fetchApi
      ? asUrlAndInit(options.fetchApi.fetch.bind(options.fetchApi))
      : (...args) => fetch(...args);
  }

  /** Health answers 503 with a body when something is down; that is returned, not thrown. */
  async getHealth(): Promise<Health> {
    const client = await this.client(false);
    const { data, error } = await client.GET('/v1/health');
    return (data ?? error) as Health;
  }

  async publishReport(body: PublishReportRequest): Promise<Upserted<Report>> {
    const client = await this.client();
    const { data, response } = await client.POST('/v1/reports', { body });
    return { value: data!, created: response.status === 201 };
  }

  async getReport(id: string): Promise<Report> {
    const client = await this.client();
    const { data } = await client.GET('/v1/reports/{id}', {
      params: { path: { id } },
    });
    return data!;
  }

  /**
   * A report's artifact as text: the HTML report, the redacted plan JSON or
   * the log. Throws a 404 `ResponseError` when the report has none.
   */
  async getReportArtifact(
    id: string,
    artifact: ReportArtifactKind,
  ): Promise<string> {
    const client = await this.client();
    const options = { params: { path: { id } }, parseAs: 'text' } as const;
    let result;
    switch (artifact) {
      case 'html':
        result = await client.GET('/v1/reports/{id}/html', options);
        break;
      case 'plan':
        result = await client.GET('/v1/reports/{id}/plan', options);
        break;
      default:
        result = await client.GET('/v1/reports/{id}/log', options);
    }
    return result.data as unknown as string;
  }

  async updateReport(id: string, body: UpdateReportRequest): Promise<Report> {
    const client = await this.client();
    const { data } = await client.PUT('/v1/reports/{id}', {
      params: { path: { id } },
      body,
    });
    return data!;
  }

  async deleteReport(id: string): Promise<void> {
    const client = await this.client();
    await client.DELETE('/v1/reports/{id}', { params: { path: { id } } });
  }

  async listReports(query: ListReportsQuery = {}): Promise<Page<Report>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/reports', { params: { query } });
    return data!;
  }

  async getSummary(query: SummaryQuery = {}): Promise<Summary> {
    const client = await this.client();
    const { data } = await client.GET('/v1/summary', { params: { query } });
    return data!;
  }

  async getInsights(query: InsightsQuery = {}): Promise<Insights> {
    const client = await this.client();
    const { data } = await client.GET('/v1/insights', { params: { query } });
    return data!;
  }

  async listRepositories(
    query: ListRepositoriesQuery = {},
  ): Promise<Page<Repository>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/repositories', {
      params: { query },
    });
    return data!;
  }

  async getRepository(id: string): Promise<RepositoryDetail> {
    const client = await this.client();
    const { data } = await client.GET('/v1/repositories/{id}', {
      params: { path: { id } },
    });
    return data!;
  }

  async registerRepository(
    body: RegisterRepositoryRequest,
  ): Promise<Upserted<RepositoryDetail>> {
    const client = await this.client();
    const { data, response } = await client.POST('/v1/repositories', { body });
    return { value: data!, created: response.status === 201 };
  }

  async listFolders(query: ListFoldersQuery = {}): Promise<Page<Folder>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/folders', { params: { query } });
    return data!;
  }

  async listStatusTypes(): Promise<StatusType[]> {
    const client = await this.client();
    const { data } = await client.GET('/v1/status-types');
    return data!.items;
  }

  async putStatusType(
    key: string,
    body: PutStatusTypeRequest,
  ): Promise<Upserted<StatusType>> {
    const client = await this.client();
    const { data, response } = await client.PUT('/v1/status-types/{key}', {
      params: { path: { key } },
      body,
    });
    return { value: data!, created: response.status === 201 };
  }

  /** Changed resources of every indexed plan the caller may read, newest first. */
  async listChanges(query: ListChangesQuery = {}): Promise<Page<Change>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/changes', { params: { query } });
    return data!;
  }

  /** Every indexed run that changed one resource, newest first. */
  async getResourceHistory(query: ResourceHistoryQuery): Promise<Page<Change>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/resources/history', {
      params: { query },
    });
    return data!;
  }

  /** Report `id`'s plan against `base` (default: the previous run). */
  async compareReports(id: string, base?: string): Promise<ReportCompare> {
    const client = await this.client();
    const { data } = await client.GET('/v1/reports/{id}/compare', {
      params: { path: { id }, query: base ? { base } : {} },
    });
    return data!;
  }

  /** The drift ledger, oldest drift first. */
  async listDrift(query: ListDriftQuery = {}): Promise<Page<Drift>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/drift', { params: { query } });
    return data!;
  }

  /** Folders whose latest plan has changes no passing apply followed. */
  async listPending(query: ListPendingQuery = {}): Promise<Page<Pending>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/pending', { params: { query } });
    return data!;
  }

  async listAuditEvents(
    query: ListAuditEventsQuery = {},
  ): Promise<Page<AuditEvent>> {
    const client = await this.client();
    const { data } = await client.GET('/v1/audit', { params: { query } });
    return data!;
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

/**
 * openapi-fetch hands the fetch function a ready `Request`. Backstage's
 * fetch API rebuilds requests in its middleware (to add the user's token),
 * and rebuilding a `Request` whose body stream was already read throws
 * ("Cannot construct a Request with a Request object that has already been
 * used"), so writes from the browser failed. Passing URL and init, with the
 * body read once into memory, works with any fetch implementation.
 */
function asUrlAndInit(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    if (!(input instanceof Request)) {
      return fetchFn(input, init);
    }
    const hasBody = input.method !== 'GET' && input.method !== 'HEAD';
    return fetchFn(input.url, {
      method: input.method,
      headers: input.headers,
      body: hasBody ? await input.arrayBuffer() : undefined,
      signal: input.signal,
      redirect: input.redirect,
      credentials: input.credentials,
    });
  };
}
