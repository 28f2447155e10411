import { encodeMultipart } from './multipartBody';

describe('encodeMultipart', () => {
  it('encodes fields and files that a form-data parser reads back', async () => {
    const file = new Blob(['<h1>report</h1>\n'], { type: 'text/html' });
    const { body, contentType } = encodeMultipart([
      { name: 'report', value: '{"a":"b\\nc"}' },
      { name: 'html', blob: file, filename: 'report.html' },
      { name: 'log', blob: new Blob(['x']), filename: 'a"b.log' },
    ]);
    expect(contentType).toMatch(
      /^multipart\/form-data; boundary=----tofui-[0-9a-f]{32}$/,
    );
    const form = await new Response(body, {
      headers: { 'content-type': contentType },
    }).formData();
    expect(form.get('report')).toBe('{"a":"b\\nc"}');
    const html = form.get('html') as File;
    expect(html.name).toBe('report.html');
    expect(html.type).toBe('text/html');
    expect(await html.text()).toBe('<h1>report</h1>\n');
    const log = form.get('log') as File;
    expect(await body.text()).toContain('filename="a%22b.log"');
    expect(log.name).toBe('a"b.log'); // decoded by the parser
    expect(log.type).toBe('application/octet-stream');
  });

  it('knows its exact size', async () => {
    const { body } = encodeMultipart([
      { name: 'log', blob: new Blob([new Uint8Array(12_345)]), filename: 'l' },
    ]);
    expect(body.size).toBe((await body.arrayBuffer()).byteLength);
    expect(body.size).toBeGreaterThan(12_345);
  });
});
