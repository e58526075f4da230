/**
 * Colour on a terminal, and only there. The rules, in order:
 * - `NO_COLOR` set to anything but the empty string: no colour (https://no-color.org);
 * - `FORCE_COLOR` set: colour, unless it is `0` or `false` (the convention of Node and chalk);
 * - otherwise colour when the stream is a terminal and `TERM` is not `dumb`.
 * Tones are the status tones of `shared/statusLooks.ts`, so a status has one colour everywhere.
 */
import type { Writable } from 'node:stream';
import type { StatusTone } from '../shared/statusLooks';

export type Paint = (text: string, tone: StatusTone | 'warning' | 'error' | 'dim') => string;

export function colorEnabled(stream: Writable, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
}

/** SGR codes close to the editor's theme colours for each tone (package.json `colors`). */
const CODES: Readonly<Record<Parameters<Paint>[1], string>> = {
  completed: '32',
  pending: '33',
  error: '31',
  canceled: '90',
  running: '34',
  unknown: '35',
  warning: '33',
  dim: '2',
};

export const NO_PAINT: Paint = (text) => text;

export function painter(enabled: boolean): Paint {
  if (!enabled) return NO_PAINT;
  return (text, tone) => (text === '' ? text : `\x1b[${CODES[tone]}m${text}\x1b[0m`);
}
