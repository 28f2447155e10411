import { ResponseError } from '@backstage/errors';
import { TofuiClient } from '@internal/plugin-tofui-common';
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
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new CliError(`--server must be a URL, got '${server}'`, ExitCode.Usage);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new CliError('--server must be an http(s) URL', ExitCode.Usage);
  }
  const baseUrl = `${base.href.replace(/\/$/, '')}/api/tofui`;
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

/** Turns a failed call into the CLI's exit code and a readable message. */
export function toCliError(error: unknown, server: string): CliError {
  if (error instanceof ResponseError) {
    const message = `Server answered ${error.statusCode}: ${error.body?.error?.message ?? error.message}`;
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
