import { NO_NAME } from '../core/platform/markdown';
import { displayText } from '../shared/displayText';

/**
 * Labels, descriptions and titles the editor shows for names from an API or a setting: control,
 * bidirectional and zero-width characters are shown escaped (`\u202e`), by the CLI's rule, so that
 * `\u202etxt.exe` cannot read “exe.txt” and two names that look alike are told apart.
 */
export function shownText(text: string | undefined): string {
  return text ? displayText(text) : '';
}

/** A name as a label; undefined when it is empty (the caller shows `NO_NAME` and the id instead). */
export function shownName(name: string | undefined): string | undefined {
  return name && name.trim() !== '' ? displayText(name) : undefined;
}

export { NO_NAME };
