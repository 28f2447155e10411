import express from 'express';
import request from 'supertest';
import { JsonBody } from '../service/JsonBody';
import { sendJson } from './sendJson';

describe('sendJson', () => {
  const value = { folders: Array.from({ length: 200 }, (_, i) => `env_${i}`) };
  let body: JsonBody;
  const app = express().get('/summary', (req, res) => sendJson(req, res, body));

  beforeAll(async () => {
    body = await JsonBody.of(value);
  });

  it('sends the compressed bytes to a client that takes gzip', async () => {
    const res = await request(app)
      .get('/summary')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers.etag).toBe(body.etag);
    expect(Number(res.headers['content-length'])).toBe(body.gzip.byteLength);
    // (the test client inflates it)
    expect(JSON.parse(res.body.toString())).toEqual(value);
  });

  it('sends the JSON text to a client that does not', async () => {
    const res = await request(app)
      .get('/summary')
      .set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual(value);
  });

  it('answers 304 with no body to a client that holds the same body', async () => {
    const res = await request(app)
      .get('/summary')
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', body.etag);
    expect(res.status).toBe(304);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBeFalsy();

    const changed = await JsonBody.of({ ...value, more: true });
    expect(changed.etag).not.toBe(body.etag);
  });
});
