/**
 * File shapes of the Scale v2 API (§6.5). There is no discriminator between them and every field is
 * optional; `classifyAttachment` in `helpers.ts` tells them apart.
 */

type Maybe<T> = T | null | undefined;

export interface BasicFile {
  /** Base64-encoded bytes. */
  content?: Maybe<string>;
  mime_type?: Maybe<string>;
  scale_url?: Maybe<string>;
  url?: Maybe<string>;
  name?: Maybe<string>;
}

export interface ImageFile {
  mime_type?: Maybe<string>;
  scale_url?: Maybe<string>;
  url?: Maybe<string>;
  name?: Maybe<string>;
  file_size_in_bytes?: Maybe<number>;
}

export interface AudioFile {
  mime_type?: Maybe<string>;
  scale_url?: Maybe<string>;
  url?: Maybe<string>;
  /** Seconds. */
  duration?: Maybe<number>;
  transcript?: Maybe<string>;
  transcript_url?: Maybe<string>;
  /** Seconds. */
  transcript_start?: Maybe<number>;
  /** Seconds. */
  transcript_end?: Maybe<number>;
}

/**
 * One attachment. Written as a single object type with every field of the three shapes, because the
 * wire format has no discriminator and a union would make every field access a type error.
 */
export type DetailedFile = BasicFile & ImageFile & AudioFile;

export type AttachmentKind = 'audio' | 'image' | 'basic';

/** A file produced by a code-execution workspace. */
export interface WorkspaceFile {
  file_name?: Maybe<string>;
  scale_url: string;
  url?: Maybe<string>;
  file_language?: Maybe<string>;
  file_content?: Maybe<string>;
}

/** Captured output (stdout, stderr) either inline or by URL. */
export interface ContentAndUrl {
  content?: Maybe<string>;
  url?: Maybe<string>;
  scale_url?: Maybe<string>;
}
