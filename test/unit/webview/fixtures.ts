/** The §11.1 example task of api/scale-genai-v2.md, plus builders for focused fixtures. */

export function exampleTask(): Record<string, unknown> {
  return {
    task_id: '6650f0c2a1b2c3d4e5f60001',
    project: {
      id: '6640aa00b1c2d3e4f5a60002',
      name: 'Chat RLHF - Coding',
      created_at: '2025-03-02T17:04:11.512Z',
      types: ['RLHF: Pref Ranking'],
      models: ['model-a', 'model-b'],
    },
    batch: '6650e000c1d2e3f4a5b60003',
    status: 'completed',
    created_at: '2025-05-20T09:15:00.000Z',
    completed_at: '2025-05-21T14:42:07.318Z',
    metadata: { customer_ref: 'row-0042' },
    threads: [
      {
        id: 'thread_0',
        submissions: [{ submitted_at: '2025-05-21T14:40:55.000Z', contributor_id: 'contrib_7f3a' }],
        annotations: [
          {
            id: 'an_thread_overall',
            key: 'overall_preference',
            type: 'ranked_choices',
            title: 'Rank the responses',
            value: ['model_b', 'model_a'],
          },
        ],
        turns: [
          {
            id: 'turn_0',
            annotations: [
              {
                id: 'an_turn_cat',
                key: 'prompt_category',
                type: 'category',
                title: 'Prompt category',
                labels: ['Coding', 'Math', 'Other'],
                value: 'Coding',
                possible_values: ['Coding', 'Math', 'Other'],
              },
              { id: 'an_turn_rg', key: 'grouped_ranking', type: 'ranked_groups', value: [['model_b'], ['model_a', 'model_c']] },
            ],
            rubrics: [
              {
                max_total_score: 10,
                criteria_definitions: [
                  {
                    id: 'crit_1',
                    criterion: 'Code compiles without modification',
                    weight: 6,
                    annotations: [{ id: 'an_crit_1', key: 'criterion_weight', type: 'rubric_criteria', value: { weight: 6 } }],
                  },
                  { id: 'crit_2', criterion: 'Explains time complexity', weight: 4, annotations: [] },
                ],
              },
            ],
            messages: [
              {
                role: 'user',
                source_id: 'user',
                content: {
                  text: 'Write a function that reverses a linked list. See the attached diagram.',
                  attachments: [
                    {
                      mime_type: 'image/png',
                      scale_url: 'https://scale-files.example/attachments/abc.png',
                      url: 'https://signed-url.example/abc.png?sig=...',
                      name: 'diagram.png',
                      file_size_in_bytes: 48213,
                    },
                  ],
                  reference_texts: [{ content: 'A singly linked list ...', category: 'background', url: 'https://example.com/ll' }],
                },
                annotations: [],
              },
              {
                role: 'assistant',
                source_id: 'model_a',
                model_parameters: { model: 'model-a', temperature: 0.7, max_completion_tokens: 2048, top_p: 0.95, top_k: 40 },
                content: {
                  text: 'def reverse(head): ...',
                  reasoning: [{ content: 'The user wants an iterative solution ...' }],
                  chunks: [
                    {
                      type: 'text',
                      text: 'def reverse(head):',
                      annotations: [
                        { id: 'an_chunk_1', key: 'chunk_correct', type: 'boolean', value: true, possible_values: [true, false] },
                      ],
                    },
                  ],
                },
                annotations: [
                  {
                    id: 'an_msg_int',
                    key: 'instruction_following',
                    type: 'integer',
                    title: 'Instruction following',
                    description: 'How well does the response follow the instructions?',
                    labels: ['Poor', 'Okay', 'Good'],
                    value: 3,
                    possible_values: [1, 2, 3],
                    justification: 'Follows all constraints.',
                  },
                  {
                    id: 'an_msg_multi',
                    key: 'issues',
                    type: 'category_multiple',
                    value: ['Missing docstring', 'Verbose'],
                    possible_values: ['Missing docstring', 'Verbose', 'Incorrect'],
                  },
                  { id: 'an_msg_text', key: 'rewrite', type: 'text', value: 'def reverse(head):\n    prev = None\n    ...' },
                  { id: 'an_msg_na', key: 'safety', type: 'integer', not_applicable: true },
                  { id: 'an_msg_lt', key: 'span_labels', type: 'labeled_text', value: [{ label: 'bug', text: 'prev.next = head' }] },
                  {
                    id: 'an_msg_rating',
                    key: 'rubric_score',
                    type: 'rubric_rating',
                    metadata: { criteria: 'an_crit_1' },
                    value: { score: 1, color: 'green', justification: 'Compiles.' },
                  },
                ],
                rubric_evaluations: [
                  {
                    criteria_evaluations: [
                      { criterion_definition_id: 'crit_1', score: 1, annotations: [] },
                      { criterion_definition_id: 'crit_2', score: 0 },
                    ],
                    total_score: 6,
                    percentage: 60,
                  },
                ],
              },
              {
                role: 'assistant',
                source_id: 'model_b',
                content: { text: 'Here is an iterative version ...' },
                annotations: [
                  {
                    id: 'an_msg_file',
                    key: 'supporting_files',
                    type: 'file',
                    value: [{ mime_type: 'text/x-python', scale_url: 'https://scale-files.example/f/test.py', name: 'test_reverse.py' }],
                  },
                  {
                    id: 'an_msg_ws',
                    key: 'execution',
                    type: 'workspace_container',
                    value: {
                      workspace_id: 'ws_123',
                      output_files: [{ file_name: 'out.txt', scale_url: 'https://scale-files.example/f/out.txt', file_language: 'text' }],
                      stdout_output: { content: 'All tests passed', scale_url: 'https://scale-files.example/f/stdout.txt' },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** A completed task with one turn holding the given messages (and turn annotations). */
export function taskWithTurn(
  messages: unknown[],
  turnAnnotations: unknown[] = [],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    task_id: 'task_1',
    status: 'completed',
    project: 'proj_1',
    threads: [{ id: 'thread_0', annotations: [], turns: [{ id: 'turn_0', messages, annotations: turnAnnotations }] }],
    ...extra,
  };
}

/** A completed task whose only message carries the given annotation. */
export function taskWithAnnotation(annotation: unknown): Record<string, unknown> {
  return taskWithTurn([{ role: 'assistant', source_id: 'model_a', content: { text: 'hello' }, annotations: [annotation] }]);
}

/** A task with `n` turns, each a user prompt and two candidate answers with annotations (~2.5 KB a turn). */
export function bigTask(n: number): Record<string, unknown> {
  const turns = [];
  for (let i = 0; i < n; i++) {
    turns.push({
      id: `turn_${i}`,
      annotations: [
        { id: `rank_${i}`, key: 'pref', type: 'ranked_choices', value: i % 2 ? ['model_a', 'model_b'] : ['model_b', 'model_a'] },
      ],
      messages: [
        {
          role: 'user',
          source_id: 'user',
          content: { text: `Question ${i}: explain **item ${i}** in a few sentences, with an example.` },
          annotations: [],
        },
        {
          role: 'assistant',
          source_id: 'model_a',
          content: {
            text: `Answer A ${i}.\n\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}\n\n\`\`\`python\nprint(${i})\n\`\`\``,
          },
          annotations: [
            {
              id: `q_${i}_a`,
              key: 'quality',
              type: 'integer',
              labels: ['Bad', 'Ok', 'Good'],
              possible_values: [1, 2, 3],
              value: (i % 3) + 1,
            },
          ],
        },
        {
          role: 'assistant',
          source_id: 'model_b',
          content: { text: `Answer B ${i}.\n\n${'Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(12)}` },
          annotations: [
            {
              id: `q_${i}_b`,
              key: 'quality',
              type: 'integer',
              labels: ['Bad', 'Ok', 'Good'],
              possible_values: [1, 2, 3],
              value: ((i + 1) % 3) + 1,
            },
          ],
        },
      ],
    });
  }
  return { task_id: 'big_task', status: 'completed', project: 'proj', threads: [{ id: 'thread_0', annotations: [], turns }] };
}
