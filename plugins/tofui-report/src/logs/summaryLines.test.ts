import {
  parseApplyLine,
  parseImportedFrom,
  parseOutputChange,
  parsePlanLine,
  parsePlannedHeader,
} from './summaryLines';

describe('parsePlanLine', () => {
  it('reads every count, in any order, with optional kinds', () => {
    expect(
      parsePlanLine('Plan: 1 to import, 2 to add, 0 to change, 1 to destroy.'),
    ).toEqual({ import: 1, add: 2, change: 0, destroy: 1, forget: 0 });
    expect(
      parsePlanLine('Plan: 0 to add, 0 to change, 0 to destroy, 3 to forget.'),
    ).toEqual({ import: 0, add: 0, change: 0, destroy: 0, forget: 3 });
    expect(
      parsePlanLine(
        'Plan: 4 to add, 1 to change, 0 to destroy. Actions: 1 to invoke.',
      ),
    ).toEqual({ import: 0, add: 4, change: 1, destroy: 0, forget: 0 });
  });

  it('refuses lines without counts', () => {
    expect(parsePlanLine('Plan: nothing')).toBeUndefined();
    expect(parsePlanLine('  Plan: 1 to add.')).toBeUndefined();
  });
});

describe('parseApplyLine', () => {
  it('reads apply and destroy summaries', () => {
    expect(
      parseApplyLine(
        'Apply complete! Resources: 1 imported, 2 added, 0 changed, 1 destroyed.',
      ),
    ).toEqual({ import: 1, add: 2, change: 0, destroy: 1, forget: 0 });
    expect(
      parseApplyLine(
        'Apply complete! Resources: 0 added, 0 changed, 0 destroyed, 1 forgotten.',
      ),
    ).toEqual({ import: 0, add: 0, change: 0, destroy: 0, forget: 1 });
    expect(parseApplyLine('Destroy complete! Resources: 7 destroyed.')).toEqual(
      { import: 0, add: 0, change: 0, destroy: 7, forget: 0 },
    );
  });
});

describe('parsePlannedHeader', () => {
  it.each([
    ['  # aws_x.y will be created', 'create'],
    ['  # aws_x.y will be updated in-place', 'update'],
    ['  # aws_x.y will be destroyed', 'delete'],
    ['  # aws_x.y must be replaced', 'replace'],
    ['  # aws_x.y is tainted, so must be replaced', 'replace'],
    ['  # aws_x.y will be replaced, as requested', 'replace'],
    [
      '  # aws_x.y will be replaced due to changes in replace_triggered_by',
      'replace',
    ],
    ['  # aws_x.y will be read during apply', 'read'],
    ['  # aws_x.y will be imported', 'import'],
    [
      ' # aws_x.y will no longer be managed by Terraform, but will not be destroyed',
      'forget',
    ],
    [
      '  # aws_x.y will be removed from the OpenTofu state but will not be destroyed',
      'forget',
    ],
  ])('reads %j', (line, action) => {
    expect(parsePlannedHeader(line)).toEqual({ address: 'aws_x.y', action });
  });

  it('keeps deposed keys and ignores drift and comments', () => {
    expect(
      parsePlannedHeader(
        '  # aws_x.y (deposed object 0a1b2c) will be destroyed',
      ),
    ).toEqual({ address: 'aws_x.y', action: 'delete', deposed: '0a1b2c' });
    expect(parsePlannedHeader('  # aws_x.y has changed')).toBeUndefined();
    expect(parsePlannedHeader('  # aws_x.y has been deleted')).toBeUndefined();
    expect(
      parsePlannedHeader('      # (5 unchanged attributes hidden)'),
    ).toBeUndefined();
  });

  it('reads the import id note', () => {
    expect(parseImportedFrom('  # (imported from "i-123")')).toBe('i-123');
    expect(parseImportedFrom('  # (5 unchanged attributes hidden)')).toBe(
      undefined,
    );
  });
});

describe('parseOutputChange', () => {
  it('reads names and actions, unquoting odd names', () => {
    expect(
      parseOutputChange('  + alb_dns_name     = (known after apply)'),
    ).toEqual({
      name: 'alb_dns_name',
      action: 'create',
    });
    expect(parseOutputChange('  ~ "odd name" = "a" -> "b"')).toEqual({
      name: 'odd name',
      action: 'update',
    });
    expect(parseOutputChange('  - old = "x" -> null')).toEqual({
      name: 'old',
      action: 'delete',
    });
    expect(parseOutputChange('      + nested = 1')).toBeUndefined();
  });
});
