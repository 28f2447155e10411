import { gunzipBase64Json } from './decode';
import type { ReportModel } from './reportModel';

const DATA =
  /<script type="application\/octet-stream" id="tofui-data">([A-Za-z0-9+/=]*)<\/script>/;

/**
 * The model a rendered report embeds, decoded as the page does it: for
 * checks on rendered reports (what they show, that nothing sensitive is in
 * them) without a browser.
 *
 * @public
 */
export async function readReportModel(html: string): Promise<ReportModel> {
  const match = DATA.exec(html);
  if (!match) {
    throw new Error('Not a tofUI report: no embedded report data');
  }
  return gunzipBase64Json<ReportModel>(match[1]);
}
