/**
 * The one place that turns platform names (written by strangers) into file and folder names, and
 * the check that every path we write stays inside the folder the person chose.
 *
 * A sanitised name is a single path component that is legal on Windows, macOS and Linux. When
 * sanitising changed anything, a stable suffix derived from the original name is appended, so two
 * different names never share a file while the same name always lands in the same one (which is
 * what makes resuming a download find its partial file again).
 */
import { createHash } from 'node:crypto';
import { lstat, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** Longest name we produce, in UTF-8 bytes, suffix included. Leaves room for `.jsonl.manifest.json`. */
export const MAX_NAME_BYTES = 120;

const SUFFIX_HEX = 8;
/** `-` plus the hex digest prefix. */
const SUFFIX_BYTES = 1 + SUFFIX_HEX;

/**
 * Characters no file name may hold: C0/C1 controls, Windows' reserved punctuation and both
 * separators. Invisible formatting characters (bidi overrides and isolates, zero-width marks, BOM,
 * line separators) are legal but let a name pretend to be another (`\u202Egnp.exe`), so they go too.
 */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** Lone UTF-16 surrogates cannot be encoded as UTF-8 and would become U+FFFD on disk. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Device names Windows reserves in every folder, with or without an extension (`nul.txt`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** A name that already looks like ours-with-a-suffix gets one of its own (see `sanitizeFileName`). */
const LOOKS_SUFFIXED = new RegExp(`-[0-9a-f]{${SUFFIX_HEX}}$`);

export interface SanitizeOptions {
  /** Overall cap in UTF-8 bytes (suffix included). Default `MAX_NAME_BYTES`. */
  readonly maxBytes?: number;
}

/**
 * A safe, stable single-component file name for `name`. Never empty, never `.` or `..`, no
 * separators, no characters illegal on Windows, no reserved device names, no trailing dots or
 * spaces, NFC-normalised and at most `maxBytes` UTF-8 bytes long.
 *
 * Unchanged names stay as they are. Changed names get `-<first 8 hex of sha256(original)>`, and so
 * do unchanged names that already end like a suffix, so a legal name can never impersonate the
 * sanitised form of another one.
 */
export function sanitizeFileName(name: string, options: SanitizeOptions = {}): string {
  const maxBytes = Math.max(SUFFIX_BYTES + 1, options.maxBytes ?? MAX_NAME_BYTES);
  let cleaned = finish(clean(name));
  const changed = cleaned !== name || LOOKS_SUFFIXED.test(name);
  if (!changed && utf8Length(cleaned) <= maxBytes) return cleaned;
  // One byte spare: `finish` may prefix `_` to a truncated name that turns out reserved (`CON.…`).
  if (utf8Length(cleaned) > maxBytes - SUFFIX_BYTES) cleaned = finish(truncateUtf8(cleaned, maxBytes - SUFFIX_BYTES - 1));
  return `${cleaned}-${stableHash(name)}`;
}

function clean(name: string): string {
  return name.replace(LONE_SURROGATES, '_').normalize('NFC').replace(UNSAFE_CHARACTERS, '_').trim();
}

/** Fix-ups that must hold for the final name, re-applied after truncation. */
function finish(value: string): string {
  // Windows drops trailing dots and spaces silently, so `a.` and `a` would be the same file.
  let result = value.replace(/[. ]+$/, '');
  // Leading dots make hidden files (and `..` style names); nobody expects a download to hide.
  result = result.replace(/^\.+/, '_');
  if (WINDOWS_RESERVED.test(result)) result = `_${result}`;
  return result === '' ? '_' : result;
}

/**
 * First 8 hex digits of sha256 over the original name's UTF-8 (easy to reproduce elsewhere). A
 * name with lone surrogates is hashed as UTF-16 instead: UTF-8 would turn every lone surrogate
 * into the same U+FFFD, and two different names would share a suffix.
 */
function stableHash(original: string): string {
  const wellFormed = original.replace(LONE_SURROGATES, '') === original;
  return createHash('sha256')
    .update(Buffer.from(original, wellFormed ? 'utf8' : 'utf16le'))
    .digest('hex')
    .slice(0, SUFFIX_HEX);
}

function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The longest prefix of `value` within `maxBytes`, cut between code points (never inside a pair). */
function truncateUtf8(value: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    const size = utf8Length(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return value.slice(0, end);
}

/** Thrown when a path would land outside the chosen folder (directly or through a symlink). */
export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
  constructor(
    message: string,
    readonly root: string,
    readonly target: string,
  ) {
    super(message);
  }
}

/** Whether `target` is `base` or below it; both already absolute and normalised. */
export function isPathInside(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * Joins `segments` under `root` without touching the disk and throws if the result is not inside
 * `root`. For display and planning; `resolveInside` is the check to make before writing.
 */
export function joinInside(root: string, ...segments: string[]): string {
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  if (!isPathInside(base, target)) {
    throw new UnsafePathError(`Refusing to use “${target}”: it is outside the download folder “${base}”.`, base, target);
  }
  return target;
}

/**
 * Joins `segments` under `root` and verifies, on disk, that the result is inside `root`: lexically,
 * and again after resolving every symbolic link in the part of the path that exists. A link
 * planted inside the folder that points elsewhere (or nowhere) is refused.
 * @returns the joined absolute path (not the realpath, so messages show what the person chose).
 */
export async function resolveInside(root: string, ...segments: string[]): Promise<string> {
  const target = joinInside(root, ...segments);
  const base = path.resolve(root);
  const [realBase, realTarget] = await Promise.all([realpathOfExisting(base), realpathOfExisting(target)]);
  if (!isPathInside(realBase, realTarget)) {
    throw new UnsafePathError(
      `Refusing to write “${target}”: a symbolic link makes it resolve to “${realTarget}”, outside the download folder “${base}”. Remove the link or choose another folder.`,
      base,
      target,
    );
  }
  return target;
}

/** realpath of the longest existing prefix of `absolute`, with the missing rest appended. */
async function realpathOfExisting(absolute: string): Promise<string> {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch (error) {
      if (!isMissing(error)) throw error;
      // realpath also says ENOENT for a link whose target is missing; writing through it would
      // create that target wherever it points, so a dangling link is never "just missing".
      if (await isDanglingLink(current)) {
        throw new UnsafePathError(
          `Refusing to write through “${current}”: it is a symbolic link to a path that does not exist.`,
          absolute,
          current,
        );
      }
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

async function isDanglingLink(candidate: string): Promise<boolean> {
  try {
    return (await lstat(candidate)).isSymbolicLink();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
