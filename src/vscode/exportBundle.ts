/**
 * What Export… runs, bundled apart (dist/export.js, esbuild.mjs) and loaded on the first export:
 * with hyparquet-writer it is a quarter of the extension's code, which activation need not load.
 * The cancellation check comes from here too, so it knows the error class this bundle throws.
 */
export { describeSkipped, ExportOutputError, runExport } from '../core/export';
export { isCancelledError } from '../core/http/errors';
