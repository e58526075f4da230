/**
 * Task Lens version for the User-Agent. Kept as a constant (not an import of package.json) so the
 * bundles do not inline the whole manifest; a unit test checks it matches package.json.
 */
export const TASK_LENS_VERSION = '0.1.0';
