import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the GitHub and GitLab REST endpoints `tofui comment` uses,
 * answering with the shapes their API documentation gives (GitHub: issue
 * comments; GitLab: merge request notes), paging with `per_page`/`page`,
 * and refusing requests without the expected token (401) as they do.
 */
export interface FakeComment {
  id: number;
  body: string;
  author: string;
  system?: boolean;
}

export async function startFakeCodeHost(options: {
  githubToken: string;
  gitlabToken: string;
  /** The MR's project, as the path segment arrives (id or encoded path). */
  gitlabProject: string;
}) {
  const github = new Map<string, FakeComment[]>(); // "owner/repo#n"
  const gitlab = new Map<string, FakeComment[]>(); // "project!iid"
  const requests: string[] = [];
  let nextId = 1000;
  const now = '2026-01-01T00:00:00Z';

  const githubShape = (
    base: string,
    repo: string,
    n: string,
    c: FakeComment,
  ) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.example/${repo}/pull/${n}#issuecomment-${c.id}`,
    body: c.body,
    user: { login: c.author, id: 1, type: 'Bot' },
    created_at: now,
    updated_at: now,
    issue_url: `${base}/repos/${repo}/issues/${n}`,
    author_association: 'NONE',
  });
  const gitlabShape = (iid: string, c: FakeComment) => ({
    id: c.id,
    type: null,
    body: c.body,
    author: { id: 1, username: c.author, name: c.author },
    created_at: now,
    updated_at: now,
    system: c.system ?? false,
    noteable_id: 77,
    noteable_type: 'MergeRequest',
    noteable_iid: Number(iid),
    resolvable: false,
    confidential: false,
    internal: false,
  });
  const page = <T>(items: T[], url: URL) => {
    const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const p = Number(url.searchParams.get('page') ?? 1);
    return items.slice((p - 1) * per, p * per);
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      requests.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const body = raw ? JSON.parse(raw) : {};
      const base = `http://${req.headers.host}`;
      let m = url.pathname.match(
        /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      );
      const gh = url.pathname.startsWith('/repos/');
      if (gh && req.headers.authorization !== `Bearer ${options.githubToken}`) {
        return send(401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        });
      }
      if (m) {
        const [, repo, n] = m;
        const list = github.get(`${repo}#${n}`) ?? [];
        github.set(`${repo}#${n}`, list);
        if (req.method === 'GET') {
          return send(
            200,
            page(list, url).map(c => githubShape(base, repo, n, c)),
          );
        }
        if (req.method === 'POST') {
          const c = {
            id: nextId++,
            body: body.body,
            author: 'github-actions[bot]',
          };
          list.push(c);
          return send(201, githubShape(base, repo, n, c));
        }
      }
      m = url.pathname.match(
        /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      );
      if (m && req.method === 'PATCH') {
        const id = Number(m[2]);
        for (const [key, list] of github) {
          const c = list.find(x => x.id === id);
          if (c && key.startsWith(`${m[1]}#`)) {
            c.body = body.body;
            return send(200, githubShape(base, m[1], key.split('#')[1], c));
          }
        }
        return send(404, { message: 'Not Found' });
      }
      m = url.pathname.match(
        /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/,
      );
      if (m) {
        const token = req.headers['private-token'] ?? req.headers['job-token'];
        if (token !== options.gitlabToken) {
          return send(401, { message: '401 Unauthorized' });
        }
        if (m[1] !== options.gitlabProject) {
          return send(404, { message: '404 Project Not Found' });
        }
        const key = `${m[1]}!${m[2]}`;
        const list = gitlab.get(key) ?? [];
        gitlab.set(key, list);
        if (!m[3] && req.method === 'GET') {
          return send(
            200,
            page(list, url).map(c => gitlabShape(m![2], c)),
          );
        }
        if (!m[3] && req.method === 'POST') {
          const c = { id: nextId++, body: body.body, author: 'project_bot' };
          list.push(c);
          return send(201, gitlabShape(m[2], c));
        }
        const c = list.find(x => x.id === Number(m![3]));
        if (c && req.method === 'PUT') {
          c.body = body.body;
          return send(200, gitlabShape(m[2], c));
        }
        return send(404, { message: '404 Not found' });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    github,
    gitlab,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
