/**
 * A thread's turns as a virtual list (shell/virtualList.ts): height estimates from the turn's
 * data, and the text the page's search looks in (every string and number the raw turn holds, so
 * unknown fields are found too).
 */
import { FOLD_LINES } from '../shell/widgets';
import { aget, isRec, own, sget, type Rec } from '../shell/model';

const LINE_PX = 20;
const CHARS_PER_LINE = 90;

/** Lines the text takes, up to the fold (~40 lines); newlines are counted in the first 8,000 characters only. */
function textLines(s: string | undefined): number {
  if (!s) return 1;
  const cap = FOLD_LINES + 2;
  let breaks = 1;
  const end = Math.min(s.length, 8_000);
  for (let i = s.indexOf('\n'); i !== -1 && i < end && breaks < cap; i = s.indexOf('\n', i + 1)) breaks++;
  return Math.min(cap, Math.max(breaks, Math.ceil(s.length / CHARS_PER_LINE)));
}

function messageHeight(m: Rec): number {
  const content = own(m, 'content');
  const text = typeof content === 'string' ? content : sget(content, 'text');
  return (
    56 +
    textLines(text) * LINE_PX +
    aget(m, 'annotations').length * 44 +
    (isRec(own(m, 'model_parameters')) ? 22 : 0) +
    aget(content, 'chunks').length * 40
  );
}

/** Assistant messages in the raw turn, counted as readTurn reads them (records with role `assistant`). */
function assistantCount(raw: Rec): number {
  let n = 0;
  for (const m of aget(raw, 'messages')) if (isRec(m) && sget(m, 'role') === 'assistant') n++;
  return n;
}

/**
 * Whether the raw turn has candidates (several assistant messages, as `candidatesOf` decides),
 * without reading the turn: the review bar asks this of every turn before the first paint.
 */
export function hasCandidates(raw: Rec): boolean {
  return assistantCount(raw) > 1;
}

/**
 * A guess of the card's height in px, from the raw turn (reading the turn for real is left to
 * the card); the measured height replaces it once the card was shown.
 */
export function estimateTurnHeight(raw: Rec): number {
  const messages = aget(raw, 'messages').filter(isRec);
  const candidates = hasCandidates(raw);
  // 12 px: the gap between cards.
  let height = 84 + aget(raw, 'annotations').length * 44 + aget(raw, 'rubrics').length * 120;
  let columns = 0;
  for (const m of messages) {
    if (candidates && sget(m, 'role') === 'assistant') columns = Math.max(columns, messageHeight(m) + 24);
    else height += messageHeight(m) + 12;
  }
  return height + columns;
}

/** Every string and number in a JSON value, lower-cased and joined, for the page's search. */
export function searchText(raw: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x);
  };
  walk(raw);
  return out.join('\n').toLowerCase();
}
