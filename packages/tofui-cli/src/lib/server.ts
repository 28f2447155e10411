import { ResponseError } from '@backstage/errors';
import {
  type PublishReportRequest,
  type Report,
  TofuiClient,
} from '@tofui/backstage-plugin-tofui-common';
import { CliError, ExitCode } from './exitCodes';
import { encodeMultipart } from './multipartBody';
import {
  countingStream,
  createUploadProgress,
  type ProgressOutput,
} from './progress';
import {
  fetchWithRetry,
  networkErrorReason,
  type RetryPolicy,
  retryPolicy,
} from './retry';

/** The token CI authenticates with: TOFUI_TOKEN, else TOFUI_CI_TOKEN. */
export function tokenFromEnv(env = process.env): string | undefined {
  return env.TOFUI_TOKEN || env.TOFUI_CI_TOKEN || undefined;
}

/**
 * A client for the tofUI backend at `server` (the Backstage backend URL,
 * e.g. http://localhost:7007), sending the token as a bearer token and
 * retrying transient failures.
 */
export function createServerClient(
  server: string,
  token?: string,
  retry: RetryPolicy = retryPolicy(),
) {
  const baseUrl = apiBaseUrl(server);
  return new TofuiClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: {
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (token) {
          request.headers.set('Authorization', `Bearer ${token}`);
        }
        // a Request's body can be read once; each attempt sends a copy
        return fetchWithRetry(() => fetch(request.clone()), retry);
      },
    },
  });
}

/**
 * Publishes a report with artifact files as `multipart/form-data` (the typed
 * client speaks JSON only): the `report` field first, then the files, as the
 * server requires. Transient failures are retried; a large upload shows its
 * progress on `progress` when that is a terminal.
 */
export async function publishMultipart(
  server: string,
  token: string | undefined,
  report: PublishReportRequest,
  artifacts: Array<{ kind: string; blob: Blob; filename: string }>,
  options: { retry?: RetryPolicy; progress?: ProgressOutput } = {},
): Promise<{ value: Report; created: boolean }> {
  const url = `${apiBaseUrl(server)}/v1/reports`;
  const { body, contentType } = encodeMultipart([
    { name: 'report', value: JSON.stringify(report) },
    ...artifacts.map(a => ({
      name: a.kind,
      blob: a.blob,
      filename: a.filename,
    })),
  ]);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    ...(token && { Authorization: `Bearer ${token}` }),
  };
  const send = async () => {
    const progress = options.progress
      ? createUploadProgress(body.size, options.progress)
      : undefined;
    if (!progress) {
      return fetch(url, { method: 'POST', headers, body });
    }
    try {
      return await fetch(url, {
        method: 'POST',
        // fetch cannot know a stream's length and would send it chunked;
        // the size is known, so send it as the non-streamed body would be
        headers: { ...headers, 'Content-Length': String(body.size) },
        body: body.stream().pipeThrough(countingStream(n => progress.add(n))),
        // required by fetch for a stream body
        duplex: 'half',
      } as RequestInit);
    } finally {
      progress.done();
    }
  };
  const response = await fetchWithRetry(send, options.retry ?? retryPolicy());
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return {
    value: (await response.json()) as Report,
    created: response.status === 201,
  };
}

function apiBaseUrl(server: string): string {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new CliError(
      `--server must be a URL, got '${server}'`,
      ExitCode.Usage,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new CliError('--server must be an http(s) URL', ExitCode.Usage);
  }
  return `${base.href.replace(/\/$/, '')}/api/tofui`;
}

/** Turns a failed call into the CLI's exit code and a readable message. */
export function toCliError(error: unknown, server: string): CliError {
  if (error instanceof ResponseError) {
    const message = `Server answered ${error.statusCode}: ${
      error.body?.error?.message ?? error.message
    }`;
    // 429 and 5xx are what retries could not get past
    return new CliError(
      message,
      error.statusCode >= 500 || error.statusCode === 429
        ? ExitCode.Unreachable
        : ExitCode.Rejected,
    );
  }
  if (error instanceof CliError) {
    return error;
  }
  return new CliError(
    `Cannot reach ${server}: ${networkErrorReason(error)}`,
    ExitCode.Unreachable,
  );
}
