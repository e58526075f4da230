/** Parquet columns and dataset-card features of the `hf` shapes (TRL's "messages" and "prompt / chosen / rejected"). */
import type { SchemaElement } from 'hyparquet-writer';
import { flatElement, type ColumnSpec } from './parquetFile';
import type { RecordShape } from './sink';

const SFT_METADATA = ['task_id', 'thread_id'];
const DPO_METADATA = ['task_id', 'thread_id', 'turn_id', 'chosen_source', 'rejected_source', 'annotation_key'];

/** list<struct<role: string, content: string>>, the chat form `datasets` shows as a list of messages. */
function chatColumn(name: string): ColumnSpec {
  const schema: SchemaElement[] = [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
    flatElement('role', 'string'),
    flatElement('content', 'string'),
  ];
  return { name, kind: 'nested', schema };
}

function structColumn(name: string, fields: readonly string[]): ColumnSpec {
  const schema: SchemaElement[] = [
    { name, repetition_type: 'OPTIONAL', num_children: fields.length },
    ...fields.map((f) => flatElement(f, 'string')),
  ];
  return { name, kind: 'nested', schema };
}

export function hfColumns(shape: RecordShape): ColumnSpec[] {
  return shape === 'sft'
    ? [chatColumn('messages'), structColumn('metadata', SFT_METADATA)]
    : [chatColumn('prompt'), chatColumn('chosen'), chatColumn('rejected'), structColumn('metadata', DPO_METADATA)];
}

/** The record's values in column order. */
export function hfRow(shape: RecordShape, record: Record<string, unknown>): unknown[] {
  return shape === 'sft' ? [record.messages, record.metadata] : [record.prompt, record.chosen, record.rejected, record.metadata];
}

/** The `dataset_info.features` block of the card's YAML header. */
export function featuresYaml(shape: RecordShape): string[] {
  const chat = (name: string): string[] => [
    `  - name: ${name}`,
    '    list:',
    '    - name: role',
    '      dtype: string',
    '    - name: content',
    '      dtype: string',
  ];
  const struct = (fields: readonly string[]): string[] => [
    '  - name: metadata',
    '    struct:',
    ...fields.flatMap((f) => [`    - name: ${f}`, '      dtype: string']),
  ];
  return shape === 'sft'
    ? ['  features:', ...chat('messages'), ...struct(SFT_METADATA)]
    : ['  features:', ...chat('prompt'), ...chat('chosen'), ...chat('rejected'), ...struct(DPO_METADATA)];
}
