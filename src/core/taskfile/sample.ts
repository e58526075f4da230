/** The sample delivery shipped in the extension (media/sample/, made by scripts/sample.ts at build). */
export const SAMPLE_FOLDER = ['media', 'sample'] as const;
export const SAMPLE_FILE = 'Task Lens sample delivery.jsonl';
