import type { Response } from 'express';
import type { JsonBody } from '../service/ResponseCache';

/** Sends JSON text that is already serialized (a cached response). */
export function sendJson(res: Response<any, any>, body: JsonBody): void {
  res.type('application/json').send(body);
}
