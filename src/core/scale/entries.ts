/**
 * Tree entries for Scale projects, batches, deliveries and tasks: labels, descriptions and markdown
 * tooltips in which every value from the API is inert text (`markdownText`). Pure functions of the
 * API objects; the platform (platform.ts) adds the loaders and download plans. Their own words go
 * through @vscode/l10n (the editor's bundle; English in the CLI), built per call so a bundle loaded
 * after this module still applies.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber, shortDate } from '../../shared/format';
import { markdownName as mdName, markdownText as md } from '../platform/markdown';
import type { Entry, EntryLook, FilterSpec } from '../platform/platform';
import { BATCH_STATUSES, TASK_STATUSES } from './enums';
import { taskLabel } from '../../shared/taskLabel';
import { batchStatusLook, firstUserText, statusLabel, taskStatusLook } from './looks';
import type { Batch, Delivery, Project, Task } from './types';

export function taskStatusFilter(): FilterSpec {
  return { key: 'status', label: l10n.t('Status'), options: TASK_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })) };
}

export function batchStatusFilter(): FilterSpec {
  return { key: 'status', label: l10n.t('Status'), options: BATCH_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })) };
}

export function projectLook(p: Project): EntryLook {
  const types = (p.types ?? []).join(', ');
  return {
    label: p.name,
    description: types,
    icon: 'project',
    tooltip: [
      `**${mdName(p.name)}**`,
      l10n.t('Project {0}', md(p.id)),
      l10n.t('Created {0}', md(shortDate(p.created_at))),
      ...(types ? [l10n.t('Types: {0}', md(types))] : []),
      ...(p.models?.length ? [l10n.t('Models: {0}', md(p.models.join(', ')))] : []),
    ].join('\n\n'),
  };
}

export function batchLook(b: Batch): EntryLook {
  const look = batchStatusLook(b.status);
  const when = b.completed_at ? l10n.t('completed {0}', shortDate(b.completed_at)) : l10n.t('created {0}', shortDate(b.created_at));
  return {
    label: b.name,
    description: `${statusLabel(b.status)} · ${when}`,
    icon: look.icon,
    tone: look.tone,
    tooltip: [
      `**${mdName(b.name)}** — ${md(statusLabel(b.status))}`,
      l10n.t('Batch {0}', md(b.id)),
      l10n.t('Created {0}', md(shortDate(b.created_at))),
      ...(b.completed_at ? [l10n.t('Completed {0}', md(shortDate(b.completed_at)))] : []),
    ].join('\n\n'),
  };
}

/** The delivery's task count when the API gave a number (it may be missing). */
export function deliveryTaskCount(d: Delivery): number | undefined {
  return typeof d.task_count === 'number' ? d.task_count : undefined;
}

export function deliveryLook(d: Delivery): EntryLook {
  const count = deliveryTaskCount(d);
  return {
    label: d.name,
    description: l10n.t('{0} tasks · delivered {1}', count === undefined ? '?' : formatNumber(count), shortDate(d.delivered_at)),
    icon: 'package',
    tooltip: [
      `**${mdName(d.name)}**`,
      l10n.t('Delivery {0}', md(d.id)),
      count === undefined
        ? l10n.t('unknown number of tasks, delivered {0}', md(shortDate(d.delivered_at)))
        : l10n.t('{0} tasks, delivered {1}', count, md(shortDate(d.delivered_at))),
    ].join('\n\n'),
  };
}

/** A task row; `path` names where it was listed (project and batch or delivery) for its tab. */
export function taskEntry(t: Task, path: string[]): Entry {
  const look = taskStatusLook(t.status);
  const meta = t.metadata && typeof t.metadata === 'object' ? Object.entries(t.metadata).slice(0, 5) : [];
  // Ids share a long prefix: the row says what the task is about, the id is beside it in full.
  const text = firstUserText(t);
  const excerpt = text ? `\n\n“${md(text.replace(/\s+/g, ' ').trim().slice(0, 300))}”` : '';
  return {
    key: `task:${t.task_id}`,
    type: 'task',
    copyId: t.task_id,
    look: {
      label: taskLabel(t.task_id, text),
      description: `${statusLabel(t.status)} · ${t.task_id}`,
      icon: look.icon,
      tone: look.tone,
      tooltip: [
        `**${l10n.t('Task {0}', md(t.task_id))}** — ${md(statusLabel(t.status))}${excerpt}`,
        l10n.t('Created {0}', md(shortDate(t.created_at))),
        ...(t.completed_at ? [l10n.t('Completed {0}', md(shortDate(t.completed_at)))] : []),
        ...meta.map(([k, v]) => `${md(k)}: ${md(JSON.stringify(v).slice(0, 80))}`),
      ].join('\n\n'),
    },
    task: { id: t.task_id, pathSegments: path },
  };
}
