import * as vscode from 'vscode';
import { formatNumber } from '../../shared/format';
import { exportTaskFile } from '../commands/exportFile';
import type { ReportPanels } from '../report/reportPanels';
import type { ExplorerSetChange } from './explorerModel';
import { exportSelection } from './exportSet';
import type { Explorers } from './explorers';

/**
 * The explorer and the quality report of the same file, kept in step (issue 15, item 2): a click in
 * the report narrows the explorer (its conditions are added to the explorer's), and the report of a
 * file with an open explorer follows the explorer's set ("Report of 1,204 of 100,000 tasks"). The
 * explorer's Report button opens that report beside it; its Export… exports the set (issue 16).
 */
export function linkExplorerAndReports(explorers: Explorers, reports: ReportPanels): vscode.Disposable {
  const follow = (change: ExplorerSetChange) => {
    const whole = change.count === change.total;
    const label = whole
      ? vscode.l10n.t('all {0} tasks in the explorer', formatNumber(change.total))
      : vscode.l10n.t('{0} of {1} tasks in the explorer', formatNumber(change.count), formatNumber(change.total));
    return reports.follow(change.uri, whole ? undefined : Array.from(change.indexRows), label, change.index);
  };
  explorers.commandHandler = async (name, model) => {
    if (name === 'report') {
      const change = explorers.currentSet(model.uri);
      if (change) follow(change);
      return;
    }
    const selection = exportSelection(model);
    if (selection) await exportTaskFile(model.uri, selection);
  };
  return vscode.Disposable.from(
    reports.onDidRequestFilter(async (request) => {
      const current = explorers.currentSet(request.file);
      if (!current) return; // no explorer on that file: the report narrows itself
      const conditions = [...current.conditions, ...request.conditions.filter((c) => !current.conditions.includes(c))];
      await explorers.applyConditions(request.file, conditions, {
        statuses: request.statuses ?? current.statuses,
        search: current.search,
      });
    }),
    explorers.onDidChangeSet((change) => {
      if (reports.get(change.uri)) follow(change);
    }),
    explorers.onDidClose((uri) => reports.unfollow(uri)),
    { dispose: () => (explorers.commandHandler = undefined) },
  );
}
