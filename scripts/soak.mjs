// `npm run soak`: the download fault soak with 200 randomized runs (the unit suite runs 50).
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '200';
const result = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--no-config', '--node-option', 'import=tsx', '--timeout', '20000', 'test/unit/downloadSoak.test.ts'],
  { stdio: 'inherit', env: { ...process.env, TASK_LENS_SOAK_RUNS: runs } },
);
process.exit(result.status ?? 1);
