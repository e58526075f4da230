/**
 * The message protocol between the extension host (task panel) and the task view page.
 * Both sides import this file and validate every incoming message with the guards below:
 * the page trusts nothing the host forwards from the API, and the host trusts nothing the
 * page sends (it re-checks link schemes with `isAllowedLinkUrl` before opening anything).
 * Validators are keyed by message type, so a message type without one does not compile.
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
  /** The task file (and line) a task from the delivery explorer was read from; no connection then. */
  file?: string | null;
  /** Where in that file, for the page to keep (`PageState.file`) so the view survives a reload. */
  fileRef?: FileRef | null;
  /** Where the task sits in the explorer's filtered, sorted set (1-based position): Previous / Next. */
  navigation?: { position: number; count: number } | null;
  /** Waiting or running with no update for longer than the setting (live tasks). */
  stuck?: boolean;
  /** Task actions the host offers now, shown as toolbar buttons (e.g. `retryTask`, `downloadOutput`). */
  actions?: TaskAction[];
  /** Blind review: whether names and annotations are hidden, and the reviewer's own choices. */
  review?: ReviewState;
}

/** The reviewer's blind choices for one task: turn key (see shared/review.ts) → chosen source_id. */
export interface ReviewState {
  blind: boolean;
  choices: Record<string, string>;
}

export function isReviewState(v: unknown): v is ReviewState {
  return isRec(v) && typeof v.blind === 'boolean' && isRec(v.choices) && Object.values(v.choices).every((c) => typeof c === 'string');
}

export const TASK_ACTIONS = ['retryTask', 'downloadOutput'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

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
  | { type: 'error'; message: string }
  /** The task changed while shown (a live task): redraw it in place, keeping the rest. */
  | { type: 'live'; task: unknown; stuck: boolean; actions: TaskAction[] }
  | StringsMessage;

/**
 * The page's strings in the editor's display language (`webview/pageStrings.ts`), sent by the host
 * before anything else; the one form for the task view, the explorer and the report.
 */
export interface StringsMessage {
  type: 'strings';
  locale: string;
  tables: Record<string, Record<string, string>>;
}

export const PAGE_COMMANDS = [
  'openJson',
  'copyId',
  'refresh',
  'revealInTree',
  'pin',
  'revealProject',
  'revealBatch',
  'previous',
  'next',
  'retryTask',
  'downloadOutput',
  'copyLink',
] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

export type RenderPhase = 'first' | 'complete';

export type PageToHost =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  | { type: 'copy'; text: string }
  | { type: 'command'; name: PageCommand }
  | { type: 'revealSecrets' }
  | { type: 'rendered'; ms: number; phase: RenderPhase; nodes?: number }
  /** Blind review: turn blind mode on or off, or keep the reviewer's choice for a turn (null clears it). */
  | { type: 'review'; blind?: boolean; choice?: { turn: string; sourceId: string | null } }
  /** Open VS Code's diff editor on two candidate texts. */
  | { type: 'compare'; left: CompareSide; right: CompareSide };

export interface CompareSide {
  label: string;
  text: string;
}

/** Candidate texts over this size are cut before they reach the diff editor. */
export const COMPARE_MAX_CHARS = 5_000_000;

function isCompareSide(v: unknown): v is CompareSide {
  return (
    isRec(v) && typeof v.label === 'string' && v.label.length <= 1_000 && typeof v.text === 'string' && v.text.length <= COMPARE_MAX_CHARS
  );
}

type Rec = Record<string, unknown>;

export function isRec(v: unknown): v is Rec {
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
    typeof v.revealSecrets === 'boolean' &&
    optionalString(v.file) &&
    (v.fileRef === undefined || v.fileRef === null || isFileRef(v.fileRef)) &&
    (v.navigation === undefined ||
      v.navigation === null ||
      (isRec(v.navigation) && typeof v.navigation.position === 'number' && typeof v.navigation.count === 'number')) &&
    (v.stuck === undefined || typeof v.stuck === 'boolean') &&
    (v.actions === undefined || isTaskActions(v.actions)) &&
    (v.review === undefined || isReviewState(v.review))
  );
}

export function isTaskActions(v: unknown): v is TaskAction[] {
  return Array.isArray(v) && v.every((a) => typeof a === 'string' && (TASK_ACTIONS as readonly string[]).includes(a));
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

/** What the page keeps with `setState` for the panel serializer: enough to fetch again, no task data or secrets. */
export interface PageState {
  v: 1;
  taskId: string;
  connectionName: string;
  platform: string;
  /** Set for a task read from a task file (the delivery explorer): read it there again, offline. */
  file?: FileRef;
}

/** One line of a task file: the file's URI (`file:` scheme) and where the line sits in it. */
export interface FileRef {
  uri: string;
  /** Bytes from the start of the file to the line, and the line's bytes without its newline. */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A URI as `vscode.Uri.toString()` writes a local file's: `file:`, no query, no fragment. */
function isFileUri(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 8_192 || !v.startsWith('file:')) return false;
  try {
    const url = new URL(v);
    return url.protocol === 'file:' && url.search === '' && url.hash === '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** Checked as hostile input: the state comes back from the page, and the host reads the file it names. */
export function isFileRef(v: unknown): v is FileRef {
  return isRec(v) && isFileUri(v.uri) && isCount(v.offset) && isCount(v.length) && isCount(v.line);
}

export function isPageState(v: unknown): v is PageState {
  return (
    isRec(v) &&
    typeof v.taskId === 'string' &&
    v.taskId.length <= 1_000 &&
    typeof v.connectionName === 'string' &&
    (v.file === undefined || isFileRef(v.file))
  );
}

/** The state the page keeps for the task it rendered (what `isPageState` accepts back). */
export function pageStateFor(taskId: string, context: RenderContext): PageState {
  return {
    v: 1,
    taskId,
    connectionName: context.connectionName,
    platform: context.platform,
    ...(context.fileRef ? { file: context.fileRef } : {}),
  };
}

/** One validator per message type; the mapped type makes a missing one a compile error. */
type Validators<M extends { type: string }> = { readonly [K in M['type']]: (msg: Rec) => boolean };

export function validatorFor<M extends { type: string }>(validators: Validators<M>): (msg: unknown) => msg is M {
  return (msg: unknown): msg is M => {
    if (!isRec(msg) || typeof msg.type !== 'string' || !Object.hasOwn(validators, msg.type)) return false;
    return validators[msg.type as M['type']](msg);
  };
}

const always = (): boolean => true;

/** The `strings` message's fields (every page validates it the same way). */
export function isStringsMessage(m: Record<string, unknown>): boolean {
  return (
    typeof m.locale === 'string' &&
    m.locale.length <= 50 &&
    isRec(m.tables) &&
    Object.values(m.tables).every((t) => isRec(t) && Object.values(t).every((s) => typeof s === 'string' && s.length <= 2000))
  );
}

export const isHostToPage = validatorFor<HostToPage>({
  render: (m) =>
    'task' in m && isRenderContext(m.context) && (m.related === undefined || (Array.isArray(m.related) && m.related.every(isRelatedDoc))),
  loading: always,
  error: (m) => typeof m.message === 'string',
  live: (m) => 'task' in m && typeof m.stuck === 'boolean' && isTaskActions(m.actions),
  strings: isStringsMessage,
});

export function isPageCommand(v: unknown): v is PageCommand {
  return typeof v === 'string' && (PAGE_COMMANDS as readonly string[]).includes(v);
}

export const isPageToHost = validatorFor<PageToHost>({
  ready: always,
  revealSecrets: always,
  openLink: (m) => typeof m.url === 'string',
  copy: (m) => typeof m.text === 'string',
  command: (m) => isPageCommand(m.name),
  compare: (m) => isCompareSide(m.left) && isCompareSide(m.right),
  review: (m) =>
    (m.blind === undefined || typeof m.blind === 'boolean') &&
    (m.choice === undefined ||
      (isRec(m.choice) &&
        typeof m.choice.turn === 'string' &&
        m.choice.turn.length <= 2_000 &&
        (m.choice.sourceId === null || (typeof m.choice.sourceId === 'string' && m.choice.sourceId.length <= 2_000)))) &&
    (m.blind !== undefined || m.choice !== undefined),
  rendered: (m) =>
    typeof m.ms === 'number' &&
    Number.isFinite(m.ms) &&
    m.ms >= 0 &&
    (m.phase === 'first' || m.phase === 'complete') &&
    (m.nodes === undefined || (typeof m.nodes === 'number' && Number.isInteger(m.nodes) && m.nodes >= 0)),
});
