import { ResponseError } from '@backstage/errors';
import {
  type PublishReportRequest,
  type Report,
  TofuiClient,
} from '@internal/plugin-tofui-common';
import { CliError, ExitCode } from './exitCodes';

/** The token CI authenticates with: TOFUI_TOKEN, else TOFUI_CI_TOKEN. */
export function tokenFromEnv(env = process.env): string | undefined {
  return env.TOFUI_TOKEN || env.TOFUI_CI_TOKEN || undefined;
}

/**
 * A client for the tofUI backend at `server` (the Backstage backend URL,
 * e.g. http://localhost:7007), sending the token as a bearer token.
 */
export function createServerClient(server: string, token?: string) {
  const baseUrl = apiBaseUrl(server);
  return new TofuiClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: {
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (token) {
          request.headers.set('Authorization', `Bearer ${token}`);
        }
        return fetch(request);
      },
    },
  });
}

/**
 * Publishes a report with artifact files as `multipart/form-data` (the typed
 * client speaks JSON only): the `report` field first, then the files, as the
 * server requires.
 */
export async function publishMultipart(
  server: string,
  token: string | undefined,
  report: PublishReportRequest,
  artifacts: Array<{ kind: string; blob: Blob; filename: string }>,
): Promise<{ value: Report; created: boolean }> {
  const form = new FormData();
  form.append('report', JSON.stringify(report));
  for (const artifact of artifacts) {
    form.append(artifact.kind, artifact.blob, artifact.filename);
  }
  const response = await fetch(`${apiBaseUrl(server)}/v1/reports`, {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
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
    return new CliError(
      message,
      error.statusCode >= 500 ? ExitCode.Unreachable : ExitCode.Rejected,
    );
  }
  if (error instanceof CliError) {
    return error;
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return new CliError(
    `Cannot reach ${server}: ${cause ?? (error as Error)?.message ?? error}`,
    ExitCode.Unreachable,
  );
}
