import { schemaProblems } from './schemas';

// Loading the schema models and rendering with kubectl take seconds on a
// busy CI machine running the other suites at the same time.
jest.setTimeout(60_000);

describe('schemaProblems', () => {
  it('finds a wrong type in a core object', () => {
    expect(
      schemaProblems({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { replicas: 'three', selector: {}, template: {} },
      }),
    ).not.toEqual([]);
  });

  it('finds a misspelt or missing field in an operator resource', () => {
    const cluster = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'db' },
      spec: { instances: 1 },
    };
    expect(schemaProblems(cluster)).toEqual([]);
    expect(
      schemaProblems({ ...cluster, spec: { instaces: 1 } }).join('\n'),
    ).toMatch(/instances|additional/);
    expect(
      schemaProblems({
        ...cluster,
        spec: { instances: 1, replica: { enabled: true } },
      }).join('\n'),
    ).toMatch(/source/);
  });

  it('refuses a kind it has no schema for', () => {
    expect(() =>
      schemaProblems({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'x' },
      }),
    ).toThrow(/no schema for example.com\/v1\/Widget/);
  });
});
