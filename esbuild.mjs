// Builds the three bundles (extension host, webview page, CLI) and the integration-test suite.
// `--release` minifies and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: release,
  sourcemap: release ? false : 'linked',
  logLevel: 'warning',
  legalComments: release ? 'none' : 'inline',
};

const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

// esbuild wraps an external CommonJS import separately in every file that imports it, copying the
// ~300 keys of the `vscode` API object each time; that was half of the activation time. Routing
// every `import * as vscode` through one ES module that re-exports it makes the copy happen once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// Export… (with hyparquet-writer) is its own bundle, loaded on first use: `import('../exportBundle')`
// becomes a require of dist/export.js, so activation does not load it.
const lazyExport = {
  name: 'lazy-export',
  setup(build) {
    build.onResolve({ filter: /[\\/]exportBundle$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './export.js', external: true } : undefined,
    );
  },
};

const allBuilds = [
  // The extension host bundle: `vscode` is provided by the editor at run time.
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [vscodeOnce, lazyExport],
    // A dynamic import of a bundle beside it becomes a plain require (the extension host is CommonJS).
    supported: { 'dynamic-import': false },
  },
  { ...node, entryPoints: ['src/vscode/exportBundle.ts'], outfile: 'dist/export.js' },
  // The task view page: runs in the webview's browser sandbox.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
  // The quality report page (charts with d3): its own bundle, so the task view stays small.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['src/webview/report/main.ts'],
    outfile: 'dist/report.js',
  },
  // The delivery explorer page (the virtualised table): its own bundle, like the report.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['src/webview/explorer/main.ts'],
    outfile: 'dist/explorer.js',
  },
  // The command-line tool shares src/core with the extension.
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// The integration suite runs inside the extension host; mocha stays a normal require from node_modules.
const suite = {
  ...node,
  minify: false,
  sourcemap: 'inline',
  entryPoints: ['test/suite/index.ts'],
  outfile: 'out/suite/index.js',
  external: ['vscode', 'mocha', 'playwright-core'],
};
if (!release) allBuilds.push(suite);
const builds = allBuilds.filter((b) => existsSync(b.entryPoints[0]));

function copyCodicons() {
  // The webview loads the codicon font from the extension's own files (CSP allows only those).
  mkdirSync('dist/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/codicons/${f}`);
}

copyCodicons();
// The sample delivery shipped in the VSIX, generated from the emulator's seeded data (deterministic).
if (release || !existsSync('media/sample/Task Lens sample delivery.jsonl'))
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sample.ts'], { stdio: 'inherit' });
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
