import type { Entity } from '@backstage/catalog-model';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
} from './annotations';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

describe('getTofuiRepository', () => {
  it('prefers tofui.io/repository', () => {
    expect(
      getTofuiRepository(
        entity({
          'tofui.io/repository': 'acme/infra',
          'github.com/project-slug': 'acme/other',
        }),
      ),
    ).toBe('acme/infra');
  });

  it('falls back to the GitHub and GitLab slugs and the source location', () => {
    expect(
      getTofuiRepository(entity({ 'github.com/project-slug': 'acme/gh' })),
    ).toBe('acme/gh');
    expect(
      getTofuiRepository(entity({ 'gitlab.com/project-slug': 'acme/gl' })),
    ).toBe('acme/gl');
    expect(
      getTofuiRepository(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/net.git/tree/main/',
        }),
      ),
    ).toBe('acme/net');
  });

  it('ignores malformed values and other hosts', () => {
    expect(getTofuiRepository(entity({ 'tofui.io/repository': 'nope' }))).toBe(
      undefined,
    );
    expect(
      getTofuiRepository(
        entity({
          'backstage.io/source-location': 'url:https://bitbucket.org/a/b',
        }),
      ),
    ).toBe(undefined);
  });
});

describe('folders', () => {
  it('parses the comma list and matches globs', () => {
    const patterns = getTofuiFolderPatterns(
      entity({ 'tofui.io/folders': ' aws_*, _root ,' }),
    );
    expect(patterns).toEqual(['aws_*', '_root']);
    expect(folderMatches('aws_us_east_1', patterns)).toBe(true);
    expect(folderMatches('_root', patterns)).toBe(true);
    expect(folderMatches('gcp_europe', patterns)).toBe(false);
  });

  it('covers every folder without the annotation', () => {
    expect(getTofuiFolderPatterns(entity({}))).toBeUndefined();
    expect(folderMatches('anything', undefined)).toBe(true);
  });
});
