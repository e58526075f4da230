/**
 * Deep links to one task: `<scheme>://<publisher>.<name>/task?connection=<name>&id=<task id>`.
 * Anyone can send such a link, so parsing checks everything and returns a reason when it refuses:
 * the link only names one of the user's own connections and a task id; it never carries a URL, a
 * key or a setting. Pure (no vscode), so it is tested in plain Node.
 */

/** What a task id may hold: the same rule as the “Task ID” input box. */
export const TASK_ID_PATTERN = /^[\w.:-]{1,200}$/;
const MAX_CONNECTION_NAME = 200;
// Control, bidirectional-override and zero-width characters: no connection name needs them in a link.
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

export const TASK_LINK_PATH = '/task';

export interface TaskLink {
  readonly connection: string;
  readonly taskId: string;
}

export type TaskLinkParse = { readonly ok: true; readonly link: TaskLink } | { readonly ok: false; readonly problem: TaskLinkProblem };
export type TaskLinkProblem = 'path' | 'connection' | 'id' | 'repeated';

/**
 * The query of a task link as the editor's `Uri` holds it (without `?`). The editor decodes a
 * link's query once before the extension sees it, so the characters that would split or change a
 * field (`%`, `&`, `=`, `+`, `#`) are escaped here, and `taskLinkText` escapes the result again.
 */
export function taskLinkQuery(link: TaskLink): string {
  const field = (value: string) => value.replace(/[%&=+#]/g, (c) => encodeURIComponent(c));
  return `connection=${field(link.connection)}&id=${field(link.taskId)}`;
}

/**
 * The link as text to paste: `<scheme>://<extension id>/task?connection=…&id=…`. Built by hand
 * rather than by `Uri.toString()`, which would also escape the query's own `=` and `&`: for plain
 * names the link reads `?connection=Emu&id=…`.
 */
export function taskLinkText(scheme: string, extensionId: string, link: TaskLink): string {
  const query = taskLinkQuery(link)
    .split('&')
    .map((pair) => pair.split('=').map(encodeURIComponent).join('='))
    .join('&');
  return `${scheme}://${extensionId}${TASK_LINK_PATH}?${query}`;
}

/** The inverse of the editor's decoding of a link's query (what `Uri.parse` does), for tests in plain Node. */
export function decodedQueryOf(linkText: string): string {
  const q = linkText.indexOf('?');
  return q < 0 ? '' : decodeURIComponent(linkText.slice(q + 1));
}

/** Reads a link's path and query (as the editor's `Uri` holds them); refuses anything it does not expect. */
export function parseTaskLink(path: string, query: string): TaskLinkParse {
  if (path !== TASK_LINK_PATH) return { ok: false, problem: 'path' };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { ok: false, problem: 'connection' };
  }
  if (params.getAll('connection').length > 1 || params.getAll('id').length > 1) return { ok: false, problem: 'repeated' };
  const connection = params.get('connection') ?? '';
  const taskId = (params.get('id') ?? '').trim();
  if (connection.trim() === '' || connection.length > MAX_CONNECTION_NAME || UNSAFE_IN_NAME.test(connection))
    return { ok: false, problem: 'connection' };
  if (!TASK_ID_PATTERN.test(taskId)) return { ok: false, problem: 'id' };
  return { ok: true, link: { connection, taskId } };
}
