import type {
  PutStatusTypeRequest,
  StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import type {
  LegacyConfig,
  LegacyStatusMapping,
} from '../legacy/dashboardFormat';
import { type MigrationContext, refusal } from './context';

/**
 * config.json's status types, exactly: names, and per code the label,
 * emoji, colour and passing/failing (`PUT /v1/status-types/{key}`). A type
 * tofUI already shows the same way is skipped. Needs an admin-capable
 * token: a 403 is counted as a failure and the migration goes on.
 */
export async function importStatusTypes(
  ctx: MigrationContext,
  config: LegacyConfig,
): Promise<void> {
  const types = Object.entries(config.status_types ?? {});
  if (types.length === 0) {
    return;
  }
  const current = new Map(
    (await ctx.client.listStatusTypes()).map(t => [t.key, t]),
  );
  for (const [key, legacy] of types) {
    const body = statusTypeRequest(key, legacy);
    const existing = current.get(key);
    const line = (what: string) => ctx.out(`status type ${key}: ${what}`);
    if (existing && sameStatusType(existing, body)) {
      ctx.tally.add('status types', 'skipped');
      line('skipped — tofUI shows it the same way');
      continue;
    }
    const change = existing
      ? `replaces the ${existing.source ?? 'current'} definition`
      : 'new';
    if (ctx.dryRun) {
      ctx.tally.add('status types', 'imported');
      line(`would import (${change})`);
      continue;
    }
    try {
      await ctx.client.putStatusType(key, body);
      ctx.tally.add('status types', 'imported');
      line(`imported (${change})`);
    } catch (error) {
      const reason = refusal(error, true);
      ctx.tally.fail('status types', key, reason);
      line(`FAILED — ${reason}`);
    }
  }
}

function statusTypeRequest(
  key: string,
  legacy: { name?: string; mappings?: Record<string, LegacyStatusMapping> },
): PutStatusTypeRequest {
  const mappings: PutStatusTypeRequest['mappings'] = {};
  for (const [code, m] of Object.entries(legacy.mappings ?? {})) {
    // only the fields tofUI knows; a missing one is refused by the server,
    // naming it, and counted as this type's failure
    mappings[code] = {
      label: m.label,
      emoji: m.emoji ?? '',
      color: m.color,
      status: m.status,
    } as PutStatusTypeRequest['mappings'][string];
  }
  return { name: legacy.name ?? key, mappings };
}

function sameStatusType(current: StatusType, wanted: PutStatusTypeRequest) {
  const codes = Object.keys(wanted.mappings);
  return (
    current.name === wanted.name &&
    codes.length === Object.keys(current.mappings).length &&
    codes.every(code => {
      const a = current.mappings[code];
      const b = wanted.mappings[code];
      return (
        a !== undefined &&
        a.label === b.label &&
        a.emoji === b.emoji &&
        a.color.toLowerCase() === b.color?.toLowerCase() &&
        a.status === b.status
      );
    })
  );
}

/**
 * config.json's repositories: display names and declared folders
 * (`POST /v1/repositories`; no folders means the root, `_root`, as the old
 * page read it). One that tofUI already has, named the same and with every
 * folder, is skipped. Needs an admin-capable token, as status types do.
 */
export async function importRepositories(
  ctx: MigrationContext,
  config: LegacyConfig,
): Promise<void> {
  for (const [name, legacy] of Object.entries(config.repositories ?? {})) {
    const line = (what: string) => ctx.out(`repository ${name}: ${what}`);
    ctx.inventory.want(name);
    const folders = legacy.folders ?? ['_root'];
    if (!Array.isArray(folders) || !folders.every(f => typeof f === 'string')) {
      const reason = 'its folders in config.json are not a list of names';
      ctx.tally.fail('repositories', name, reason);
      ctx.inventory.decide(name, 'failed');
      line(`FAILED — ${reason}`);
      continue;
    }
    folders.forEach(folder => ctx.inventory.want(name, folder));
    const before = ctx.inventory.repository(name);
    const missing = folders.filter(
      folder => !before?.folders.some(f => f.name === folder),
    );
    const renamed =
      legacy.display_name !== undefined &&
      legacy.display_name !== before?.displayName;
    if (before && missing.length === 0 && !renamed) {
      ctx.inventory.decide(name, 'skipped');
      line('skipped — tofUI has it, named the same, with its folders');
      continue;
    }
    const change = [
      before ? undefined : 'new',
      renamed ? `display name "${legacy.display_name}"` : undefined,
      missing.length > 0 ? `folders ${missing.join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    if (!ctx.dryRun) {
      try {
        await ctx.client.registerRepository({
          repository: name,
          ...(legacy.display_name !== undefined && {
            display_name: legacy.display_name,
          }),
          folders,
        });
      } catch (error) {
        const reason = refusal(error, true);
        ctx.tally.fail('repositories', name, reason);
        ctx.inventory.decide(name, 'failed');
        missing.forEach(f => ctx.inventory.blocked(name, f, reason));
        line(`FAILED — ${reason}`);
        continue;
      }
    }
    ctx.inventory.decide(name, 'imported');
    missing.forEach(folder => ctx.inventory.created(name, folder));
    line(`${ctx.dryRun ? 'would import' : 'imported'} (${change})`);
  }
}
