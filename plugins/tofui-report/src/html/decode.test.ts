/**
 * @jest-environment node
 */
import fc from 'fast-check';
import { base64Bytes, gunzipBase64Json } from './decode';
import { gzipJsonBase64 } from './encode';

describe('gunzipBase64Json', () => {
  it('reads back what gzipJsonBase64 wrote', async () => {
    const value = {
      rows: Array.from({ length: 5_000 }, (_, i) => [`r${i}`, 'é€😀', i]),
      text: 'line\n"quoted"',
    };
    expect(await gunzipBase64Json(await gzipJsonBase64(value))).toEqual(value);
  });

  it('rejects data that is not gzip', async () => {
    await expect(gunzipBase64Json(btoa('not gzip'))).rejects.toThrow();
  });
});

describe('base64Bytes', () => {
  const native = Uint8Array as unknown as {
    fromBase64?: (text: string) => Uint8Array;
  };

  it('decodes any bytes as Buffer does, without the native decoder', () => {
    expect(native.fromBase64).toBeUndefined(); // Node 22: the fallback runs
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3_000 }), bytes => {
        const base64 = Buffer.from(bytes).toString('base64');
        expect(base64Bytes(base64)).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it('uses the platform decoder where there is one', () => {
    const decoded = new Uint8Array([1, 2, 3]);
    native.fromBase64 = () => decoded;
    try {
      expect(base64Bytes('AQID')).toBe(decoded);
    } finally {
      delete native.fromBase64;
    }
  });
});
