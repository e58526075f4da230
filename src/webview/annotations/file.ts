/** file annotations: one DetailedFile or a list of BasicFiles, as file chips. */
import { fileChips } from '../files';
import { isRec } from '../model';
import { readFile } from '../scaleModel';
import type { ValueRenderer } from './types';

export const renderFile: ValueRenderer = (a) => {
  const list = Array.isArray(a.value) ? a.value : isRec(a.value) ? [a.value] : undefined;
  if (!list || !list.every(isRec)) return undefined;
  return { node: fileChips(list.map(readFile)) };
};
