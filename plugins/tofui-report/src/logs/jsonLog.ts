/**
 * `terraform apply -json` / `tofu apply -json` (and `plan -json`) print one
 * JSON message per line. Each carries `@message`, the line the console
 * would have printed; diagnostics carry their parts apart. Turning the
 * stream back into console text lets one parser read both, so a
 * machine-readable log gives the same report as the human one — with exact
 * resource addresses and durations, which the JSON states plainly.
 */

interface JsonDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number } };
}

interface JsonMessage {
  '@level'?: string;
  '@message'?: string;
  type?: string;
  diagnostic?: JsonDiagnostic;
}

/** Whether the log is the `-json` stream (its first line is a message). */
export function isJsonLog(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0];
  return first.startsWith('{') && first.includes('"@level"');
}

/** A diagnostic as Terraform's console boxes it. */
function boxed(d: JsonDiagnostic): string[] {
  const severity = d.severity === 'warning' ? 'Warning' : 'Error';
  const lines = ['╷', `│ ${severity}: ${d.summary ?? ''}`, '│ '];
  if (d.address) lines.push(`│   with ${d.address},`);
  if (d.range?.filename) {
    lines.push(`│   on ${d.range.filename} line ${d.range.start?.line ?? 1}:`);
  }
  if (d.detail) {
    lines.push('│ ', ...d.detail.split('\n').map(l => `│ ${l}`));
  }
  lines.push('╵');
  return lines;
}

/** The console text a `-json` log stands for; lines that are not JSON stay. */
export function jsonLogToText(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('{')) {
      if (line.trim()) out.push(line);
      continue;
    }
    let message: JsonMessage;
    try {
      message = JSON.parse(line);
    } catch {
      out.push(line);
      continue;
    }
    if (message.type === 'diagnostic' && message.diagnostic) {
      out.push(...boxed(message.diagnostic));
    } else if (message.type !== 'version' && message['@message']) {
      out.push(message['@message']);
    }
  }
  return out.join('\n');
}
