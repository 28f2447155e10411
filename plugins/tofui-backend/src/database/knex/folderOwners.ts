import type { Knex } from 'knex';

/**
 * The owners of the catalog entities covering each folder (as the catalog
 * sync mapped them), by folder id: what pending applies and drift show as
 * their owners.
 */
export async function folderOwners(
  db: Knex,
  folderIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (folderIds.length === 0) return out;
  const rows = await db('folder_entities as fe')
    .join('entity_owners as eo', 'eo.entity_ref', 'fe.entity_ref')
    .whereIn('fe.folder_id', [...new Set(folderIds)])
    .distinct('fe.folder_id', 'eo.owner_ref')
    .orderBy('eo.owner_ref');
  for (const row of rows) {
    const id = String(row.folder_id);
    out.set(id, [...(out.get(id) ?? []), row.owner_ref]);
  }
  return out;
}
