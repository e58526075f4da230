/**
 * The columns of `--format table` for each list the CLI prints. Ids stay whole (they are what a
 * person copies into the next command); names give way when the terminal is narrow. Status
 * colours come from the same look tables as the editor's icons.
 */
import type { Task as LivepeerTask } from '../core/livepeer/types';
import { labelOf } from '../core/scale/helpers';
import type { Batch, Delivery, Project, Task } from '../core/scale/types';
import { formatNumber, percent, shortDate } from '../shared/format';
import { LIVEPEER_TASK_PHASE, SCALE_BATCH_STATUS, SCALE_TASK_STATUS, statusLookIn } from '../shared/statusLooks';
import type { Column } from './table';

export const PROJECT_COLUMNS: readonly Column<Project>[] = [
  { header: 'NAME', value: (p) => p.name, flexible: true },
  { header: 'ID', value: (p) => p.id },
  { header: 'CREATED', value: (p) => shortDate(p.created_at) },
  { header: 'TYPES', value: (p) => (p.types ?? []).join(', '), flexible: true },
];

export const BATCH_COLUMNS: readonly Column<Batch>[] = [
  { header: 'NAME', value: (b) => b.name, flexible: true },
  { header: 'STATUS', value: (b) => b.status, tone: (b) => statusLookIn(SCALE_BATCH_STATUS, b.status).tone },
  { header: 'ID', value: (b) => b.id },
  { header: 'CREATED', value: (b) => shortDate(b.created_at) },
];

export const TASK_COLUMNS: readonly Column<Task>[] = [
  { header: 'TASK ID', value: (t) => t.task_id },
  { header: 'STATUS', value: (t) => t.status, tone: (t) => statusLookIn(SCALE_TASK_STATUS, t.status).tone },
  { header: 'BATCH', value: (t) => (t.batch ? labelOf(t.batch) : ''), flexible: true },
  { header: 'CREATED', value: (t) => shortDate(t.created_at) },
  { header: 'COMPLETED', value: (t) => shortDate(t.completed_at) },
];

export const DELIVERY_COLUMNS: readonly Column<Delivery>[] = [
  { header: 'NAME', value: (d) => d.name, flexible: true },
  { header: 'TASKS', value: (d) => (typeof d.task_count === 'number' ? formatNumber(d.task_count) : '') },
  { header: 'DELIVERED', value: (d) => shortDate(d.delivered_at) },
  { header: 'ID', value: (d) => d.id },
];

export const LIVEPEER_TASK_COLUMNS: readonly Column<LivepeerTask>[] = [
  { header: 'ID', value: (t) => t.id },
  { header: 'TYPE', value: (t) => t.type },
  { header: 'PHASE', value: (t) => t.status?.phase, tone: (t) => statusLookIn(LIVEPEER_TASK_PHASE, t.status?.phase).tone },
  {
    header: 'PROGRESS',
    value: (t) => (typeof t.status?.progress === 'number' && t.status.phase === 'running' ? percent(t.status.progress) : ''),
  },
  { header: 'CREATED', value: (t) => (typeof t.createdAt === 'number' ? shortDate(t.createdAt) : '') },
  { header: 'ERROR', value: (t) => t.status?.errorMessage, flexible: true },
];
