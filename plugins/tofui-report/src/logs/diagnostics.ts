import { ADDRESS_SOURCE } from './address';
import type { LogDiagnostic } from './types';

/** Box drawing Terraform (0.15 and later) and OpenTofu put around each diagnostic. */
const BOX_OPEN = '╷';
const BOX_LINE = '│';
const BOX_CLOSE = '╵';

/** `Error: …` / `Warning: …` heading a diagnostic. */
const HEADER = /^(Error|Warning): ?(.*)$/;
const WITH = new RegExp(`^\\s+with (${ADDRESS_SOURCE}),$`, 'u');
const ON = /^\s+on (.+?) line ([0-9]+)(?:, in (.+))?:$/;
/**
 * Source snippet below an `on` line: `  12: resource "x" "y" {`, and the
 * values Terraform explains below it (`├────` / `│ var.x is "a"`).
 */
const SNIPPET = /^\s+(?:[0-9]+:|[├│└┌─])/;

/**
 * Lines that end an un-boxed diagnostic: what Terraform prints after its
 * diagnostics. Without a box, nothing else marks where the detail ends.
 */
const PLAIN_END =
  /^(?:(?:Planning|Apply|Destroy|Refresh|Import|Operation) failed\b|Releasing state lock\b|(?:Terraform|OpenTofu) (?:used the selected providers|will perform|has compared)\b)/;

interface Draft {
  severity: LogDiagnostic['severity'];
  summary: string;
  detail: string[];
  address?: string;
  file?: string;
  line?: number;
  block?: string;
  inSnippet: boolean;
}

/** Whether the line belongs to a box (its first character is box drawing). */
export function isBoxLine(line: string): boolean {
  const first = line.charAt(0);
  return first === BOX_OPEN || first === BOX_LINE || first === BOX_CLOSE;
}

/** The text of a (right-trimmed) line that starts an un-boxed diagnostic. */
export function plainHeader(
  line: string,
): { severity: LogDiagnostic['severity']; summary: string } | undefined {
  const m = HEADER.exec(line);
  if (!m) {
    return undefined;
  }
  return {
    severity: m[1] === 'Error' ? 'error' : 'warning',
    summary: m[2].trim(),
  };
}

/** Whether the line ends an un-boxed diagnostic. */
export function endsPlainDiagnostic(line: string): boolean {
  return PLAIN_END.test(line);
}

/** Detail with outer blank lines dropped and blank runs made one. */
function tidyDetail(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') {
        out.push('');
      }
    } else {
      out.push(line);
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') {
    out.pop();
  }
  return out.join('\n');
}

/**
 * Collects diagnostics line by line. Boxed ones end at `╵` or at the first
 * line outside the box; un-boxed ones (older versions, some `-no-color`
 * output) end where the caller sees something else it recognises.
 */
export class DiagnosticReader {
  readonly diagnostics: LogDiagnostic[] = [];
  private draft: Draft | undefined;
  private mode: 'box' | 'plain' | undefined;

  get inBox(): boolean {
    return this.mode === 'box';
  }

  get inPlain(): boolean {
    return this.mode === 'plain' && this.draft !== undefined;
  }

  /** A line that {@link isBoxLine} accepted. */
  boxLine(line: string): void {
    const first = line.charAt(0);
    if (first === BOX_OPEN || first === BOX_CLOSE) {
      this.close();
      this.mode = first === BOX_OPEN ? 'box' : undefined;
      return;
    }
    if (this.mode !== 'box') {
      this.close();
      this.mode = 'box';
    }
    const content = line.slice(1).replace(/^ /, '');
    const header = plainHeader(content);
    if (header) {
      this.open(header.severity, header.summary);
      this.mode = 'box';
      return;
    }
    if (this.draft) {
      this.content(this.draft, content);
    }
  }

  /** Starts an un-boxed diagnostic from a {@link plainHeader} match. */
  startPlain(severity: LogDiagnostic['severity'], summary: string): void {
    this.open(severity, summary);
    this.mode = 'plain';
  }

  /** A line inside an un-boxed diagnostic. */
  plainLine(line: string): void {
    if (this.draft) {
      this.content(this.draft, line);
    }
  }

  /** Ends the diagnostic being read, if any. */
  close(): void {
    const d = this.draft;
    this.draft = undefined;
    this.mode = undefined;
    if (!d) {
      return;
    }
    const diagnostic: LogDiagnostic = {
      severity: d.severity,
      summary: d.summary,
      detail: tidyDetail(d.detail),
    };
    if (d.address !== undefined) diagnostic.address = d.address;
    if (d.file !== undefined) diagnostic.file = d.file;
    if (d.line !== undefined) diagnostic.line = d.line;
    if (d.block !== undefined) diagnostic.block = d.block;
    this.diagnostics.push(diagnostic);
  }

  private open(severity: LogDiagnostic['severity'], summary: string): void {
    this.close();
    this.draft = { severity, summary, detail: [], inSnippet: false };
  }

  private content(d: Draft, text: string): void {
    if (d.inSnippet) {
      if (SNIPPET.test(text)) {
        return;
      }
      d.inSnippet = false;
    }
    const withMatch = d.address === undefined ? WITH.exec(text) : null;
    if (withMatch) {
      d.address = withMatch[1];
      return;
    }
    const on = d.file === undefined ? ON.exec(text) : null;
    if (on) {
      d.file = on[1];
      d.line = Number(on[2]);
      if (on[3] !== undefined) {
        d.block = on[3];
      }
      d.inSnippet = true;
      return;
    }
    d.detail.push(text);
  }
}
