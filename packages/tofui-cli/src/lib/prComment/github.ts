import { type CommentResult, findInPages, requestJson } from './http';

export interface GitHubTarget {
  /** API root, e.g. GITHUB_API_URL; GitHub Enterprise's is …/api/v3. */
  apiUrl: string;
  /** owner/name */
  repo: string;
  pullRequest: number;
  token: string;
}

interface IssueComment {
  id: number;
  body?: string;
  html_url?: string;
}

/**
 * Creates or updates the one comment carrying `marker` on the pull request,
 * through the issue comments API (a pull request is an issue there):
 * list `GET /repos/{o}/{r}/issues/{n}/comments`, then
 * `PATCH /repos/{o}/{r}/issues/comments/{id}` or
 * `POST /repos/{o}/{r}/issues/{n}/comments`.
 */
export async function upsertGitHubComment(
  target: GitHubTarget,
  marker: string,
  body: string,
): Promise<CommentResult> {
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repo
    .split('/')
    .map(encodeURIComponent)
    .join('/')}/issues`;
  const headers = {
    Authorization: `Bearer ${target.token}`,
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  const own = await findInPages<IssueComment>(
    page => `${base}/${target.pullRequest}/comments?per_page=100&page=${page}`,
    headers,
    c => (c.body ?? '').includes(marker),
  );
  if (own) {
    const updated = await requestJson<IssueComment>(
      'PATCH',
      `${base}/comments/${own.id}`,
      headers,
      { body },
    );
    return { action: 'updated', id: updated.id, url: updated.html_url };
  }
  const created = await requestJson<IssueComment>(
    'POST',
    `${base}/${target.pullRequest}/comments`,
    headers,
    { body },
  );
  return { action: 'created', id: created.id, url: created.html_url };
}
