/**
 * What a broken or hostile server cannot make a download do: loop forever on cycling page tokens,
 * grow far past the list's size, write a task twice, or slip a task without an id into the file.
 * The errors here are final for the run: retrying the same page would get the same answer.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../shared/format';
import { InvalidResponseError } from '../http/errors';

/** A server answer no retry will fix (a token cycle, a runaway count, a response over the size cap). */
export class ServerFaultError extends InvalidResponseError {
  readonly final = true;
}

/** The listing restarted from the first page and no longer matches the tasks already written. */
export class DivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/** Pages in a row without a single new task before we call it a runaway listing. */
const MAX_EMPTY_PAGES = 1_000;

/** The id a task is known by: Scale's `task_id`, Livepeer's `id`. */
export function taskIdOf(task: unknown): string | undefined {
  if (typeof task !== 'object' || task === null || Array.isArray(task)) return undefined;
  const record = task as Record<string, unknown>;
  const id = record.task_id ?? record.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Every page token seen in this run (or since the last restart from the first page). */
export class TokenGuard {
  private readonly seen = new Set<string>();
  private emptyPages = 0;

  constructor(start?: string) {
    if (start !== undefined) this.seen.add(start);
  }

  reset(): void {
    this.seen.clear();
    this.emptyPages = 0;
  }

  /** Throws when `next` was handed out before: following it would repeat pages forever. */
  check(next: string | null, page: number): void {
    if (next === null) return;
    if (this.seen.has(next)) {
      throw new ServerFaultError(
        l10n.t(
          'The server sent a page token on page {0} that it had already sent earlier in this download; following it would repeat the same pages forever (a paging cycle on the server).',
          formatNumber(page),
        ),
      );
    }
    this.seen.add(next);
  }

  /** Counts pages that brought nothing new (empty, or only duplicates). */
  pageDone(newTasks: number, page: number): void {
    this.emptyPages = newTasks > 0 ? 0 : this.emptyPages + 1;
    if (this.emptyPages >= MAX_EMPTY_PAGES) {
      throw new ServerFaultError(
        l10n.t(
          'The server sent {0} pages in a row without a new task (up to page {1}); the listing does not seem to end.',
          formatNumber(MAX_EMPTY_PAGES),
          formatNumber(page),
        ),
      );
    }
  }
}

/** Stops a listing that grows far beyond the count the platform announced. */
export function checkCount(count: number, expected: number | null): void {
  if (expected === null) return;
  const limit = expected * 2 + 1_000;
  if (count > limit) {
    throw new ServerFaultError(
      l10n.t(
        'The server has listed {0} distinct tasks, far more than the {1} it announced; stopping rather than filling the disk.',
        formatNumber(count),
        formatNumber(expected),
      ),
    );
  }
}
