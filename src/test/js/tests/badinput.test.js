'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls } = h;

const C = cls('Bad');
const JSON_CT = { headers: { 'Content-Type': 'application/json' } };
const INTERNAL_WRITE = { code: 1, message: 'Internal server error.' };

async function count(where) {
  const r = await rest('GET', `/classes/${C}`, undefined, { query: { where: where || {}, count: '1', limit: '0' } });
  return r.body.count;
}
async function find(where, extra = {}) {
  return rest('GET', `/classes/${C}`, undefined, { query: { where, ...extra } });
}

describe('bad input', () => {
  let id;
  before(async () => {
    id = (await rest('POST', `/classes/${C}`, { n: 1, s: 'abc', arr: [1], marker: 'base' })).body.objectId;
    await rest('POST', `/classes/${C}`, { n: 2, s: 'Abd', arr: [2], marker: 'base' });
    await rest('POST', `/classes/${C}`, { n: 3, s: 'xyz', arr: [], marker: 'base' });
  });
  after(() => h.dropClass(C));

  test('Increment with a non-number amount', async () => {
    const r = await rest('PUT', `/classes/${C}/${id}`, { n: { __op: 'Increment', amount: 'x' } });
    if (await h.isPostgres()) {
      assert.equal(r.status, 500); // PostgreSQL reference
      assert.deepEqual(r.body, INTERNAL_WRITE);
    } else {
      assert.equal(r.status, 400); // MongoDB
      assert.deepEqual(r.body, { code: 107, error: 'incrementing must provide a number' });
    }
    assert.equal((await rest('GET', `/classes/${C}/${id}`)).body.n, 1);
  });

  test('Add / Remove with a non-array objects', async () => {
    for (const [op, msg] of [
      ['Add', 'objects to add must be an array'],
      ['AddUnique', 'objects to add must be an array'],
      ['Remove', 'objects to remove must be an array'],
    ]) {
      const r = await rest('PUT', `/classes/${C}/${id}`, { arr: { __op: op, objects: 5 } });
      if (await h.isPostgres()) {
        assert.equal(r.status, 500, op); // PostgreSQL reference
        assert.deepEqual(r.body, INTERNAL_WRITE);
      } else {
        assert.equal(r.status, 400, op); // MongoDB
        assert.deepEqual(r.body, { code: 107, error: msg });
      }
    }
    assert.deepEqual((await rest('GET', `/classes/${C}/${id}`)).body.arr, [1]);
  });

  test('unknown __op: refused, nothing written', async () => {
    const r = await rest('PUT', `/classes/${C}/${id}`, { n: { __op: 'Foo' } });
    const c = await rest('POST', `/classes/${C}`, { n: { __op: 'Foo' } });
    if (await h.isPostgres()) {
      // The reference answers a client mistake with an internal error.
      for (const x of [r, c]) {
        assert.equal(x.status, 500);
        assert.deepEqual(x.body, INTERNAL_WRITE);
      }
    } else {
      // Ours: Parse's own message for an unsupported operator (flattenUpdateOperatorsForCreate), code 108.
      for (const x of [r, c]) {
        assert.equal(x.status, 400);
        assert.deepEqual(x.body, { code: 108, error: 'The Foo operator is not supported yet.' });
      }
    }
    assert.equal((await rest('GET', `/classes/${C}/${id}`)).body.n, 1);
  });

  test('unknown query operator', async () => {
    const r = await find({ n: { $foo: 1 } });
    assert.equal(r.status, 400);
    if (await h.isPostgres()) {
      assert.deepEqual(r.body, { code: 119, error: 'Postgres doesn\'t support this query type yet {"$foo":1}' }); // PostgreSQL reference
    } else {
      assert.deepEqual(r.body, { code: 107, error: 'bad constraint: $foo' }); // MongoDB
    }
  });

  test('invalid top-level query keys and parameters', async () => {
    let r = await find({ $where: 'sleep(1000)' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Invalid key name: $where' });
    r = await find({ 'a-b': 1 });
    assert.deepEqual(r.body, { code: 105, error: 'Invalid key name: a-b' });
    r = await find({ 'bad key!': 1 });
    assert.deepEqual(r.body, { code: 105, error: 'Invalid key name: bad key!' });
    r = await rest('GET', `/classes/${C}`, undefined, { query: { where: '{bad' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: 'where parameter is not valid JSON' });
    r = await rest('GET', `/classes/${C}`, undefined, { query: { foo: '1' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 102, error: 'Invalid parameter for query: foo' });
    r = await rest('GET', `/classes/${C}`, undefined, { query: { order: 'a b' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Invalid field name: a b.' });
  });

  test('operators with wrong value types', async () => {
    let r = await find({ n: { $in: 1 } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: 'bad $in value' });
    r = await find({ n: { $nin: 1 } });
    assert.deepEqual(r.body, { code: 107, error: 'bad $nin value' });
    r = await find({ s: { $regex: 1 } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 102, error: '$regex value must be a string' });
    r = await find({ n: { $select: {} } });
    assert.deepEqual(r.body, { code: 102, error: 'improper usage of $select' });
    r = await find({ n: { $inQuery: {} } });
    assert.deepEqual(r.body, { code: 102, error: 'improper usage of $inQuery' });
    r = await find({ s: { $text: {} } });
    assert.deepEqual(r.body, { code: 107, error: 'bad $text: $search, should be object' });
  });

  test('invalid $regex options -> 102 "Bad $options value for query: <opts>"', async () => {
    const r = await find({ s: { $regex: 'a', $options: 'q' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 102, error: 'Bad $options value for query: q' });
    // the allowed options i, m, x, s, u all pass
    const ok = await find({ s: { $regex: '^a', $options: 'imxsu' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(
      ok.body.results.map((x) => x.s).sort(),
      ['Abd', 'abc']
    );
  });

  test('__proto__ in a body: 105 and nothing written', async () => {
    const before = await count();
    let r = await rest('POST', `/classes/${C}`, '{"__proto__":{"x":1},"a":1}', JSON_CT);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Invalid field name: __proto__.' });
    r = await rest('POST', `/classes/${C}`, '{"o":{"__proto__":{"x":1}},"a":1}', JSON_CT);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"__proto__"}.' });
    r = await rest('POST', `/classes/${C}`, '{"arr2":[{"__proto__":{"x":1}}]}', JSON_CT);
    assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"__proto__"}.' });
    r = await rest('PUT', `/classes/${C}/${id}`, '{"o":{"__proto__":{"polluted":1}}}', JSON_CT);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"__proto__"}.' });
    assert.equal(await count(), before);
    const g = await rest('GET', `/classes/${C}/${id}`);
    assert.equal('o' in g.body, false);
  });

  test('constructor in a body: refused and nothing written', async () => {
    const before = await count();
    let r = await rest('POST', `/classes/${C}`, '{"o":{"constructor":{"prototype":{"x":1}}}}', JSON_CT);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"constructor"}.' });
    // top level "constructor": Parse Server answers a schema mismatch (the field lookup sees no type)
    const ref = await h.isPostgres();
    r = await rest('POST', `/classes/${C}`, '{"constructor":{"x":1}}', JSON_CT);
    assert.equal(r.status, 400);
    // The reference's answer is a JavaScript quirk (111 "expected undefined"); ours is the deny-list answer.
    assert.deepEqual(r.body, ref
      ? { code: 111, error: `schema mismatch for ${C}.constructor; expected undefined but got Object` }
      : { code: 105, error: 'Prohibited keyword in request data: {"key":"constructor"}.' });
    r = await rest('PUT', `/classes/${C}/${id}`, '{"constructor":"x"}', JSON_CT);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, ref
      ? { code: 111, error: `schema mismatch for ${C}.constructor; expected undefined but got String` }
      : { code: 105, error: 'Prohibited keyword in request data: {"key":"constructor"}.' });
    // _bsontype Code is on the default deny list too
    r = await rest('POST', `/classes/${C}`, { o: { _bsontype: 'Code', code: 'x' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"_bsontype","value":"Code"}.' });
    assert.equal(await count(), before);
    const g = await rest('GET', `/classes/${C}/${id}`);
    assert.equal(Object.prototype.hasOwnProperty.call(g.body, 'constructor'), false);
  });

  test('__proto__ / constructor in a where clause', async () => {
    let r = await rest('GET', `/classes/${C}`, undefined, { query: { where: '{"__proto__":{"n":1}}' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'Invalid key name: __proto__' });
    r = await rest('GET', `/classes/${C}`, undefined, { query: { where: '{"constructor":"x"}' } });
    if (await h.isPostgres()) {
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { results: [] });
    } else {
      // Ours applies the keyword deny list to queries too.
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { code: 105, error: 'Prohibited keyword in request data: {"key":"constructor"}.' });
    }
    // the server keeps working normally
    assert.equal(await count({ marker: 'base' }), 3);
  });

  test('deeply nested object (2000 levels) -> error, server keeps serving', async () => {
    const deep = {};
    let cur = deep;
    for (let i = 0; i < 2000; i++) {
      cur.n = {};
      cur = cur.n;
    }
    const before = await count();
    const r = await rest('POST', `/classes/${C}`, { deep });
    if (await h.isPostgres()) {
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, INTERNAL_WRITE);
    } else {
      // Ours refuses bodies nested deeper than 256 levels as invalid JSON.
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { code: 107, error: 'Invalid JSON' });
    }
    assert.equal(await count(), before);
    // moderately nested (50 levels) is fine
    const ok = {};
    cur = ok;
    for (let i = 0; i < 50; i++) {
      cur.n = {};
      cur = cur.n;
    }
    cur.leaf = true;
    const c = await rest('POST', `/classes/${C}`, { deep50: ok });
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.deepEqual(g.body.deep50, ok);
    await rest('DELETE', `/classes/${C}/${c.body.objectId}`);
  });

  test('huge limit is accepted and returns everything', async () => {
    const r = await find({ marker: 'base' }, { limit: '1000000000' });
    assert.equal(r.status, 200);
    assert.equal(r.body.results.length, 3);
  });

  test('negative skip and limit=-1', async () => {
    const skip = await find({ marker: 'base' }, { skip: '-1' });
    const lim = await find({ marker: 'base' }, { limit: '-1' });
    if (await h.isPostgres()) {
      // PostgreSQL reference: internal error
      for (const r of [skip, lim]) {
        assert.equal(r.status, 500);
        assert.deepEqual(r.body, { code: 1, error: 'An internal server error occurred' });
      }
    } else {
      // Ours: a negative skip is the client's mistake (102); limit -1 means "at most 1 result" as on MongoDB.
      assert.equal(skip.status, 400);
      assert.deepEqual(skip.body, { code: 102, error: 'Invalid value for skip: -1' });
      assert.equal(lim.status, 200);
      assert.equal(lim.body.results.length, 1);
    }
    h.assertNoStack(skip.text);
    h.assertNoStack(lim.text);
  });

  test('body bigger than maxUploadSize (20mb) -> 413 {"error":"request entity too large"}', async () => {
    const before = await count();
    const r = await rest('POST', `/classes/${C}`, { big: 'a'.repeat(21 * 1024 * 1024) });
    assert.equal(r.status, 413);
    assert.deepEqual(r.body, { error: 'request entity too large' });
    assert.equal(await count(), before);
    // a 1 MB string is fine
    const c = await rest('POST', `/classes/${C}`, { big: 'b'.repeat(1024 * 1024) });
    assert.equal(c.status, 201);
    await rest('DELETE', `/classes/${C}/${c.body.objectId}`);
  });

  test('catastrophic-backtracking regex: the server answers and keeps serving', async () => {
    const evil = (await rest('POST', `/classes/${C}`, { s: 'a'.repeat(64) + '!', evil: true })).body.objectId;
    const started = Date.now();
    const r = await rest('GET', `/classes/${C}`, undefined, {
      query: { where: { evil: true, s: { $regex: '(a+)+$' } } },
    });
    const took = Date.now() - started;
    assert.ok(took < 30000, `answered in ${took} ms`);
    if (await h.isPostgres()) {
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { results: [] });
    } else {
      // either evaluated (no match) or refused with a JSON error
      if (r.status === 200) assert.deepEqual(r.body, { results: [] });
      else {
        assert.ok(r.status >= 400 && r.body && typeof r.body.code === 'number', r.text);
        h.assertNoStack(r.text);
      }
    }
    const follow = await rest('GET', `/classes/${C}/${id}`);
    assert.equal(follow.status, 200);
    assert.equal(follow.body.objectId, id);
    await rest('DELETE', `/classes/${C}/${evil}`);
  });
});
