/**
 * A base URL that misses the platform's API path (Livepeer Studio's API is under `/api`; the
 * bare `https://livepeer.studio` answers 404 to every path): what a 404 should say instead of
 * "check the id or name", since every request through that URL will fail the same way.
 */
import type { PlatformDescriptor } from './descriptor';

/** `did you mean https://livepeer.studio/api?`, or undefined when the URL has the path (or none is needed). */
export function missingApiPathHint(descriptor: Pick<PlatformDescriptor, 'apiPath'>, baseUrl: string): string | undefined {
  const apiPath = descriptor.apiPath;
  if (!apiPath) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  if (pathname.endsWith(apiPath)) return undefined;
  url.pathname = `${pathname}${apiPath}`;
  return `the base URL ${baseUrl.replace(/\/+$/, '')} does not end in ${apiPath}: did you mean ${url.href}?`;
}
