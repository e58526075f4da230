// The English strings of the pages' tables (task view, explorer, report), read by importing the tables through tsx (the
// same objects the page and the host use), for the l10n bundle.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export async function pageStringSources(root) {
  const script = `
    const m = await import(${JSON.stringify(path.join(root, 'src', 'webview', 'pageStrings.ts'))});
    const tables = m.PAGE_STRING_TABLES ?? m.default.PAGE_STRING_TABLES;
    console.log(JSON.stringify(tables.flatMap((t) => Object.values(t))));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
}
