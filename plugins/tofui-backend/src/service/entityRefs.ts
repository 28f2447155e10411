import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The canonical, lower-case form of an entity ref (`component:default/x`),
 * so refs compare equal however they were written. A ref without a kind is
 * a Component, as in catalog-info annotations, unless `defaultKind` says
 * otherwise (owners are groups).
 */
export function normalizeEntityRef(
  ref: string,
  field = 'entity',
  defaultKind = 'component',
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${field} is not a valid entity ref: ${(error as Error).message}`,
    );
  }
}
