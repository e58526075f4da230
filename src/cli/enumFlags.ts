/**
 * Flags whose values the platform enumerates (`--status`, `--phase`, `--type`). The known values
 * come from the platform's types in core (one place for each fact); the help, the shell completion
 * and the check below all read them from the option.
 *
 * A value outside the list is most often a typo (`--status complete`), which would otherwise
 * silently match nothing and exit 0. So it is a usage error (exit 2) naming the known values and
 * the closest one. Platforms do add values, though: `--allow-unknown` sends such a value anyway,
 * with a warning on stderr.
 */
import { Option, type Command } from 'commander';
import { UsageError } from './errors';

/** The known values of each enum option, keyed by the option object itself. */
const KNOWN_VALUES = new WeakMap<Option, EnumFacts>();

interface EnumFacts {
  readonly values: readonly string[];
  /** What a value is, for messages: `task status`, `batch status`, `task phase`. */
  readonly noun: string;
  /** What an unknown value is used for: sent to the platform, or matched in a file offline. */
  readonly use: 'send' | 'match';
}

/** The flag name of the escape hatch, used in messages and the program's option list. */
export const ALLOW_UNKNOWN_FLAG = '--allow-unknown';

/**
 * An option taking one of `values` (or, with `--allow-unknown`, any value). Repeatable options pass
 * their collector as `parse`.
 */
export function enumOption(
  flags: string,
  description: string,
  values: readonly string[],
  noun: string,
  parse?: { readonly collect: (value: string, previous: string[]) => string[] },
  use: EnumFacts['use'] = 'send',
): Option {
  const option = new Option(flags, `${description} (${values.join(', ')})`);
  if (parse) option.argParser(parse.collect).default([]);
  KNOWN_VALUES.set(option, { values, noun, use });
  return option;
}

/** The known values of an option made by `enumOption`, for completion. */
export function knownValuesOf(option: Option): readonly string[] | undefined {
  return KNOWN_VALUES.get(option)?.values;
}

/**
 * Checks every enum option given to `command`. Throws a UsageError for an unknown value unless
 * `allowUnknown`, in which case `warn` is told and the value goes through as typed.
 */
export function checkEnumFlags(command: Command, allowUnknown: boolean, warn: (message: string) => void): void {
  for (const option of command.options) {
    const facts = KNOWN_VALUES.get(option);
    if (!facts) continue;
    const raw: unknown = command.getOptionValue(option.attributeName());
    const given = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
    for (const value of given) {
      if (typeof value !== 'string' || facts.values.includes(value)) continue;
      const flag = option.long ?? option.flags;
      if (allowUnknown) {
        const how = facts.use === 'send' ? 'sending it as given' : 'matching it as given';
        warn(`“${value}” is not a ${facts.noun} Task Lens knows (${facts.values.join(', ')}); ${how} (${ALLOW_UNKNOWN_FLAG}).`);
        continue;
      }
      const closest = closestValue(value, facts.values);
      throw new UsageError(
        `${flag} “${value}” is not a known ${facts.noun}. Known: ${facts.values.join(', ')}.` +
          (closest ? ` Did you mean “${closest}”?` : '') +
          (facts.use === 'send'
            ? ` If the platform has added this value, pass ${ALLOW_UNKNOWN_FLAG} to send it anyway.`
            : ` If the file holds this value, pass ${ALLOW_UNKNOWN_FLAG} to match it anyway.`),
      );
    }
  }
}

/** The known value nearest to a typo (edit distance at most a third of its length), if any. */
export function closestValue(value: string, values: readonly string[]): string | undefined {
  const typed = value.toLowerCase();
  let best: { value: string; distance: number } | undefined;
  for (const candidate of values) {
    const distance = typed === candidate ? 0 : editDistance(typed, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { value: candidate, distance };
  }
  if (!best) return undefined;
  const prefix = values.find((v) => v.startsWith(typed) || typed.startsWith(v));
  if (best.distance <= Math.max(1, Math.floor(value.length / 3))) return best.value;
  return prefix;
}

/** Levenshtein distance, two rows at a time (the strings are flag values: a few characters). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
