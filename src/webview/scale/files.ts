/**
 * File chips for message attachments and file annotations: name, type, size.
 * Thumbnails only from inline base64 `content` of a raster image type — never fetched.
 */
import { h, icon, isAllowedImageSrc } from '../shell/dom';
import { formatBytes, formatNumber } from '../../shared/format';
import { base64Size } from '../shell/format';
import { isAllowedLinkUrl } from '../../shared/links';
import type { FileV } from './model';
import { t } from '../shell/strings';

const RASTER = /^image\/(png|jpeg|gif|webp)$/;

export function thumbnailSrc(f: FileV): string | undefined {
  const mime = f.mimeType?.trim().toLowerCase();
  if (!mime || !RASTER.test(mime) || !f.content) return undefined;
  const src = `data:${mime};base64,${f.content.replace(/\s+/g, '')}`;
  return isAllowedImageSrc(src) ? src : undefined;
}

function fileIcon(f: FileV): string {
  if (f.kind === 'audio') return 'file-media';
  if (f.kind === 'image') return 'file-media';
  return 'file';
}

export function fileChip(f: FileV): HTMLElement {
  const name = f.name ?? f.url ?? f.scaleUrl ?? t('unnamed');
  const link = isAllowedLinkUrl(f.url) ? f.url : isAllowedLinkUrl(f.scaleUrl) ? f.scaleUrl : undefined;
  const size = f.size ?? (f.content ? base64Size(f.content) : undefined);
  const thumb = thumbnailSrc(f);
  const meta = [
    f.mimeType,
    size !== undefined ? formatBytes(size) : undefined,
    f.duration !== undefined ? t('duration', formatNumber(f.duration)) : undefined,
  ].filter((x): x is string => x !== undefined && x !== '');
  return h(
    'li',
    { class: `file-chip file-${f.kind}` },
    thumb ? h('img', { class: 'thumb', src: thumb, alt: name }) : icon(fileIcon(f), 'file-icon'),
    h(
      'span',
      { class: 'file-main' },
      link ? h('a', { href: link, class: 'link file-name', title: link }, name) : h('span', { class: 'file-name' }, name),
      meta.length > 0 ? h('small', { class: 'file-meta' }, meta.join(' · ')) : null,
    ),
    f.transcript !== undefined
      ? h('details', { class: 'transcript' }, h('summary', null, t('transcript')), h('p', { class: 'pre-wrap' }, f.transcript))
      : null,
  );
}

export function fileChips(files: FileV[]): HTMLElement {
  return h('ul', { class: 'file-chips' }, files.map(fileChip));
}
