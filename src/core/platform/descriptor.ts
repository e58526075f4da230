/**
 * What the editor and the CLI need to know about a platform before talking to it: its name, icon,
 * default base URL, the environment variables the CLI reads, and how to build its client and its
 * Platform over an HttpClient. One descriptor per platform folder; `registry.ts` lists them.
 */
import type { HttpClient } from '../http/client';
import type { Platform } from './platform';

export interface PlatformDescriptor<K extends string = string, C = unknown> {
  /** The `kind` of a connection in settings, e.g. `scale`. */
  readonly kind: K;
  /** Shown in the tree and in pickers, e.g. `Scale GenAI`. */
  readonly displayName: string;
  /** One line for the Add Connection picker. */
  readonly summary: string;
  /** A codicon id for the connection's tree row. */
  readonly icon: string;
  /** The public API, e.g. `https://api.scale.com`. */
  readonly defaultBaseUrl: string;
  /** The CLI reads the key from this variable, e.g. `SCALE_API_KEY`. */
  readonly keyEnvVar: string;
  /** The CLI reads a base URL override from this variable, e.g. `SCALE_BASE_URL`. */
  readonly baseUrlEnvVar: string;
  /**
   * The path every base URL of this platform ends in (Livepeer Studio: `/api`), if there is one:
   * a 404 through a URL without it says "did you mean …/api?".
   */
  readonly apiPath?: string;
  createClient(http: HttpClient): C;
  createPlatform(client: C): Platform;
}
