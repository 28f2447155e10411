import type { Request, Response } from 'express';
import type { JsonBody } from '../service/JsonBody';

/**
 * Sends a body serialized and compressed beforehand (a cached response):
 * gzip as it is to clients that take it (browsers, fetch), inflated to the
 * others, and 304 to a client that holds it already (`If-None-Match`). The
 * outer compression middleware leaves a body with a Content-Encoding alone.
 */
export function sendJson(
  req: Request<any, any, any, any>,
  res: Response<any, any>,
  body: JsonBody,
): void {
  res.type('application/json');
  res.vary('Accept-Encoding');
  res.setHeader('ETag', body.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip')) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(body.gzip);
    return;
  }
  res.send(body.text);
}
