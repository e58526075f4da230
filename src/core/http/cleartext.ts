/**
 * An `http://` base URL sends the API key in clear. That is right for the local emulator and
 * wrong anywhere else; it is allowed (a lab network may need it) but said once, out loud.
 */

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The warning for a base URL that would carry the key in clear, or undefined when it would not. */
export function cleartextWarning(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return `${url.origin} is plain http:// — the API key and every task travel unencrypted to a host that is not this machine; use https:// unless you trust every network in between.`;
}
