import * as vscode from 'vscode';
import { EXPLORER_VIEW_TYPE } from '../explorer/explorers';
import { agreementOverSet, type SetAgreement } from '../explorer/reviewAgreement';
import type { CommandContext } from './context';
import { activeTaskFile, pickTaskFile } from './taskFilePick';

/** "Open in Explorer": the file the menu was opened on, else the active task file, else one the user picks. */
export async function openInExplorer(_ctx: CommandContext, target?: unknown): Promise<void> {
  const uri =
    target instanceof vscode.Uri ? target : (activeTaskFile() ?? (await pickTaskFile(vscode.l10n.t('Open in Delivery Explorer'))));
  if (!uri) return;
  await vscode.commands.executeCommand('vscode.openWith', uri, EXPLORER_VIEW_TYPE);
}

/** "Open the Sample Delivery": the task file that ships with the extension, in the explorer (offline). */
export async function openSample(ctx: CommandContext): Promise<void> {
  const uri = await ctx.explorers.sampleFile();
  await vscode.commands.executeCommand('vscode.openWith', uri, EXPLORER_VIEW_TYPE);
}

/** "Save Filtered Set…" from the editor title or the palette, for the explorer in front. */
export async function saveFilteredSet(ctx: CommandContext): Promise<void> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === EXPLORER_VIEW_TYPE) await ctx.explorers.saveSet(input.uri);
  else void vscode.window.showInformationMessage(vscode.l10n.t('Open a task file in the delivery explorer first.'));
}

/**
 * "Show Review Agreement": over the explorer's current set, how often the reviewer's blind choices
 * (task view, Blind review) picked the annotators' winner. Returns the figures (tests read them).
 */
export async function showReviewAgreement(ctx: CommandContext): Promise<SetAgreement | undefined> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const model =
    input instanceof vscode.TabInputCustom && input.viewType === EXPLORER_VIEW_TYPE ? ctx.explorers.model(input.uri) : undefined;
  if (!model?.index) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a task file in the delivery explorer first.'));
    return undefined;
  }
  const result = await agreementOverSet(model, ctx.reviews);
  const setSize = result.setSize.toLocaleString(vscode.env.language);
  if (result.compared === 0) {
    void vscode.window.showInformationMessage(
      result.reviewedTasks === 0
        ? vscode.l10n.t(
            'No blind choices in these {0} tasks yet. Open a task, turn on Blind review and mark the answer you prefer.',
            setSize,
          )
        : vscode.l10n.t('Your choices in {0} tasks are in turns without an annotators’ ranking: nothing to compare.', result.reviewedTasks),
    );
    return result;
  }
  const percent = Math.round((result.agreed / result.compared) * 100);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'You picked the annotators’ winner in {0} of {1} turns ({2}%), over {3} reviewed tasks of these {4}.',
      result.agreed,
      result.compared,
      percent,
      result.reviewedTasks,
      setSize,
    ) + (result.unranked > 0 ? ' ' + vscode.l10n.t('{0} choices were in turns without a ranking.', result.unranked) : ''),
  );
  return result;
}
