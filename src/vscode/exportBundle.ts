/**
 * What Export… runs, bundled apart (dist/export.js, esbuild.mjs) and loaded on the first export:
 * with hyparquet-writer it is a quarter of the extension's code, which activation need not load.
 * The cancellation check comes from here too, so it knows the error class this bundle throws.
 */
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from '../shared/format';

export { describeSkipped, ExportOutputError, runExport } from '../core/export';
export { isCancelledError } from '../core/http/errors';

/**
 * This bundle has its own copies of `@vscode/l10n` and the number formatter: they get the editor's
 * translations and display language, as the extension's copies do at activation.
 */
export function useEditorLanguage(language: string, bundle: { [key: string]: string } | undefined): void {
  setDisplayLocale(language);
  if (bundle) l10n.config({ contents: bundle });
}
