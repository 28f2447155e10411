import { cloneInvocation, safeUrl } from './gitClone';

describe('cloneInvocation', () => {
  const TOKEN = 'ghs_test0123456789abcdef';

  it('passes GITHUB_TOKEN as a header for the host, never on the command line', () => {
    const { args, env } = cloneInvocation(
      {
        url: 'https://github.com/acme/dashboard.git',
        branch: 'gh-pages',
        token: TOKEN,
      },
      '/tmp/clone',
      { PATH: '/usr/bin' },
    );
    expect(args).toEqual([
      'clone',
      '--quiet',
      '--depth',
      '1',
      '--single-branch',
      '--branch',
      'gh-pages',
      '--',
      'https://github.com/acme/dashboard.git',
      '/tmp/clone',
    ]);
    expect(JSON.stringify(args)).not.toContain(TOKEN);
    expect(env).toEqual({
      PATH: '/usr/bin',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(
        `x-access-token:${TOKEN}`,
      ).toString('base64')}`,
    });
  });

  it('adds to the git configuration the environment already passes', () => {
    const { env } = cloneInvocation(
      {
        url: 'https://github.example.com/acme/d.git',
        branch: 'gh-pages',
        token: TOKEN,
      },
      '/tmp/clone',
      {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.x',
        GIT_CONFIG_VALUE_0: 'y',
      },
    );
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.x',
      GIT_CONFIG_KEY_1: 'http.https://github.example.com/.extraHeader',
    });
  });

  it('sends no token to a non-HTTP remote', () => {
    const { env } = cloneInvocation(
      { url: 'file:///srv/dashboard.git', branch: 'gh-pages', token: TOKEN },
      '/tmp/clone',
      {},
    );
    expect(env).toEqual({ GIT_TERMINAL_PROMPT: '0' });
  });
});

describe('safeUrl', () => {
  it('hides credentials written into a URL', () => {
    expect(safeUrl('https://user:secret@github.com/acme/d.git')).toBe(
      'https://***@github.com/acme/d.git',
    );
    expect(safeUrl('git@github.com:acme/d.git')).toBe(
      'git@github.com:acme/d.git',
    );
  });
});
