/** What the bench runner (bench/host.mjs) hands the extension host through the server's environment. */
export interface BenchConfig {
  /** Persists activation samples across window reloads (each reload is a fresh extension host). */
  readonly stateFile: string;
  /** Where the last window writes every result. */
  readonly outFile: string;
  readonly emulatorUrl: string;
  /** Name of the environment variable holding the emulator's API key (the connection's apiKeyEnv). */
  readonly keyEnv: string;
  readonly emptyExtensionId: string;
  /** Fresh extension hosts to time activation in (the first is a warm-up). */
  readonly activationLoads: number;
  readonly treeRuns: number;
  readonly taskViewRuns: number;
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the bench through bench/run.mjs`);
  return value;
}

export function readConfig(): BenchConfig {
  return {
    stateFile: need('BENCH_STATE_FILE'),
    outFile: need('BENCH_OUT_FILE'),
    emulatorUrl: need('BENCH_EMULATOR_URL'),
    keyEnv: need('BENCH_KEY_ENV'),
    emptyExtensionId: need('BENCH_EMPTY_EXTENSION_ID'),
    activationLoads: Number(need('BENCH_ACTIVATION_LOADS')),
    treeRuns: Number(need('BENCH_TREE_RUNS')),
    taskViewRuns: Number(need('BENCH_TASKVIEW_RUNS')),
  };
}

/** The emulator's control endpoints (never counted as API traffic). */
export async function emulatorControl<T>(config: BenchConfig, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${config.emulatorUrl}/__emulator${path}`, init);
  if (!res.ok) throw new Error(`emulator control ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface RecordedRequest {
  readonly path: string;
  readonly query: [string, string][];
}

/** The URL of the last request the extension made to `path`, to replay it as the raw baseline. */
export async function lastRequestUrl(config: BenchConfig, path: string): Promise<string> {
  const { requests } = await emulatorControl<{ requests: RecordedRequest[] }>(config, `/requests?path=${encodeURIComponent(path)}`);
  const last = requests.at(-1);
  if (!last) throw new Error(`the extension made no request to ${path}`);
  return `${config.emulatorUrl}${path}?${new URLSearchParams(last.query).toString()}`;
}

/** One plain fetch of `url` with the key, body parsed: the least any client must do. */
export async function rawFetchMs(config: BenchConfig, url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${process.env[config.keyEnv] ?? ''}` } });
  if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
  await res.json();
  return performance.now() - started;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
