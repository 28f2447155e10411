import { ConfigReader } from '@backstage/config';
import {
  containerMemoryLimit,
  defaultMemoryBudgetMb,
  readProcessingSettings,
} from './processing';

const MB = 1024 * 1024;

describe('tofui.processing', () => {
  it('reads the container limit from cgroup v2, then v1; none when unlimited', () => {
    const files = (content: Record<string, string>) => (file: string) => {
      if (!(file in content)) throw new Error('ENOENT');
      return content[file];
    };
    expect(
      containerMemoryLimit(
        files({ '/sys/fs/cgroup/memory.max': `${1024 * MB}\n` }),
      ),
    ).toBe(1024 * MB);
    expect(
      containerMemoryLimit(files({ '/sys/fs/cgroup/memory.max': 'max\n' })),
    ).toBeUndefined();
    expect(
      containerMemoryLimit(
        files({
          '/sys/fs/cgroup/memory/memory.limit_in_bytes': `${512 * MB}`,
        }),
      ),
    ).toBe(512 * MB);
    expect(containerMemoryLimit(files({}))).toBeUndefined();
  });

  it('defaults the budget to a third of the limit, at most 1024 MB', () => {
    expect(defaultMemoryBudgetMb(1024 * MB)).toBe(341);
    expect(defaultMemoryBudgetMb(16 * 1024 * MB)).toBe(1024);
    expect(defaultMemoryBudgetMb(96 * MB)).toBe(64);
  });

  it('reads the settings and names a bad key', () => {
    expect(
      readProcessingSettings(
        new ConfigReader({
          tofui: {
            processing: {
              memoryBudgetMb: 300,
              concurrency: 2,
              maxQueued: 3,
              inlineMaxSize: '1mb',
            },
          },
        }),
      ),
    ).toEqual({
      memoryBudgetMb: 300,
      concurrency: 2,
      maxQueued: 3,
      inlineMaxBytes: MB,
    });
    expect(readProcessingSettings(new ConfigReader({}))).toMatchObject({
      concurrency: 1,
      maxQueued: 8,
      inlineMaxBytes: 256 * 1024,
    });
    expect(() =>
      readProcessingSettings(
        new ConfigReader({ tofui: { processing: { concurrency: 0 } } }),
      ),
    ).toThrow('tofui.processing.concurrency');
    expect(() =>
      readProcessingSettings(
        new ConfigReader({ tofui: { processing: { memoryBudgetMb: 16 } } }),
      ),
    ).toThrow('tofui.processing.memoryBudgetMb');
    expect(() =>
      readProcessingSettings(
        new ConfigReader({ tofui: { processing: { inlineMaxSize: 'lots' } } }),
      ),
    ).toThrow('tofui.processing.inlineMaxSize');
  });
});
