// `npm start`: builds the extension, starts the API emulator with its seeded demo data and a real
// VS Code server on 127.0.0.1 with Task Lens loaded and two demo connections, and prints the URL.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureVsCodeServer, freePort, startVsCodeServer } from '../test/runner/codeServer.mjs';

const root = path.resolve(import.meta.dirname, '..');
const demoDir = path.join(root, '.demo');
const workspace = path.join(demoDir, 'workspace');
const DEMO_KEY = 'demo-key';

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
ensureVsCodeServer();
if (!existsSync(workspace)) {
  mkdirSync(demoDir, { recursive: true });
  cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
}

const emulatorPort = Number(process.env.EMULATOR_PORT ?? (await freePort()));
const emulator = spawn(
  process.execPath,
  ['--import', 'tsx', 'test/emulator/main.ts', '--port', String(emulatorPort), '--api-key', DEMO_KEY, '--livepeer-step-ms', '8000'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const emulatorUrl = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`The emulator exited with code ${code}`)));
  emulator.stdout.on('data', (d) => {
    const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
    if (m) resolve(m[1]);
  });
});

const connections = [
  { name: 'Demo (Scale)', kind: 'scale', baseUrl: emulatorUrl, apiKeyEnv: 'TASKLENS_DEMO_API_KEY' },
  { name: 'Demo (Livepeer)', kind: 'livepeer', baseUrl: `${emulatorUrl}/livepeer/api`, apiKeyEnv: 'TASKLENS_DEMO_API_KEY' },
];
const port = Number(process.env.PORT ?? 8080);
const server = await startVsCodeServer({
  port,
  dataDir: path.join(demoDir, 'vscode'),
  env: { TASKLENS_CONNECTIONS: JSON.stringify(connections), TASKLENS_DEMO_API_KEY: DEMO_KEY },
});
const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]];
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

console.log(
  `\nTask Lens demo is running.\n  API emulator: ${emulatorUrl} (key "${DEMO_KEY}")\n  Open VS Code:  ${url}\n\nPress Ctrl+C to stop.`,
);
// Ctrl+C stops everything the demo started: the VS Code server's whole process group (its file
// watcher, pty host and extension hosts included) and the emulator.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  emulator.kill();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
