import type { Children } from '../../core/platform/platform';
import type { TreeNode } from './node';

/** What nodes need from the tree provider, without depending on it. */
export interface TreeContext {
  childrenOf(owner: TreeNode, source: () => Promise<Children>): Promise<TreeNode[]>;
  filterDescription(owner: TreeNode): string;
}
