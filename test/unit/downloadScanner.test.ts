import * as assert from 'node:assert/strict';
import { IdSet } from '../../src/core/download/idSet';
import { collectBody, PageBodyError } from '../../src/core/download/pageBody';
import { scanPage, type PageShape } from '../../src/core/download/pageScanner';
import { seededRandom } from './support/downloadHelpers';

const SCALE: PageShape = { itemsKey: 'tasks', tokenKey: 'next_token', idKeys: ['task_id'] };
const scan = (text: string, shape: PageShape = SCALE) => scanPage(Buffer.from(text, 'utf8'), shape);

describe('page scanner (pass-through slicing of a page body)', () => {
  it('slices each task exactly as sent, with its id and the next token, whatever the spacing', () => {
    const tasks = [
      '{"task_id":"a","n":1.5e3,"ok":true,"x":null,"nested":{"task_id":"not me","list":[1,{"b":"]}"}]}}',
      '{ "text" : "quote \\" brace } bracket ] \\\\", "task_id" : "b\\u00e9" }',
      '{"emoji":"😀","task_id":"c","t":"\\\\"}',
    ];
    const body = ` {"delivery":{"id":"d"}, "tasks" : [ ${tasks.join(' ,\n ')} ] , "next_token":"tok\\/1"} \n`;
    const page = scan(body);
    assert.deepEqual(
      page.items.map((b) => b.toString('utf8')),
      tasks,
    );
    assert.deepEqual(page.ids, ['a', 'bé', 'c']);
    assert.equal(page.nextToken, 'tok/1');
    // The slices are what JSON.parse would read.
    assert.deepEqual(
      page.items.map((b) => JSON.parse(b.toString('utf8')) as unknown),
      JSON.parse(body).tasks,
    );
  });

  it('reads an empty page, a null or absent token, and a bare array (Livepeer)', () => {
    assert.deepEqual(scan('{"tasks":[]}').items, []);
    assert.equal(scan('{"tasks":[],"next_token":null}').nextToken, null);
    const bare = scan('[{"id":"x","phase":"completed"},{"id":"y"}]', { itemsKey: null });
    assert.deepEqual(bare.ids, ['x', 'y']);
  });

  it('gives undefined for a task without a string id', () => {
    assert.deepEqual(scan('{"tasks":[{"task_id":7},{"name":"x"}]}').ids, [undefined, undefined]);
  });

  const broken: ReadonlyArray<[string, string]> = [
    ['truncated mid-string', '{"tasks":[{"task_id":"a","t":"hel'],
    ['truncated between tasks', '{"tasks":[{"task_id":"a"},'],
    ['truncated after the list', '{"tasks":[{"task_id":"a"}]'],
    ['HTML', '<!DOCTYPE html><html><body>502</body></html>'],
    ['empty', ''],
    ['mismatched brackets', '{"tasks":[{"task_id":"a","x":[1}]]}'],
    ['trailing garbage', '{"tasks":[]} x'],
    ['no task list', '{"next_token":"t"}'],
    ['a non-object task', '{"tasks":["a"]}'],
    ['a raw newline inside a task', '{"tasks":[{"task_id":"a","t":"line\nbreak"}]}'],
    ['a bad literal', '{"tasks":[],"x":nope}'],
    ['a missing comma', '{"tasks":[{"task_id":"a"} {"task_id":"b"}]}'],
  ];
  for (const [name, body] of broken) {
    it(`refuses a body that is ${name}`, () => {
      assert.throws(() => scan(body), PageBodyError);
    });
  }

  it('refuses a streamed body over the size cap as final, without reading on', async () => {
    let pulled = 0;
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield Buffer.alloc(1024, 0x20);
      }
    }
    await assert.rejects(collectBody(chunks(), 10 * 1024), (error: unknown) => {
      assert.ok(error instanceof PageBodyError && error.final);
      assert.match(error.message, /response too large/);
      return true;
    });
    assert.ok(pulled <= 11, `read ${pulled} chunks`);
  });
});

describe('id set (duplicate detection, packed)', () => {
  it('agrees with a plain Set over hex and other ids, through growth', () => {
    const random = seededRandom(42);
    const ids = new IdSet();
    const reference = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      const hex = Array.from({ length: 24 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
      // Repeats, near-misses (one digit off, upper case) and ids of other shapes.
      const pick = random();
      const id =
        pick < 0.1 && reference.size > 0
          ? ([...reference][Math.floor(random() * Math.min(reference.size, 50))] as string)
          : pick < 0.15
            ? hex.toUpperCase()
            : pick < 0.2
              ? `task-${i % 500}`
              : hex;
      assert.equal(ids.add(id), !reference.has(id), id);
      reference.add(id);
    }
    assert.equal(ids.size, reference.size);
    for (const id of [...reference].slice(0, 2_000)) assert.ok(ids.has(id));
    assert.ok(!ids.has('0'.repeat(24)) || reference.has('0'.repeat(24)));
  });

  it('holds the all-zero id, which looks like an empty slot in its table', () => {
    const ids = new IdSet();
    const zero = '0'.repeat(24);
    assert.equal(ids.has(zero), false);
    assert.equal(ids.add(zero), true);
    assert.equal(ids.add(zero), false);
    assert.equal(ids.has(zero), true);
    assert.equal(ids.has(`${'0'.repeat(23)}1`), false);
    assert.equal(ids.size, 1);
  });

  it('keeps 100,000 ids of one delivery (shared timestamp prefix, counting suffix) in about 1.5 MB', () => {
    // ObjectId-like ids as Scale makes them: 4 bytes of time, 5 random, a 3-byte counter.
    const ids = new IdSet();
    const random = seededRandom(11);
    const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
    const made: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const id = `6660d104${hex(Math.floor(random() * 2 ** 20), 5)}${hex(Math.floor(random() * 2 ** 20), 5)}${hex(i, 6)}`;
      made.push(id);
      assert.equal(ids.add(id), true, id);
    }
    assert.equal(ids.size, 100_000);
    for (const id of made.slice(-1_000)) assert.equal(ids.add(id), false);
    // 131,072 slots of 12 bytes: under 80 % full. A Set of the strings takes ~7 MB.
    assert.ok(ids.tableBytes <= 1.6 * 1024 * 1024, `table ${ids.tableBytes} bytes`);
  });
});
