/*
 * The HTML report's script, bundled into every report by
 * scripts/viewer/generate.mjs (no network, works from file://). It only
 * ever writes text through textContent, never HTML, so plan content cannot
 * become markup. It decodes the embedded model (gzip + base64) and draws it
 * (page.ts).
 */
import { gunzipBase64Json } from '../decode';
import { el } from './dom';
import { renderPage } from './page';
import type { PageModel } from './sections';

gunzipBase64Json<PageModel>(
  document.getElementById('tofui-data')!.textContent!.trim(),
).then(renderPage, error => {
  const app = document.getElementById('app')!;
  app.textContent = '';
  app.appendChild(
    el('p', 'diag', `This browser cannot open the report data: ${error}`),
  );
});
