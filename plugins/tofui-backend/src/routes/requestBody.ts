import { CustomErrorBase, InputError } from '@backstage/errors';
import express, {
  type ErrorRequestHandler,
  type RequestHandler,
} from 'express';
import { spec } from '../schema/openapi.generated';

type Schemas = typeof spec.components.schemas;
type SchemaName = keyof Schemas;

/** The body is larger than `tofui.api.maxBodySize`. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * Parses JSON bodies before the OpenAPI validator runs, so that malformed
 * JSON and oversize bodies get their own clear answers (400 and 413) instead
 * of a generic schema violation.
 */
export function parseJsonBody(
  limit: string,
): Array<RequestHandler | ErrorRequestHandler> {
  const jsonErrors: ErrorRequestHandler = (error, _req, _res, next) => {
    if (error?.type === 'entity.too.large') {
      next(
        new PayloadTooLargeError(
          `Request body is larger than the limit of ${limit}`,
        ),
      );
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      next(new InputError(`Request body is not valid JSON: ${error.message}`));
      return;
    }
    if (
      error?.type === 'charset.unsupported' ||
      error?.type === 'encoding.unsupported'
    ) {
      next(new InputError(`Request body cannot be decoded: ${error.message}`));
      return;
    }
    next(error);
  };
  return [express.json({ limit }), jsonErrors];
}

/** The properties a body schema declares, following `allOf` references. */
function declaredProperties(schema: unknown): string[] {
  const s = schema as {
    properties?: Record<string, unknown>;
    allOf?: Array<{ $ref?: string }>;
    $ref?: string;
  };
  if (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '') as SchemaName;
    return declaredProperties(spec.components.schemas[name]);
  }
  return [
    ...Object.keys(s.properties ?? {}),
    ...(s.allOf ?? []).flatMap(part => declaredProperties(part)),
  ];
}

/**
 * Rejects fields a body schema does not declare, naming them. The schema says
 * so too (`unevaluatedProperties: false`), but the validator's message does
 * not say which field is unknown, and typos such as `stauses` deserve a
 * precise answer.
 */
export function rejectUnknownFields(schemaName: SchemaName): RequestHandler {
  const known = [
    ...new Set(declaredProperties(spec.components.schemas[schemaName])),
  ];
  return (req, _res, next) => {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const unknown = Object.keys(body).filter(k => !known.includes(k));
      if (unknown.length > 0) {
        next(
          new InputError(
            `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown
              .map(k => `'${k}'`)
              .join(', ')} in request body; allowed fields are ${known.join(
              ', ',
            )}`,
          ),
        );
        return;
      }
    }
    next();
  };
}
