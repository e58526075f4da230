/** Realistic-looking conversation text: prompts, markdown answers with lists and code fences. */
import type { Rng } from './random';

interface Topic {
  readonly prompt: string;
  readonly language: string;
  readonly code: string;
  readonly points: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    prompt: 'Write a function that reverses a singly linked list in place.',
    language: 'python',
    code: 'def reverse(head):\n    prev = None\n    while head:\n        head.next, prev, head = prev, head, head.next\n    return prev',
    points: ['Runs in O(n) time', 'Uses O(1) extra memory', 'Handles the empty list'],
  },
  {
    prompt: 'How do I debounce a search box in TypeScript without a library?',
    language: 'typescript',
    code: 'function debounce<T extends unknown[]>(fn: (...args: T) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: T) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}',
    points: ['Clears the previous timer on every keystroke', 'Keeps the argument types', 'Works in the browser and in Node'],
  },
  {
    prompt: 'Explain the difference between a process and a thread, with an example in Go.',
    language: 'go',
    code: 'func main() {\n    var wg sync.WaitGroup\n    for i := 0; i < 3; i++ {\n        wg.Add(1)\n        go func(n int) { defer wg.Done(); fmt.Println(n) }(i)\n    }\n    wg.Wait()\n}',
    points: [
      'Processes have separate address spaces',
      'Threads share memory within a process',
      'Goroutines are multiplexed onto OS threads',
    ],
  },
  {
    prompt: 'Write a SQL query that returns the top 3 customers by revenue for each month.',
    language: 'sql',
    code: "SELECT month, customer_id, revenue\nFROM (\n  SELECT date_trunc('month', paid_at) AS month, customer_id, SUM(amount) AS revenue,\n         RANK() OVER (PARTITION BY date_trunc('month', paid_at) ORDER BY SUM(amount) DESC) AS r\n  FROM payments GROUP BY 1, 2\n) t WHERE r <= 3;",
    points: ['Uses a window function per month', 'Ties share a rank', 'Works in PostgreSQL'],
  },
  {
    prompt: 'Summarise the causes of the 1929 stock market crash for a high-school class.',
    language: 'text',
    code: 'Timeline: 1928 boom -> Sept 1929 peak -> Oct 24 "Black Thursday" -> Oct 29 "Black Tuesday"',
    points: ['Speculation on margin', 'Overproduction and falling farm prices', 'Bank failures spread the shock'],
  },
  {
    prompt: 'Solve for x: 3x² − 12x + 9 = 0, and show the steps.',
    language: 'text',
    code: '3x^2 - 12x + 9 = 0\nx^2 - 4x + 3 = 0\n(x - 1)(x - 3) = 0',
    points: ['Divide by the common factor 3', 'Factor the quadratic', 'So x = 1 or x = 3'],
  },
];

const OPENERS = ['Sure — here is one way to do it.', 'Good question.', 'Here is a concise answer.', 'Let me walk through it step by step.'];
const CLOSERS = ['Let me know if you want tests for this.', 'Happy to adapt it to your codebase.', 'This covers the common edge cases.'];
const SYSTEM_PROMPTS = [
  'You are a helpful, honest assistant. Answer concisely and use Markdown.',
  'You are a senior engineer reviewing code. Be precise; prefer standard libraries.',
  'You are a patient tutor. Explain each step and check understanding.',
];

export function topicFor(rng: Rng): Topic {
  return rng.pick(TOPICS);
}

export function systemPrompt(rng: Rng): string {
  return rng.pick(SYSTEM_PROMPTS);
}

export function userPrompt(topic: Topic, rng: Rng, turnIndex: number): string {
  if (turnIndex === 0) return topic.prompt;
  return rng.pick([
    'Can you add type hints and a short docstring?',
    'What is the complexity of that?',
    'Now write a unit test for it.',
    'Could you make it shorter?',
  ]);
}

/** A markdown answer with a heading, a list and a fenced code block; `variant` changes wording. */
export function assistantAnswer(topic: Topic, rng: Rng, variant: number): string {
  const points = rng.sample(topic.points, 2 + (variant % 2));
  return [
    rng.pick(OPENERS),
    '',
    `## ${variant === 0 ? 'Solution' : 'Approach'}`,
    '',
    ...points.map((point, i) => (variant % 2 === 0 ? `- ${point}` : `${i + 1}. ${point}`)),
    '',
    '```' + topic.language,
    topic.code,
    '```',
    '',
    rng.pick(CLOSERS),
  ].join('\n');
}

export function reasoningText(topic: Topic, rng: Rng): string {
  return `The user asks: “${topic.prompt}” I should ${rng.pick(['start with the simplest correct version', 'mention complexity', 'show an example'])} and keep it short.`;
}

export function rewriteText(topic: Topic): string {
  return `${topic.points[0] ?? ''}.\n\n\`\`\`${topic.language}\n${topic.code}\n\`\`\``;
}

/** Roughly `bytes` characters of plausible filler, for size-controlled payloads. */
export function filler(rng: Rng, bytes: number): string {
  const words = [
    'data',
    'model',
    'review',
    'response',
    'quality',
    'format',
    'instruction',
    'context',
    'answer',
    'example',
    'correct',
    'detail',
  ];
  const out: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = rng.pick(words);
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}
