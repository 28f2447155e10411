/*
 * docs/install.md shows the policy examples that adopters copy; the tests
 * next to this file run them. This keeps the two the same text.
 */
import fs from 'node:fs';
import path from 'node:path';

const read = (file: string) =>
  fs.readFileSync(path.join(__dirname, file), 'utf8');

/** The fenced blocks of docs/install.md, dedented, by language. */
function docsBlocks(language: string): string[] {
  const docs = read('../../../../../docs/install.md');
  const blocks: string[] = [];
  for (const m of docs.matchAll(/^( *)```(\w+)\n([\s\S]*?)^\1```$/gm)) {
    if (m[2] !== language) continue;
    const indent = new RegExp(`^${m[1]}`, 'gm');
    blocks.push(m[3].replace(indent, ''));
  }
  return blocks;
}

describe('the policy examples of docs/install.md', () => {
  it('show the tested own policy', () => {
    // The file without its opening comment; the docs name the file instead.
    const tested = read('teamOwnershipPolicy.ts').replace(
      /^\/\*[\s\S]*?\*\/\n/,
      '',
    );
    expect(docsBlocks('ts')).toContain(
      `// packages/backend/src/teamOwnershipPolicy.ts\n${tested}`,
    );
  });

  it('show the tested RBAC roles and grants', () => {
    expect(docsBlocks('csv')).toContain(
      read('communityRbac/rbac-policies.csv'),
    );
  });

  it('show the tested RBAC conditional policy', () => {
    expect(docsBlocks('yaml')).toContain(
      read('communityRbac/conditional-policies.yaml'),
    );
  });
});
