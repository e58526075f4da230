/**
 * Runs the emulator from a shell:
 *   npx tsx test/emulator/main.ts --port 8787 --api-key demo-key --delivery-size 100000
 * Prints the base URL on the first line of stdout (scripts read it), then notes on stderr.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_KEY, startEmulator } from './server';

const USAGE = `Usage: tsx test/emulator/main.ts [--port N] [--api-key KEY] [--delivery-size N] [--seed N]

  --port N            port on 127.0.0.1 (default 0: a free port)
  --api-key KEY       key clients must send as "Authorization: Bearer KEY" (default ${DEFAULT_API_KEY})
  --delivery-size N   tasks in "Sized delivery" (default 300; 100000 works, generated on the fly)
  --seed N            changes generated content, not ids (default 42)
  --livepeer-step-ms N  advance Livepeer tasks in flight every N ms (default 0: only when stepped
                      through POST /__emulator/livepeer/step)`;

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got "${raw}"\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string' },
      'delivery-size': { type: 'string' },
      seed: { type: 'string' },
      'livepeer-step-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator({
    port: integer('port', values.port, 0),
    apiKey: values['api-key'] ?? DEFAULT_API_KEY,
    deliverySize: integer('delivery-size', values['delivery-size'], 300),
    seed: integer('seed', values.seed, 42),
    livepeerStepMs: integer('livepeer-step-ms', values['livepeer-step-ms'], 0),
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `Task Lens API emulator listening on ${emulator.url} (Scale v2 under /v2, Livepeer Studio under /livepeer/api, controls under /__emulator)\n`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
