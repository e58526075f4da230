/**
 * Tree entries for Scale projects, batches, deliveries and tasks: labels, descriptions and markdown
 * tooltips in which every value from the API is inert text (`markdownText`). Pure functions of the
 * API objects; the platform (platform.ts) adds the loaders and download plans.
 */
import { formatNumber, shortDate } from '../../shared/format';
import { markdownName as mdName, markdownText as md } from '../platform/markdown';
import type { Entry, EntryLook, FilterSpec } from '../platform/platform';
import { BATCH_STATUSES, TASK_STATUSES } from './enums';
import { taskLabel } from '../../shared/taskLabel';
import { batchStatusLook, firstUserText, statusLabel, taskStatusLook } from './looks';
import type { Batch, Delivery, Project, Task } from './types';

export const TASK_STATUS_FILTER: FilterSpec = {
  key: 'status',
  label: 'Status',
  options: TASK_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
};

export const BATCH_STATUS_FILTER: FilterSpec = {
  key: 'status',
  label: 'Status',
  options: BATCH_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
};

export function projectLook(p: Project): EntryLook {
  const types = (p.types ?? []).join(', ');
  return {
    label: p.name,
    description: types,
    icon: 'project',
    tooltip: `**${mdName(p.name)}**\n\nProject ${md(p.id)}\n\nCreated ${md(shortDate(p.created_at))}${types ? `\n\nTypes: ${md(types)}` : ''}${p.models?.length ? `\n\nModels: ${md(p.models.join(', '))}` : ''}`,
  };
}

export function batchLook(b: Batch): EntryLook {
  const look = batchStatusLook(b.status);
  const when = b.completed_at ? `completed ${shortDate(b.completed_at)}` : `created ${shortDate(b.created_at)}`;
  return {
    label: b.name,
    description: `${statusLabel(b.status)} · ${when}`,
    icon: look.icon,
    tone: look.tone,
    tooltip: `**${mdName(b.name)}** — ${md(statusLabel(b.status))}\n\nBatch ${md(b.id)}\n\nCreated ${md(shortDate(b.created_at))}${b.completed_at ? `\n\nCompleted ${md(shortDate(b.completed_at))}` : ''}`,
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
    description: `${count === undefined ? '?' : formatNumber(count)} tasks · delivered ${shortDate(d.delivered_at)}`,
    icon: 'package',
    tooltip: `**${mdName(d.name)}**\n\nDelivery ${md(d.id)}\n\n${count ?? 'unknown number of'} tasks, delivered ${md(shortDate(d.delivered_at))}`,
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
      tooltip: `**Task ${md(t.task_id)}** — ${md(statusLabel(t.status))}${excerpt}\n\nCreated ${md(shortDate(t.created_at))}${t.completed_at ? `\n\nCompleted ${md(shortDate(t.completed_at))}` : ''}${meta.map(([k, v]) => `\n\n${md(k)}: ${md(JSON.stringify(v).slice(0, 80))}`).join('')}`,
    },
    task: { id: t.task_id, pathSegments: path },
  };
}
