import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The canonical, lower-case form of an entity ref (`component:default/x`),
 * so refs compare equal however they were written. A ref without a kind is a
 * Component, as in catalog-info annotations.
 */
export function normalizeEntityRef(ref: string, field = 'entity'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${field} is not a valid entity ref: ${(error as Error).message}`,
    );
  }
}
