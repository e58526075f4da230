/**
 * The README.md of an `hf` export: a YAML header `datasets` and the Hub read (configs, features,
 * split sizes), then a short description with the source delivery and the counts.
 */
import type { DownloadSource } from '../download';
import { featuresYaml } from './hfSchema';
import type { RecordShape } from './sink';
import { describeSkipped, type ExportCounts } from './summary';

export interface CardSource {
  /** The input file's name. */
  readonly file: string;
  /** From the download's manifest beside the input, when there is one. */
  readonly download?: DownloadSource | undefined;
}

export interface CardFacts {
  readonly shape: RecordShape;
  readonly pairs?: string | undefined;
  readonly rankingKey?: string | undefined;
  readonly source: CardSource;
  readonly counts: ExportCounts;
  readonly shards: number;
  readonly bytes: number;
}

export function datasetCard(facts: CardFacts): string {
  const { shape, counts } = facts;
  const download = facts.source.download;
  const from = (key: string): string | undefined => {
    const value = download?.[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const delivery = from('deliveryName') ?? from('batchName');
  const what =
    shape === 'sft'
      ? 'Chat records for supervised fine-tuning (`messages`: system, user and assistant turns; where annotators compared several responses, the preferred one).'
      : `Preference pairs for DPO and reward models (\`prompt\`, \`chosen\`, \`rejected\`), ${facts.pairs === 'all' ? 'every strictly ranked pair' : 'the best response against the worst'} of each ranked turn.`;
  const lines = [
    '---',
    'configs:',
    '- config_name: default',
    '  data_files:',
    '  - split: train',
    '    path: data/train-*',
    'dataset_info:',
    ...featuresYaml(shape),
    '  splits:',
    '  - name: train',
    `    num_examples: ${counts.written}`,
    `  dataset_size: ${facts.bytes}`,
    'tags:',
    `- ${shape}`,
    '- task-lens',
    '---',
    '',
    `# ${md(delivery ?? facts.source.file)} (${shape})`,
    '',
    what,
    '',
    '## Source',
    '',
    `- File: \`${code(facts.source.file)}\``,
  ];
  if (from('projectName')) lines.push(`- Project: ${md(from('projectName')!)}`);
  if (delivery) lines.push(`- Delivery: ${md(delivery)}${from('deliveryId') ? ` (\`${code(from('deliveryId')!)}\`)` : ''}`);
  if (facts.rankingKey) lines.push(`- Ranking: annotation key \`${code(facts.rankingKey)}\``);
  lines.push(
    '',
    '## Counts',
    '',
    `- Tasks read: ${counts.tasks}`,
    `- Records (train split): ${counts.written} in ${facts.shards} file${facts.shards === 1 ? '' : 's'}`,
    ...describeSkipped(counts.skipped).map((s) => `- Skipped: ${md(s)}`),
    '',
    '## Loading',
    '',
    '```python',
    'from datasets import load_dataset',
    'ds = load_dataset("parquet", data_dir="data", split="train")  # run beside this README',
    '```',
    '',
    'Exported with Task Lens.',
    '',
  );
  return lines.join('\n');
}

/** Names come from the platform: no markdown or HTML of theirs reaches the card. */
function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  return text.replace(/[\r\n`]+/g, ' ');
}
