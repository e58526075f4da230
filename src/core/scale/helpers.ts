/** Small readers over the tolerant Scale types, shared by the tree, the task view and the CLI. */
import type { Annotation, KnownAnnotation } from './annotationTypes';
import { ANNOTATION_TYPES, isKnownValue } from './enums';
import type { AttachmentKind, DetailedFile } from './fileTypes';

/** Anything that is either an id string or an object carrying `id` (the `Expandable*` types). */
type Expandable = string | { readonly id?: string | null } | null | undefined;

/** The id of an expandable reference, whether or not it was expanded. */
export function idOf(value: Expandable): string | undefined {
  if (typeof value === 'string') return value;
  return value?.id ?? undefined;
}

/** The name of an expanded reference; undefined when only the id was sent. */
export function nameOf(value: string | { readonly name?: string | null } | null | undefined): string | undefined {
  if (typeof value === 'string' || value === null || value === undefined) return undefined;
  return value.name ?? undefined;
}

/** Name when expanded, id otherwise: a label that is always something. */
export function labelOf(
  value: string | { readonly id?: string | null; readonly name?: string | null } | null | undefined,
): string | undefined {
  return nameOf(value) ?? idOf(value);
}

/** Narrows to the documented variants, so a `switch (a.type)` sees typed `value`s. */
export function isKnownAnnotation(annotation: Annotation): annotation is KnownAnnotation {
  return isKnownValue(ANNOTATION_TYPES, annotation.type);
}

/**
 * Tells the attachment shapes apart (§6.5): audio by its audio-only fields or mime type, image by
 * size or mime type, anything else basic (possibly with inline base64 `content`).
 */
export function classifyAttachment(file: DetailedFile): AttachmentKind {
  const mime = (file.mime_type ?? '').toLowerCase();
  const hasAudioFields = [file.duration, file.transcript, file.transcript_url, file.transcript_start, file.transcript_end].some(
    (field) => field !== undefined && field !== null,
  );
  if (hasAudioFields || mime.startsWith('audio/')) return 'audio';
  if ((file.file_size_in_bytes !== undefined && file.file_size_in_bytes !== null) || mime.startsWith('image/')) return 'image';
  return 'basic';
}
