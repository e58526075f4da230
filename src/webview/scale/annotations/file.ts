/** file annotations: one DetailedFile or a list of BasicFiles, as file chips. */
import { fileChips } from '../files';
import { isRec } from '../../shell/model';
import { readFile } from '../model';
import type { ValueRenderer } from './types';

export const renderFile: ValueRenderer = (a) => {
  const list = Array.isArray(a.value) ? a.value : isRec(a.value) ? [a.value] : undefined;
  if (!list || !list.every(isRec)) return undefined;
  return { node: fileChips(list.map(readFile)) };
};
