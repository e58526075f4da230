import { strict as assert } from 'node:assert';
import { BadRequestError, InvalidResponseError, NotFoundError } from '../../src/core/http/errors';
import { HttpClient } from '../../src/core/http/client';
import { iterateItems, iteratePages } from '../../src/core/http/pagination';
import { ScaleClient } from '../../src/core/scale/client';
import { classifyAttachment, idOf, isKnownAnnotation, labelOf, nameOf } from '../../src/core/scale/helpers';
import { ANNOTATION_TYPES, BATCH_STATUSES, isKnownValue, TASK_STATUSES, type Annotation, type Task } from '../../src/core/scale/types';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { cannedTransport, testScale } from './support/clients';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every annotation of a task with the level it sits at. */
function annotationsByLevel(task: Task): Array<[string, Annotation]> {
  const out: Array<[string, Annotation]> = [];
  const add = (level: string, list: Annotation[] | null | undefined) => (list ?? []).forEach((a) => out.push([level, a]));
  for (const thread of task.threads ?? []) {
    add('thread', thread.annotations);
    for (const turn of thread.turns) {
      add('turn', turn.annotations);
      for (const rubric of turn.rubrics ?? []) for (const c of rubric.criteria_definitions) add('criterion', c.annotations);
      for (const message of turn.messages) {
        add('message', message.annotations);
        for (const chunk of message.content.chunks ?? []) add('chunk', chunk.annotations);
        for (const evaluation of message.rubric_evaluations ?? []) {
          add('evaluation', evaluation.annotations);
          for (const c of evaluation.criteria_evaluations ?? []) add('criterion_evaluation', c.annotations);
        }
      }
    }
  }
  return out;
}

describe('core/scale client', () => {
  let emulator: Emulator;
  let scale: ScaleClient;
  before(async () => {
    emulator = await startEmulator();
    scale = testScale(emulator);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
  });

  describe('projects and batches', () => {
    it('lists projects and gets one by id or name', async () => {
      const projects = await scale.listProjects();
      assert.deepEqual(projects.map((p) => p.id).slice(0, 2), [F.projects.main.id, F.projects.paging.id]);
      assert.ok(
        projects.some((p) => p.name.includes('../') && p.name.includes(':')),
        'a project name with ../ and :',
      );
      assert.equal((await scale.getProject({ project_id: F.projects.main.id })).name, F.projects.main.name);
      assert.equal((await scale.getProject({ project_name: F.projects.bulk.name })).id, F.projects.bulk.id);
    });

    it('pages batches and expands their project with a repeated key', async () => {
      const batches = await collect(scale.iterateBatches({ project_name: F.projects.main.name, limit: 3, expand: ['project'] }));
      assert.equal(batches.length, 8);
      assert.equal(emulator.stats.hits('/v2/batches'), 3);
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/batches', 'expand'), ['project']);
      assert.equal(nameOf(batches[0]?.project), F.projects.main.name);
      const statuses = new Set(batches.map((b) => b.status));
      for (const status of BATCH_STATUSES) assert.ok(statuses.has(status), `no ${status} batch`);
      assert.ok(statuses.has('archived'), 'unknown batch status kept');
      assert.ok(!isKnownValue(BATCH_STATUSES, 'archived'), 'archived is not a known batch status');
    });

    it('gets a batch by name, expanded', async () => {
      const batch = await scale.getBatch({ batch_name: 'Batch 250', expand: ['project'] });
      assert.equal(batch.id, F.batches.batch250.id);
      assert.equal(idOf(batch.project), F.projects.main.id);
      assert.equal(labelOf(batch.project), F.projects.main.name);
    });

    it('resolves names or ids, and says clearly when neither matches', async () => {
      assert.equal((await scale.resolveProject(F.projects.main.name)).id, F.projects.main.id);
      assert.equal((await scale.resolveProject(F.projects.main.id)).name, F.projects.main.name);
      assert.equal((await scale.resolveBatch('Batch 250')).id, F.batches.batch250.id);
      const main = await scale.resolveProject(F.projects.main.name);
      assert.equal((await scale.resolveBatch('Showcase', main)).id, F.batches.showcase.id);
      assert.equal((await scale.resolveBatch(F.batches.showcase.id, main.id)).name, 'Showcase');
      await assert.rejects(
        scale.resolveBatch('Paging A', main),
        (e: unknown) => e instanceof NotFoundError && /No batch with the name or id “Paging A” in project/.test(e.message),
      );
      await assert.rejects(
        scale.resolveProject('No Such Project'),
        (e: unknown) => e instanceof NotFoundError && /No project with the name or id “No Such Project”/.test(e.message),
      );
      const bulk = await scale.resolveProject(F.projects.bulk.id);
      assert.equal((await scale.resolveDelivery(bulk, 'Delivery 2500')).id, F.deliveries.delivery2500.id);
      assert.equal((await scale.resolveDelivery(bulk.id, F.deliveries.sized.id)).name, F.deliveries.sized.name);
      await assert.rejects(scale.resolveDelivery(bulk, 'nope'), NotFoundError);
    });
  });

  describe('tasks', () => {
    it('follows next_token to the end: 1,050 tasks in 11 pages, each once', async () => {
      const ids = (await collect(scale.iterateTasks({ project_name: F.projects.paging.name, limit: 100 }))).map((t) => t.task_id);
      assert.equal(ids.length, 1_050);
      assert.equal(new Set(ids).size, 1_050);
      assert.equal(emulator.stats.hits('/v2/tasks'), 11);
      const tokens = emulator.stats.requests('/v2/tasks').map((r) => r.query.filter(([k]) => k === 'next_token').length);
      assert.deepEqual(tokens, [0, ...Array(10).fill(1)]);
    });

    it('sends the default opts and the expand list as repeated keys', async () => {
      await scale.listTasks({ batch_id: F.batches.batch250.id, limit: 1, expand: ['project', 'batch'] });
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/tasks', 'opts'), [
        'annotation_details',
        'attachment_details',
        'model_parameters',
        'submissions',
      ]);
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/tasks', 'expand'), ['project', 'batch']);
    });

    it('returns one page with its token, and resumes from a token', async () => {
      const first = await scale.listTasks({ batch_name: 'Batch 250', limit: 100 });
      assert.equal(first.items.length, 100);
      assert.ok(first.nextToken, 'first.nextToken');
      const rest = await collect(scale.iterateTasks({ batch_name: 'Batch 250', limit: 100, next_token: first.nextToken }));
      assert.equal(rest.length, 150);
      assert.ok(
        !rest.some((t) => first.items.some((f) => f.task_id === t.task_id)),
        '!rest.some((t) => first.items.some((f) => f.task_id === t.task_id))',
      );
    });

    it('filters by status, keeping unknown statuses', async () => {
      const statuses = new Set((await collect(scale.iterateTasks({ batch_name: 'In progress batch', limit: 7 }))).map((t) => t.status));
      for (const status of TASK_STATUSES) assert.ok(statuses.has(status), `no ${status} task`);
      assert.ok(statuses.has(F.unknownTaskStatus), 'statuses.has(F.unknownTaskStatus)');
      const pending = await collect(scale.iterateTasks({ batch_name: 'In progress batch', status: 'pending' }));
      assert.ok(pending.length > 0 && pending.every((t) => t.status === 'pending'), 'only pending tasks');
    });

    it('gets the kitchen-sink task with every annotation type at every level, unknown ones kept', async () => {
      const task = await scale.getTask(F.tasks.kitchenSink);
      const levels = annotationsByLevel(task);
      for (const level of ['thread', 'turn', 'message', 'chunk', 'criterion', 'evaluation', 'criterion_evaluation']) {
        const types = new Set(levels.filter(([l]) => l === level).map(([, a]) => a.type));
        for (const type of ANNOTATION_TYPES) assert.ok(types.has(type), `${type} missing at ${level}`);
        assert.ok(types.has(F.unknownAnnotationType), `unknown type missing at ${level}`);
      }
      const unknown = levels.map(([, a]) => a).find((a) => a.type === F.unknownAnnotationType);
      assert.ok(unknown && !isKnownAnnotation(unknown), 'unknown && !isKnownAnnotation(unknown)');
      assert.equal(typeof unknown.value, 'object');
      const known = levels.map(([, a]) => a).find((a) => a.type === 'ranked_groups');
      assert.ok(known && isKnownAnnotation(known) && known.type === 'ranked_groups', 'ranked_groups is known');
      const roles = new Set(task.threads?.[0]?.turns[0]?.messages.map((m) => m.role));
      for (const role of ['system', 'user', 'assistant', 'function', F.unknownRole]) assert.ok(roles.has(role), `no ${role} message`);
    });

    it('returns the task exactly as the API sent it (same JSON, same key order)', async () => {
      const task = await scale.getTask(F.tasks.kitchenSink);
      const url = new URL('/v2/task', emulator.url);
      url.searchParams.set('task_id', F.tasks.kitchenSink);
      for (const opt of ['annotation_details', 'attachment_details', 'model_parameters', 'submissions'])
        url.searchParams.append('opts', opt);
      const raw = await (await fetch(url, { headers: { Authorization: `Bearer ${emulator.apiKey}` } })).text();
      assert.equal(JSON.stringify(task), raw);
    });

    it('gets bare annotations when annotation_details is not asked for', async () => {
      const task = await scale.getTask(F.tasks.firstOfBatch250, { opts: [] });
      const annotation = task.threads?.[0]?.annotations[0];
      assert.deepEqual(Object.keys(annotation ?? {}), ['key', 'value']);
      assert.equal(task.threads?.[0]?.submissions, undefined);
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/task', 'opts'), []);
    });

    it('keeps error details, sensitive-content reports and unknown statuses', async () => {
      const error = await scale.getTask(F.tasks.error);
      assert.equal(error.status, 'error');
      assert.ok(
        error.errors?.some((e) => e.type === 'TOXIC_PROMPT_DETECTED'),
        'unknown error type kept',
      );
      const sensitive = await scale.getTask(F.tasks.sensitive);
      assert.ok(!('threads' in sensitive), 'no threads key on a reported task');
      assert.equal(sensitive.sensitive_content_reports?.length, 2);
      assert.equal((await scale.getTask(F.tasks.unknownStatus)).status, 'quality_review');
      assert.deepEqual((await scale.getTask(F.tasks.pending)).threads, []);
    });

    it('classifies attachments as audio, image or basic', async () => {
      const task = await scale.getTask(F.tasks.attachments);
      const attachments = task.threads?.[0]?.turns[0]?.messages[0]?.content.attachments ?? [];
      assert.deepEqual(attachments.map(classifyAttachment), ['audio', 'image', 'image', 'basic', 'basic']);
    });

    it('gets one annotation by id', async () => {
      const task = await scale.getTask(F.tasks.kitchenSink);
      const wanted = task.threads?.[0]?.annotations.find((a) => a.type === 'workspace_container');
      assert.ok(wanted?.id, 'wanted?.id');
      assert.deepEqual(await scale.getAnnotation(wanted.id), wanted);
      await assert.rejects(scale.getAnnotation('6670a105000000000000ffff'), NotFoundError);
    });

    it('reports 404 for an unknown task', async () => {
      await assert.rejects(scale.getTask('000000000000000000000000'), NotFoundError);
    });
  });

  describe('deliveries', () => {
    it('lists deliveries with task counts', async () => {
      const deliveries = await scale.listDeliveries({ project_name: F.projects.bulk.name, expand: ['project'] });
      assert.deepEqual(
        deliveries.map((d) => [d.name, d.task_count]),
        [
          [F.deliveries.delivery2500.name, 2_500],
          [F.deliveries.sized.name, 300],
        ],
      );
      assert.equal(nameOf(deliveries[0]?.project), F.projects.bulk.name);
    });

    it('pages through a 2,500-task delivery by id, each task once', async () => {
      const ids = (await collect(scale.iterateDelivery({ delivery_id: F.deliveries.delivery2500.id, limit: 100 }))).map((t) => t.task_id);
      assert.equal(ids.length, 2_500);
      assert.equal(new Set(ids).size, 2_500);
      assert.equal(emulator.stats.hits('/v2/delivery'), 25);
    });

    it('gets a delivery page by name with the delivery expanded', async () => {
      const page = await scale.getDeliveryPage({
        delivery_name: F.deliveries.weekly1.name,
        project_id: F.projects.main.id,
        limit: 5,
        expand: ['delivery'],
      });
      assert.equal(page.items.length, 5);
      assert.equal(labelOf(page.delivery as { id: string; name: string }), F.deliveries.weekly1.name);
      const pages = await collect(scale.iterateDeliveryPages({ delivery_id: F.deliveries.weekly2.id, limit: 40 }));
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [40, 40, 20],
      );
      assert.equal(pages.at(-1)?.nextToken, null);
      assert.equal(pages[0]?.delivery, F.deliveries.weekly2.id);
    });

    it('lists delivered responses, null for tasks never delivered', async () => {
      const page = await scale.listDeliveryTasks({ project_id: F.projects.main.id, limit: 100 });
      assert.equal(page.pageTotal, 100);
      assert.ok(
        page.items.every((d) => d.delivery_id === F.deliveries.weekly1.id && d.response !== null),
        'the first 100 tasks were delivered',
      );
      const pending = await collect(scale.iterateDeliveryTasks({ project_id: F.projects.main.id, status: 'pending' }));
      const undelivered = pending.filter((d) => d.delivery_id === null);
      assert.ok(undelivered.length > 0, 'some pending tasks were never delivered');
      assert.ok(
        undelivered.every((d) => d.delivered_at === null && d.response === null && d.response_schema_id === null),
        'undelivered docs carry nulls',
      );
    });

    it('parses the delivery schema a second time', async () => {
      const doc = (await scale.listDeliveryTasks({ project_id: F.projects.main.id, limit: 1 })).items[0];
      const schema = await scale.getSchema(doc?.response_schema_id ?? '');
      assert.equal(schema.id, doc?.response_schema_id);
      assert.equal((schema.jsonSchema as { type: string }).type, 'object');
      assert.equal(typeof schema.raw.json, 'string');
      await assert.rejects(scale.getSchema('not-an-id'), BadRequestError);
      await assert.rejects(scale.getSchema('6630b2060099000000000000'), NotFoundError);
    });

    it('refuses an expired next_token with a clear error', async () => {
      const first = await scale.getDeliveryPage({ delivery_id: F.deliveries.delivery2500.id, limit: 10 });
      emulator.faults.set({ expireTokens: { all: true } });
      await assert.rejects(
        scale.getDeliveryPage({ delivery_id: F.deliveries.delivery2500.id, limit: 10, next_token: first.nextToken ?? '' }),
        (e: unknown) => e instanceof BadRequestError && /next_token expired/.test(e.message),
      );
    });
  });

  describe('datasets', () => {
    it('lists datasets, their deliveries and tasks, and an attachment URL', async () => {
      const datasets = await scale.listDatasets();
      assert.equal(datasets.length, 2);
      const deliveries = await scale.listDatasetDeliveries({ dataset_id: datasets[0]?.id ?? '', expand: ['dataset'] });
      assert.deepEqual(
        deliveries.map((d) => d.metadata.task_count),
        [120, 35],
      );
      assert.equal(nameOf(deliveries[0]?.dataset), datasets[0]?.name);
      const delivered = await collect(scale.iterateDatasetDelivery({ delivery_id: deliveries[0]?.id ?? '', limit: 50 }));
      assert.equal(delivered.length, 120);
      const all = await collect(scale.iterateDatasetTasks({ dataset_id: datasets[0]?.id ?? '', limit: 100 }));
      assert.equal(all.length, 155);
      assert.equal(new Set(all.map((t) => t.task_id)).size, 155);
      const one = await scale.getDatasetTask(all[130]?.task_id ?? '', { expand: ['delivery'] });
      assert.equal(labelOf(one.delivery), deliveries[1]?.name);
      const url = await scale.getDatasetTaskResponseUrl(one.task_id, 'att_10_0');
      assert.match(url, /^https:\/\/files\.emulator\.invalid\/datasets\//);
      await assert.rejects(scale.getDatasetTaskResponseUrl(one.task_id, 'att_nope'), NotFoundError);
    });
  });

  describe('response validation and paging helpers', () => {
    const clientAnswering = (body: string) =>
      new ScaleClient(new HttpClient({ baseUrl: 'https://example.test', apiKey: 'k-12345', transport: cannedTransport(200, body) }));

    it('rejects a body of the wrong shape', async () => {
      await assert.rejects(
        clientAnswering('{"tasks":{}}').listTasks({ project_id: 'p' }),
        (e: unknown) => e instanceof InvalidResponseError && /“tasks” should be an array but is a object/.test(e.message),
      );
      await assert.rejects(clientAnswering('[1,2]').listProjects(), InvalidResponseError);
      await assert.rejects(clientAnswering('{"tasks":[1]}').listTasks({ project_id: 'p' }), /“tasks\[0\]” should be an object/);
      await assert.rejects(clientAnswering('{"status":"x"}').getTask('t'), /“task_id” should be a string/);
      await assert.rejects(clientAnswering('{"tasks":[],"next_token":5}').listTasks({ project_id: 'p' }), InvalidResponseError);
      await assert.rejects(clientAnswering('{"schema":{"json":"{nope"}}').getSchema('s'), /schema\.json/);
    });

    it('treats an empty or null next_token as the last page', async () => {
      assert.equal((await clientAnswering('{"tasks":[],"next_token":""}').listTasks({ project_id: 'p' })).nextToken, null);
      assert.equal((await clientAnswering('{"tasks":[],"next_token":null}').listTasks({ project_id: 'p' })).nextToken, null);
    });

    it('stops instead of looping when the server repeats a token', async () => {
      const pages = iteratePages(async () => ({ items: [1], nextToken: 'same' }));
      await assert.rejects(collect(iterateItems(pages)), /same next_token twice/);
    });

    it('fetches no further page once the consumer stops', async () => {
      let fetched = 0;
      const items = iterateItems(iteratePages(async (token) => ({ items: [token ?? 'first'], nextToken: `t${++fetched}` })));
      for await (const _item of items) break;
      assert.equal(fetched, 1);
    });
  });
});
