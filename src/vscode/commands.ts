import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { addConnection } from './connectionCommands';
import { ConnectionStore } from './connections';
import { Log } from './log';
import { TaskLensTreeProvider } from './tree/provider';
import { TreeNode } from './tree/node';

export interface CommandDeps {
  readonly store: ConnectionStore;
  readonly tree: TaskLensTreeProvider;
  readonly log: Log;
}

const DEMO_URL = 'http://127.0.0.1:4010';
const DEMO_KEY = 'demo-key';

/** Registers every command in CommandIds; each handler reports its own failures to the user. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, tree, log } = deps;
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [CommandIds.addConnection]: () => addConnection(store),
    [CommandIds.openDemo]: () => connectDemo(store),
    [CommandIds.refresh]: (node?: TreeNode) => tree.refresh(node),
    [CommandIds.showLog]: () => log.channel.show(),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        log.error(`Command ${id} failed`, err);
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
        return undefined;
      }
    }),
  );
}

/** Adds a connection to the local API emulator that `npm run emulator` starts (key `demo-key`). */
async function connectDemo(store: ConnectionStore): Promise<void> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to the local demo emulator'),
    prompt: vscode.l10n.t('The URL `npm run emulator` printed.'),
    value: DEMO_URL,
    ignoreFocusOut: true,
  });
  if (!url) return;
  let name = 'Demo';
  for (let i = 2; store.get(name); i++) name = `Demo ${i}`;
  await store.add({ name, kind: 'scale', baseUrl: url.replace(/\/+$/, '') });
  const added = store.get(name);
  if (added) await store.setApiKey(added, DEMO_KEY);
}
