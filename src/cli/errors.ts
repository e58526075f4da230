/** CLI-only failures, mapped to exit codes by `run.ts`. */

/** Wrong or missing flags: exit code 2, like commander's own usage errors. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Set-up problems the user must fix before anything can run (e.g. no API key): exit code 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells expect after Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
