import { InputError } from '@backstage/errors';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi.generated';

type SchemaName = keyof typeof spec.components.schemas;

const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'tofui', components: spec.components }, 'tofui');

/**
 * A validator for one of the spec's schemas, for request parts the OpenAPI
 * router does not see (the `report` field of a multipart publish). Errors read
 * like the router's: `<where>/<field> <reason>`, as an InputError.
 */
export function schemaValidator<T>(name: SchemaName, where: string) {
  const validate = ajv.compile({ $ref: `tofui#/components/schemas/${name}` });
  return (value: unknown): T => {
    if (!validate(value)) {
      const [error] = validate.errors ?? [];
      const property =
        error?.keyword === 'additionalProperties' ||
        error?.keyword === 'unevaluatedProperties'
          ? ` '${
              (
                error.params as {
                  additionalProperty?: string;
                  unevaluatedProperty?: string;
                }
              ).additionalProperty ??
              (error.params as { unevaluatedProperty?: string })
                .unevaluatedProperty
            }'`
          : '';
      throw new InputError(
        `${where}${error?.instancePath ?? ''} ${
          error?.message ?? 'is invalid'
        }${property}`,
      );
    }
    return value as T;
  };
}
