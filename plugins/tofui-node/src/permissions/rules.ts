import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { tofuiReportPermissionResourceRef } from './resource';

const lower = (refs: string[]) =>
  refs.map(ref => ref.toLocaleLowerCase('en-US'));

/** The folder is covered by an entity owned by one of the claims. */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description:
    'Allow reports of folders mapped to a catalog entity owned by one of the claims (the user and their groups)',
  resourceRef: tofuiReportPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of owners; at least one must own the entity'),
  }),
  apply: (resource, { claims }) =>
    lower(claims).some(claim => resource.ownerRefs.includes(claim)),
  toQuery: ({ claims }) => ({ ownedBy: claims }),
});

/** The folder is covered by one of these entities. */
export const isEntity = createPermissionRule({
  name: 'IS_ENTITY',
  description:
    'Allow reports of folders mapped to one of these catalog entities',
  resourceRef: tofuiReportPermissionResourceRef,
  paramsSchema: z.object({
    entityRefs: z
      .array(z.string())
      .describe('Entity refs, e.g. component:default/network'),
  }),
  apply: (resource, { entityRefs }) =>
    lower(entityRefs).some(ref => resource.entityRefs.includes(ref)),
  toQuery: ({ entityRefs }) => ({ entities: entityRefs }),
});

/** The folder is covered by some catalog entity. */
export const isMapped = createPermissionRule({
  name: 'IS_MAPPED',
  description:
    'Allow reports of folders that a catalog entity maps (tofui.io/repository and tofui.io/folders, or the repository slug annotations)',
  resourceRef: tofuiReportPermissionResourceRef,
  apply: resource => resource.entityRefs.length > 0,
  toQuery: () => ({ mapped: true as const }),
});

/** The report is in one of these repositories. */
export const isInRepository = createPermissionRule({
  name: 'IS_IN_REPOSITORY',
  description: 'Allow reports of these repositories (owner/name)',
  resourceRef: tofuiReportPermissionResourceRef,
  paramsSchema: z.object({
    repositories: z.array(z.string()).describe('Repositories as owner/name'),
  }),
  apply: (resource, { repositories }) =>
    lower(repositories).includes(resource.repository),
  toQuery: ({ repositories }) => ({ repositories }),
});

/**
 * Every rule on `tofui.report.read`, for the backend (which registers them)
 * and for permission tooling that lists them.
 *
 * @public
 */
export const tofuiReportRules = {
  isEntityOwner,
  isEntity,
  isMapped,
  isInRepository,
};
