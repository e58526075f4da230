/**
 * The message protocol between the extension host (task panel) and the task view page.
 * Both sides import this file and validate every incoming message with the guards below:
 * the page trusts nothing the host forwards from the API, and the host trusts nothing the
 * page sends (it re-checks link schemes with `isAllowedLinkUrl` before opening anything).
 * Pure TypeScript, no DOM and no `vscode` import, so either bundle can use it.
 */

export type Platform = 'scale' | 'livepeer' | (string & {});

export interface RenderContext {
  connectionName: string;
  platform: Platform;
  projectName?: string | null;
  batchName?: string | null;
  pinned: boolean;
  /** Show secrets such as workspace tokens; the page asks with `revealSecrets`. */
  revealSecrets: boolean;
}

/** An object shown beside the task (e.g. a Livepeer task's assets); `raw` null when unavailable. */
export interface RelatedDoc {
  label: string;
  type: string;
  id: string;
  raw: unknown;
  problem?: string | null;
}

export type HostToPage =
  | { type: 'render'; task: unknown; context: RenderContext; related?: RelatedDoc[] }
  | { type: 'loading' }
  | { type: 'error'; message: string };

export const PAGE_COMMANDS = ['openJson', 'copyId', 'refresh', 'revealInTree', 'pin', 'revealProject', 'revealBatch'] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

export type RenderPhase = 'first' | 'complete';

export type PageToHost =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  | { type: 'copy'; text: string }
  | { type: 'command'; name: PageCommand }
  | { type: 'revealSecrets' }
  | { type: 'rendered'; ms: number; phase: RenderPhase };

/** The only schemes a link may have, on the page and when the host opens it. */
export function isAllowedLinkUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  // Whitespace, control and bidi/zero-width characters never belong in a link we open.
  if (/[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/.test(url)) {
    return false;
  }
  return /^(https?:\/\/[^/?#]|mailto:[^\s])/i.test(url);
}

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): boolean {
  return v === undefined || v === null || typeof v === 'string';
}

export function isRenderContext(v: unknown): v is RenderContext {
  return (
    isRec(v) &&
    typeof v.connectionName === 'string' &&
    typeof v.platform === 'string' &&
    optionalString(v.projectName) &&
    optionalString(v.batchName) &&
    typeof v.pinned === 'boolean' &&
    typeof v.revealSecrets === 'boolean'
  );
}

export function isRelatedDoc(v: unknown): v is RelatedDoc {
  return (
    isRec(v) &&
    typeof v.label === 'string' &&
    typeof v.type === 'string' &&
    typeof v.id === 'string' &&
    'raw' in v &&
    optionalString(v.problem)
  );
}

export function isHostToPage(msg: unknown): msg is HostToPage {
  if (!isRec(msg)) return false;
  switch (msg.type) {
    case 'render':
      return (
        'task' in msg &&
        isRenderContext(msg.context) &&
        (msg.related === undefined || (Array.isArray(msg.related) && msg.related.every(isRelatedDoc)))
      );
    case 'loading':
      return true;
    case 'error':
      return typeof msg.message === 'string';
    default:
      return false;
  }
}

export function isPageCommand(v: unknown): v is PageCommand {
  return typeof v === 'string' && (PAGE_COMMANDS as readonly string[]).includes(v);
}

export function isPageToHost(msg: unknown): msg is PageToHost {
  if (!isRec(msg)) return false;
  switch (msg.type) {
    case 'ready':
    case 'revealSecrets':
      return true;
    case 'openLink':
      return typeof msg.url === 'string';
    case 'copy':
      return typeof msg.text === 'string';
    case 'command':
      return isPageCommand(msg.name);
    case 'rendered':
      return typeof msg.ms === 'number' && Number.isFinite(msg.ms) && msg.ms >= 0 && (msg.phase === 'first' || msg.phase === 'complete');
    default:
      return false;
  }
}
