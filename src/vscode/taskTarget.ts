import type { TaskDocument } from '../core/platform/platform';
import type { Connection } from './connections';

/** A task to open: from a tree item, or asked for in the palette (connection, then id). */
export interface TaskTarget {
  readonly connection: Connection;
  readonly taskId: string;
  readonly pathSegments: readonly string[];
  /** Known when the task was fetched to build the target (palette path): where it sits in the tree. */
  readonly treePath?: readonly string[];
  /** The task itself, when it was fetched to build the target: the task view shows it without fetching again. */
  readonly document?: TaskDocument;
}
