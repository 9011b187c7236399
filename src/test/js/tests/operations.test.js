'use strict';
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls, ISO_MS_RE } = h;

const C = cls('Ops');

async function create(body) {
  const r = await rest('POST', `/classes/${C}`, body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.objectId;
}
async function put(id, body) {
  return rest('PUT', `/classes/${C}/${id}`, body);
}
async function get(id) {
  return (await rest('GET', `/classes/${C}/${id}`)).body;
}

describe('operations', () => {
  after(() => h.dropClass(C));

  test('Increment: positive, negative, float, on a missing field (starts at 0); answer carries the new value', async () => {
    const id = await create({ n: 10 });
    let r = await put(id, { n: { __op: 'Increment', amount: 5 } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['n', 'updatedAt']);
    assert.equal(r.body.n, 15);
    assert.match(r.body.updatedAt, ISO_MS_RE);
    r = await put(id, { n: { __op: 'Increment', amount: -20 } });
    assert.equal(r.body.n, -5);
    r = await put(id, { n: { __op: 'Increment', amount: 0.5 } });
    assert.equal(r.body.n, -4.5);
    r = await put(id, { fresh: { __op: 'Increment', amount: 3 } });
    assert.equal(r.status, 200);
    assert.equal(r.body.fresh, 3);
    const g = await get(id);
    assert.equal(g.n, -4.5);
    assert.equal(g.fresh, 3);
  });

  test('Increment: 20 parallel REST increments on one object all count', async () => {
    const id = await create({ counter: 0 });
    const results = await Promise.all(Array.from({ length: 20 }, () => put(id, { counter: { __op: 'Increment', amount: 1 } })));
    for (const r of results) assert.equal(r.status, 200);
    const values = results.map((r) => r.body.counter).sort((a, b) => a - b);
    // every answer is the value right after that increment: 1..20, each exactly once
    assert.deepEqual(
      values,
      Array.from({ length: 20 }, (_, i) => i + 1)
    );
    assert.equal((await get(id)).counter, 20);
  });

  test('Increment on a String field -> 111 schema mismatch', async () => {
    const id = await create({ s: 'text' });
    const r = await put(id, { s: { __op: 'Increment', amount: 1 } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: `schema mismatch for ${C}.s; expected String but got Number` });
  });

  test('Add appends (duplicates kept), answer carries the whole array', async () => {
    const id = await create({ arr: [1, 2] });
    const r = await put(id, { arr: { __op: 'Add', objects: [2, 3, { k: 'v' }] } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['arr', 'updatedAt']);
    const stored = (await get(id)).arr;
    if (await h.isPostgres()) {
      // PostgreSQL reference keeps the same elements but not the order.
      const norm = (a) => a.map((x) => JSON.stringify(x)).sort();
      assert.deepEqual(norm(r.body.arr), norm([1, 2, 2, 3, { k: 'v' }]));
      assert.deepEqual(norm(stored), norm([1, 2, 2, 3, { k: 'v' }]));
    } else {
      // MongoDB ($push $each): appended in order.
      assert.deepEqual(r.body.arr, [1, 2, 2, 3, { k: 'v' }]);
      assert.deepEqual(stored, [1, 2, 2, 3, { k: 'v' }]);
    }
    // Add on a missing field creates the array
    const r2 = await put(id, { other: { __op: 'Add', objects: ['x'] } });
    assert.deepEqual(r2.body.other, ['x']);
  });

  test('AddUnique adds only missing values', async () => {
    const id = await create({ tags: ['a', 'b', 'c'] });
    const r = await put(id, { tags: { __op: 'AddUnique', objects: ['d', 'a', 'd'] } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['tags', 'updatedAt']);
    if (await h.isPostgres()) {
      // PostgreSQL reference returns the same set in another order.
      assert.deepEqual([...r.body.tags].sort(), ['a', 'b', 'c', 'd']);
    } else {
      // MongoDB ($addToSet): existing order kept, new values appended.
      assert.deepEqual(r.body.tags, ['a', 'b', 'c', 'd']);
    }
    assert.deepEqual([...(await get(id)).tags].sort(), ['a', 'b', 'c', 'd']);
    const r2 = await put(id, { freshU: { __op: 'AddUnique', objects: ['a', 'a'] } });
    assert.equal(r2.status, 200);
    assert.deepEqual(r2.body.freshU, ['a']);
  });

  test('Remove removes every occurrence; Remove on a missing field gives []', async () => {
    const id = await create({ arr: [1, 2, 3, 2, 'x'] });
    const r = await put(id, { arr: { __op: 'Remove', objects: [2, 'x', 99] } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['arr', 'updatedAt']);
    assert.deepEqual([...r.body.arr].sort(), [1, 3]);
    const r2 = await put(id, { none: { __op: 'Remove', objects: ['a'] } });
    assert.equal(r2.status, 200);
    assert.deepEqual(r2.body.none, []);
  });

  test('Delete unsets the field; answer is {updatedAt} only', async () => {
    const id = await create({ keep: 1, gone: 'bye' });
    const r = await put(id, { gone: { __op: 'Delete' } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['updatedAt']);
    const g = await get(id);
    assert.equal('gone' in g, false);
    assert.equal(g.keep, 1);
  });

  test('Delete of a field the object never had', async () => {
    const id = await create({ keep: 1 });
    const r = await put(id, { neverSet: { __op: 'Delete' } });
    if (await h.isPostgres()) {
      // PostgreSQL reference fails on the unknown column.
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, { code: 1, message: 'Internal server error.' });
    } else {
      // MongoDB: $unset of an absent field is a no-op.
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body), ['updatedAt']);
    }
  });

  test('several operations in one update; answer carries each op result', async () => {
    const id = await create({ n: 1, list: ['a'], drop: true });
    const r = await put(id, {
      n: { __op: 'Increment', amount: 2 },
      list: { __op: 'Add', objects: ['b'] },
      drop: { __op: 'Delete' },
      plain: 'set',
    });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['list', 'n', 'updatedAt']);
    assert.equal(r.body.n, 3);
    assert.deepEqual(r.body.list, ['a', 'b']);
    const g = await get(id);
    assert.equal(g.plain, 'set');
    assert.equal('drop' in g, false);
  });

  test('AddRelation / RemoveRelation through REST; AddRelation on create', async () => {
    const T = cls('OpsTarget');
    try {
      const t1 = (await rest('POST', `/classes/${T}`, { v: 1 })).body.objectId;
      const t2 = (await rest('POST', `/classes/${T}`, { v: 2 })).body.objectId;
      const p = (oid) => ({ __type: 'Pointer', className: T, objectId: oid });
      const c = await rest('POST', `/classes/${C}`, { rel: { __op: 'AddRelation', objects: [p(t1), p(t2)] } });
      assert.equal(c.status, 201);
      assert.deepEqual(Object.keys(c.body).sort(), ['createdAt', 'objectId']);
      const related = async () =>
        (
          await rest('GET', `/classes/${T}`, undefined, {
            query: { where: { $relatedTo: { object: { __type: 'Pointer', className: C, objectId: c.body.objectId }, key: 'rel' } }, order: 'v' },
          })
        ).body.results.map((x) => x.v);
      assert.deepEqual(await related(), [1, 2]);
      const r = await put(c.body.objectId, { rel: { __op: 'RemoveRelation', objects: [p(t1)] } });
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body), ['updatedAt']);
      assert.deepEqual(await related(), [2]);
      // relation pointer of the wrong class
      const bad = await put(c.body.objectId, { rel: { __op: 'AddRelation', objects: [{ __type: 'Pointer', className: cls('Wrong'), objectId: t1 }] } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 111);
      assert.equal(bad.body.error, `schema mismatch for ${C}.rel; expected Relation<${T}> but got Relation<${cls('Wrong')}>`);
    } finally {
      await h.dropClass(T);
    }
  });

  test('SDK operations: increment, add, addUnique, remove, unset', async () => {
    const o = new Parse.Object(C);
    o.set({ score: 1, tags: ['a'] });
    await o.save();
    o.increment('score', 4);
    o.add('tags', 'b');
    await o.save();
    assert.equal(o.get('score'), 5);
    assert.deepEqual(o.get('tags'), ['a', 'b']);
    o.addUnique('tags', 'a');
    o.addUnique('tags', 'c');
    await o.save();
    assert.deepEqual([...o.get('tags')].sort(), ['a', 'b', 'c']);
    o.remove('tags', 'a');
    o.unset('score');
    await o.save();
    const got = await new Parse.Query(C).get(o.id);
    assert.deepEqual([...got.get('tags')].sort(), ['b', 'c']);
    assert.equal(got.has('score'), false);
  });
});
