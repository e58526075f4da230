/**
 * What a condition or a report figure needs from one annotation, reduced to a few numbers: the
 * flags, one number (integer value, rubric_rating score), one string (category, text, or the JSON
 * of a type without a rule) and one list (category_multiple choices, ranking groups). The raw
 * annotation is dropped after this, which is what keeps the index small.
 */
import { isRecord, type JsonRecord } from './taskWalk';

export const HAS_VALUE = 1;
export const NOT_APPLICABLE = 2;
export const CANNOT_ASSESS = 4;
/** `value` is a boolean (then TRUE says which). */
export const BOOLEAN = 8;
export const TRUE = 16;
/** `value` had the list shape its type promises (possibly empty). */
export const LIST = 32;

/** Types whose `value` is kept as a string; every other unknown type keeps its JSON for `~`. */
const STRING_TYPES = new Set(['category', 'text']);
/** Types with their own rule in explorer.md; these never fall back to "substring of JSON". */
export const RULED_TYPES = new Set([
  'integer',
  'rubric_rating',
  'boolean',
  'category',
  'category_multiple',
  'text',
  'ranked_choices',
  'ranked_groups',
]);

export interface AnnotationFacts {
  flags: number;
  /** NaN when the annotation has no usable number. */
  num: number;
  /** undefined when there is no string form. */
  str: string | undefined;
  /** List items with their group (rank position); empty when no list. */
  items: string[];
  groups: number[];
}

/** The annotation's `type`, with a missing one read as '' (a bare `{key, value}` annotation). */
export function typeOf(annotation: JsonRecord): string {
  return typeof annotation.type === 'string' ? annotation.type : '';
}

export function factsOf(annotation: JsonRecord, type: string, out: AnnotationFacts): AnnotationFacts {
  const value = annotation.value;
  out.flags = 0;
  out.num = NaN;
  out.str = undefined;
  // Setting an array's length is a slow path in V8; most annotations have no list to clear.
  if (out.items.length !== 0) out.items.length = 0;
  if (out.groups.length !== 0) out.groups.length = 0;
  if (annotation.not_applicable === true) out.flags |= NOT_APPLICABLE;
  if (annotation.cannot_assess === true) out.flags |= CANNOT_ASSESS;
  if (value === undefined || value === null) return out;
  out.flags |= HAS_VALUE;
  switch (type) {
    case 'integer':
      if (typeof value === 'number' && Number.isFinite(value)) out.num = value;
      break;
    case 'rubric_rating':
      if (isRecord(value) && typeof value.score === 'number' && Number.isFinite(value.score)) out.num = value.score;
      break;
    case 'boolean':
      if (typeof value === 'boolean') out.flags |= BOOLEAN | (value ? TRUE : 0);
      break;
    case 'category_multiple':
      if (Array.isArray(value)) {
        out.flags |= LIST;
        for (const item of value) if (typeof item === 'string') push(out, item, 0);
      }
      break;
    case 'ranked_choices':
      if (Array.isArray(value)) {
        out.flags |= LIST;
        value.forEach((item, position) => {
          if (typeof item === 'string') push(out, item, position);
        });
      }
      break;
    case 'ranked_groups':
      if (Array.isArray(value)) {
        out.flags |= LIST;
        value.forEach((group, position) => {
          // Tolerate a bare string where a group was expected: a group of one.
          const members: unknown[] = Array.isArray(group) ? group : [group];
          for (const item of members) if (typeof item === 'string') push(out, item, position);
        });
      }
      break;
    default:
      if (STRING_TYPES.has(type)) {
        if (typeof value === 'string') out.str = value;
      } else {
        out.str = JSON.stringify(value);
      }
  }
  return out;
}

function push(out: AnnotationFacts, item: string, group: number): void {
  out.items.push(item);
  out.groups.push(group);
}

export function emptyFacts(): AnnotationFacts {
  return { flags: 0, num: NaN, str: undefined, items: [], groups: [] };
}
