/**
 * The one link policy, for the page and the extension host alike: which URLs from API data may be
 * turned into something a person can open. Pure TypeScript (no DOM, no vscode, no Node).
 */

// Whitespace, control and bidi/zero-width characters never belong in a link we open.
const INVISIBLE_OR_CONTROL = /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

/** The schemes a link from task text may have: http, https and mailto, with something after the scheme. */
export function isAllowedLinkUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  if (INVISIBLE_OR_CONTROL.test(url)) return false;
  return /^(https?:\/\/[^/?#]|mailto:[^\s])/i.test(url);
}

/** A web page or file: an allowed link that is http(s) — what asset, playback and download links must be. */
export function isWebLinkUrl(url: unknown): url is string {
  return isAllowedLinkUrl(url) && /^https?:\/\//i.test(url);
}
