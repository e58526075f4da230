/**
 * Deterministic 24-hex ids shaped like MongoDB ObjectIds. The id encodes what it names
 * (kind, collection, index, sub-index), so the emulator can find task 73,412 of a delivery from its
 * id alone without keeping anything in memory.
 *
 * Layout (hex digits): 6 prefix (per kind, looks like an ObjectId timestamp) · 2 kind · 4 collection
 * · 8 index · 4 sub-index.
 */

export const ID_KINDS = {
  project: { code: 0x01, prefix: '6640aa' },
  batch: { code: 0x02, prefix: '6650e0' },
  task: { code: 0x03, prefix: '6650f0' },
  delivery: { code: 0x04, prefix: '6660d1' },
  annotation: { code: 0x05, prefix: '6670a1' },
  schema: { code: 0x06, prefix: '6630b2' },
  dataset: { code: 0x07, prefix: '6680b2' },
  datasetDelivery: { code: 0x08, prefix: '6681c3' },
  datasetTask: { code: 0x09, prefix: '6682d4' },
} as const;

export type IdKind = keyof typeof ID_KINDS;

export interface DecodedId {
  readonly kind: IdKind;
  readonly collection: number;
  readonly index: number;
  readonly sub: number;
}

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(digits, '0').slice(-digits);
}

export function objectId(kind: IdKind, collection: number, index = 0, sub = 0): string {
  const spec = ID_KINDS[kind];
  return `${spec.prefix}${hex(spec.code, 2)}${hex(collection, 4)}${hex(index, 8)}${hex(sub, 4)}`;
}

export function decodeId(id: string): DecodedId | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const code = Number.parseInt(id.slice(6, 8), 16);
  const entry = Object.entries(ID_KINDS).find(([, spec]) => spec.code === code && id.startsWith(spec.prefix));
  if (!entry) return undefined;
  return {
    kind: entry[0] as IdKind,
    collection: Number.parseInt(id.slice(8, 12), 16),
    index: Number.parseInt(id.slice(12, 20), 16),
    sub: Number.parseInt(id.slice(20, 24), 16),
  };
}

export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}
