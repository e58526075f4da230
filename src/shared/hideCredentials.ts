/**
 * A URL as it may be shown in a log: a password in it (`https://user:pw@host`) becomes `***`, and so
 * does every query value of a base URL (`?api_key=…`), which a person may have put there for a
 * proxy or a gateway. Text that is no URL is returned as it is.
 */
export function hideUrlCredentials(url: string, options: { readonly queryValues?: boolean } = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.password !== '') {
    parsed.password = '***';
    changed = true;
  }
  if (options.queryValues && parsed.search !== '') {
    const masked = new URLSearchParams();
    for (const [name] of parsed.searchParams) masked.append(name, '***');
    parsed.search = masked.toString();
    changed = true;
  }
  return changed ? parsed.toString() : url;
}
