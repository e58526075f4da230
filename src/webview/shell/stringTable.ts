/**
 * A page's string table: English defaults (the source `npm run l10n` collects and the host
 * translates), the translations the host sent (known keys only, so a message cannot add or rename
 * anything), and `t` with positional `{0}`, `{1}` … arguments. One shape for every page's table.
 */
export interface StringTable<K extends string> {
  readonly english: Readonly<Record<K, string>>;
  /** Takes the host's translations of known keys; a key it did not send stays English. */
  set(given: Record<string, string> | undefined): void;
  t(key: K, ...args: Array<string | number>): string;
}

export function fill(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const a = args[Number(i)];
    return a === undefined ? m : String(a);
  });
}

export function knownStrings<K extends string>(
  english: Readonly<Record<K, string>>,
  given: Record<string, string> | undefined,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (!given) return out;
  for (const key of Object.keys(english) as K[]) if (typeof given[key] === 'string') out[key] = given[key];
  return out;
}

export function stringTable<K extends string>(english: Readonly<Record<K, string>>): StringTable<K> {
  let current: Record<K, string> = { ...english };
  return {
    english,
    set(given) {
      current = { ...english, ...knownStrings(english, given) };
    },
    t: (key, ...args) => fill(current[key], args),
  };
}
