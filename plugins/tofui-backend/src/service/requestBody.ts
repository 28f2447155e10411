import { InputError } from '@backstage/errors';
import express, {
  type ErrorRequestHandler,
  type RequestHandler,
} from 'express';
import { spec } from '../schema/openapi.generated';

type SchemaName = keyof typeof spec.components.schemas;

/**
 * Parses JSON bodies before the OpenAPI validator runs, so malformed JSON is
 * reported as such (not as a schema violation).
 */
export function parseJsonBody(): Array<RequestHandler | ErrorRequestHandler> {
  const jsonErrors: ErrorRequestHandler = (error, _req, _res, next) => {
    if (error?.type === 'entity.parse.failed') {
      next(new InputError(`Request body is not valid JSON: ${error.message}`));
      return;
    }
    next(error);
  };
  return [express.json({ limit: '10mb' }), jsonErrors];
}

/**
 * Rejects fields a body schema does not declare, naming them. The OpenAPI
 * validator rejects them too (`additionalProperties: false`), but its message
 * does not say which field is unknown; typos such as `stauses` deserve a
 * precise answer.
 */
export function rejectUnknownFields(schemaName: SchemaName): RequestHandler {
  const schema = spec.components.schemas[schemaName] as {
    properties?: Record<string, unknown>;
  };
  const known = new Set(Object.keys(schema.properties ?? {}));
  return (req, _res, next) => {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const unknown = Object.keys(body).filter(k => !known.has(k));
      if (unknown.length > 0) {
        next(
          new InputError(
            `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown
              .map(k => `'${k}'`)
              .join(', ')} in request body; allowed fields are ${[...known].join(', ')}`,
          ),
        );
        return;
      }
    }
    next();
  };
}
