import { ADDRESS_SOURCE } from './address';
import { parseDuration } from './duration';
import type { LogResourceAction } from './types';

/** The actions that have their own progress lines during apply. */
export type EventAction = Extract<
  LogResourceAction,
  'create' | 'update' | 'delete' | 'read' | 'import'
>;

/** One progress line about one resource. */
export type ResourceEvent =
  | {
      kind: 'start' | 'still' | 'done';
      address: string;
      /** Set for `(deposed object …)` lines, the old half of a replacement. */
      deposed?: string;
      action: EventAction;
      id?: string;
      /** `done`: the "after" time; `still`: the elapsed time. */
      seconds?: number;
    }
  | { kind: 'refresh'; address: string; deposed?: string; id?: string };

/**
 * `<address>[ (deposed object <key>)]: <message>`. Provisioner output
 * (`aws_x.y (local-exec): …`) does not match, since `(local-exec)` is not
 * part of an address, so whatever a script prints cannot pose as progress.
 */
const LINE = new RegExp(
  `^(${ADDRESS_SOURCE})(?: \\(deposed object ([^()\\s]+)\\))?: (.+)$`,
  'u',
);

const START_VERBS: Record<string, EventAction> = {
  Creating: 'create',
  Modifying: 'update',
  Destroying: 'delete',
  Reading: 'read',
  Importing: 'import',
};
const STILL_VERBS: Record<string, EventAction> = {
  creating: 'create',
  modifying: 'update',
  destroying: 'delete',
  reading: 'read',
  importing: 'import',
};
const DONE_NOUNS: Record<string, EventAction> = {
  Creation: 'create',
  Modifications: 'update',
  Destruction: 'delete',
  Read: 'read',
  Import: 'import',
};

const START = /^(Creating|Modifying|Destroying|Reading|Importing)\.\.\.(.*)$/;
// Terraform prints `[id=x, 00m10s elapsed]`, OpenTofu `[id=x, 10s elapsed]`.
const STILL =
  /^Still (creating|modifying|destroying|reading|importing)\.\.\. \[(?:(.*), )?(\S+) elapsed\]$/;
const DONE =
  /^(Creation|Modifications|Destruction|Read|Import) complete(?: after (\S+))?(.*)$/;
const REFRESH = /^Refreshing state\.\.\.(.*)$/;
// `terraform import`: `Importing from ID "x"...` then `Import prepared!`.
const LEGACY_IMPORT = /^Importing from ID "(.*)"\.\.\.$/;
const LEGACY_IMPORTED = 'Import prepared!';

/**
 * The ` [id=…]` suffix. The key is whatever attribute identifies the object
 * (`id`, or `name` when there is no id, or `identity`); the value runs to
 * the closing bracket at the end of the line, so ids holding `]` survive.
 */
const ID_SUFFIX = /^ \[([^=\]\s]+)=(.*)\]$/;
const ID_PART = /^([^=\s]+)=(.*)$/;

type IdParse = { ok: true; id?: string } | { ok: false };

/** An empty suffix is fine; anything else must be an `[key=value]`. */
function parseIdSuffix(suffix: string): IdParse {
  if (suffix === '') {
    return { ok: true };
  }
  const m = ID_SUFFIX.exec(suffix);
  return m ? { ok: true, id: m[2] } : { ok: false };
}

/** An event before the address is known. */
type ParsedMessage = ResourceEvent extends infer E
  ? E extends ResourceEvent
    ? Omit<E, 'address' | 'deposed'>
    : never
  : never;

function parseMessage(message: string): ParsedMessage | undefined {
  let m = START.exec(message);
  if (m) {
    const suffix = parseIdSuffix(m[2]);
    return suffix.ok
      ? { kind: 'start', action: START_VERBS[m[1]], id: suffix.id }
      : undefined;
  }
  m = STILL.exec(message);
  if (m) {
    const idPart = m[2] === undefined ? undefined : ID_PART.exec(m[2]);
    return {
      kind: 'still',
      action: STILL_VERBS[m[1]],
      id: idPart ? idPart[2] : undefined,
      seconds: parseDuration(m[3]),
    };
  }
  m = DONE.exec(message);
  if (m) {
    const suffix = parseIdSuffix(m[3]);
    const seconds = m[2] === undefined ? undefined : parseDuration(m[2]);
    if (!suffix.ok || (m[2] !== undefined && seconds === undefined)) {
      return undefined;
    }
    return { kind: 'done', action: DONE_NOUNS[m[1]], id: suffix.id, seconds };
  }
  m = REFRESH.exec(message);
  if (m) {
    const suffix = parseIdSuffix(m[1]);
    return suffix.ok ? { kind: 'refresh', id: suffix.id } : undefined;
  }
  m = LEGACY_IMPORT.exec(message);
  if (m) {
    return { kind: 'start', action: 'import', id: m[1] };
  }
  if (message === LEGACY_IMPORTED) {
    return { kind: 'done', action: 'import' };
  }
  return undefined;
}

/**
 * Reads one (ANSI-free, right-trimmed) line as a resource progress event,
 * or returns undefined. Lines about ephemeral resources, provisioners and
 * `Preparing import` (a plan-time note) are not events.
 */
export function parseResourceEvent(line: string): ResourceEvent | undefined {
  if (!line.includes(': ')) {
    return undefined;
  }
  const m = LINE.exec(line.trimStart());
  if (!m) {
    return undefined;
  }
  const parsed = parseMessage(m[3]);
  if (!parsed) {
    return undefined;
  }
  const event = { ...parsed, address: m[1] } as ResourceEvent;
  if (m[2] !== undefined) {
    event.deposed = m[2];
  }
  if (event.id === undefined) {
    delete event.id;
  }
  if ('seconds' in event && event.seconds === undefined) {
    delete event.seconds;
  }
  return event;
}
