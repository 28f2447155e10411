import { type CommentResult, findInPages, requestJson } from './http';

export interface GitLabTarget {
  /** API root, e.g. CI_API_V4_URL (https://gitlab.example.com/api/v4). */
  apiUrl: string;
  /** Project id (CI_PROJECT_ID) or path (group/project). */
  project: string;
  mergeRequest: number;
  /** A personal, project or group access token (PRIVATE-TOKEN)… */
  token?: string;
  /** …or the job's own token (JOB-TOKEN). */
  jobToken?: string;
}

interface Note {
  id: number;
  body?: string;
  system?: boolean;
}

/**
 * Creates or updates the one note carrying `marker` on the merge request,
 * through the notes API: list `GET /projects/:id/merge_requests/:iid/notes`,
 * then `PUT …/notes/:note_id` or `POST …/notes`.
 */
export async function upsertGitLabNote(
  target: GitLabTarget,
  marker: string,
  body: string,
): Promise<CommentResult> {
  const base = `${target.apiUrl.replace(
    /\/+$/,
    '',
  )}/projects/${encodeURIComponent(target.project)}/merge_requests/${
    target.mergeRequest
  }/notes`;
  const headers: Record<string, string> = target.token
    ? { 'PRIVATE-TOKEN': target.token }
    : { 'JOB-TOKEN': target.jobToken ?? '' };
  const own = await findInPages<Note>(
    page => `${base}?per_page=100&page=${page}&sort=asc&order_by=created_at`,
    headers,
    n => !n.system && (n.body ?? '').includes(marker),
  );
  if (own) {
    const updated = await requestJson<Note>(
      'PUT',
      `${base}/${own.id}`,
      headers,
      {
        body,
      },
    );
    return { action: 'updated', id: updated.id };
  }
  const created = await requestJson<Note>('POST', base, headers, { body });
  return { action: 'created', id: created.id };
}
