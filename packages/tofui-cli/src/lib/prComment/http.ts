import { CliError, ExitCode } from '../exitCodes';

/**
 * One JSON request to a code host's API. A refusal (4xx) ends the CLI with
 * exit code 3, anything else (network, 5xx) with 4; the message names the
 * request but never the token.
 */
export async function requestJson<T>(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        'User-Agent': 'tofui-cli',
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(
      `${method} ${url}: ${(error as Error).message}`,
      ExitCode.Unreachable,
    );
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    throw new CliError(
      `${method} ${url}: ${response.status} ${response.statusText} ${text}`.trim(),
      response.status >= 400 && response.status < 500
        ? ExitCode.Rejected
        : ExitCode.Unreachable,
    );
  }
  return (await response.json()) as T;
}

/** The outcome of an upsert. */
export interface CommentResult {
  action: 'created' | 'updated';
  id: number;
  url?: string;
}

/** Pages of `per_page=100` until a short page (both hosts page this way). */
export async function findInPages<T>(
  pageUrl: (page: number) => string,
  headers: Record<string, string>,
  match: (item: T) => boolean,
): Promise<T | undefined> {
  for (let page = 1; page <= 100; page++) {
    const items = await requestJson<T[]>('GET', pageUrl(page), headers);
    const found = items.find(match);
    if (found || items.length < 100) return found;
  }
  return undefined;
}
