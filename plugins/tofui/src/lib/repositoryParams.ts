/** Route params of a repository (`owner/name`) for the repository and folder routes. */
export function repositoryParams(repository: string): {
  owner: string;
  repo: string;
} {
  const [owner, repo] = repository.split('/');
  return { owner, repo };
}
