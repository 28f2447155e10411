/*
 * The HTML report's script, bundled into every report by
 * scripts/viewer/generate.mjs (no network, works from file://). It only
 * ever writes text through textContent, never HTML, so plan content cannot
 * become markup. It decodes the embedded model (gzip + base64) and draws it
 * (page.ts).
 */
import { el } from './dom';
import { renderPage } from './page';
import type { PageModel } from './sections';

async function load(): Promise<PageModel> {
  const raw = document.getElementById('tofui-data')!.textContent!.trim();
  const binary = atob(raw);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

load().then(renderPage, error => {
  const app = document.getElementById('app')!;
  app.textContent = '';
  app.appendChild(
    el('p', 'diag', `This browser cannot open the report data: ${error}`),
  );
});
