'use strict';
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls, MOUNT_PATH, OBJECT_ID_RE, ISO_MS_RE } = h;

const C = cls('Batch');
const path = (suffix = '') => `${MOUNT_PATH}/classes/${C}${suffix}`;

describe('batch', () => {
  after(() => h.dropClass(C));

  test('mixed creates / updates / gets / deletes answer in order with {success} / {error}', async () => {
    const a = (await rest('POST', `/classes/${C}`, { n: 1, name: 'a' })).body.objectId;
    const b = (await rest('POST', `/classes/${C}`, { n: 2, name: 'b' })).body.objectId;
    const d = (await rest('POST', `/classes/${C}`, { n: 4, name: 'd' })).body.objectId;
    // Sub-requests may run concurrently (Parse Server runs them in parallel): never touch one object twice.
    const r = await rest('POST', '/batch', {
      requests: [
        { method: 'POST', path: path(), body: { n: 3, name: 'c' } },
        { method: 'PUT', path: path(`/${a}`), body: { n: { __op: 'Increment', amount: 10 } } },
        { method: 'PUT', path: path(`/${b}`), body: { name: 'b2' } },
        { method: 'DELETE', path: path(`/${d}`) },
        { method: 'DELETE', path: path('/abcdefghij') },
        { method: 'PUT', path: path('/abcdefghij'), body: { n: 1 } },
        { method: 'GET', path: path('/abcdefghij') },
        { method: 'POST', path: path(), body: { n: 'not a number' } },
      ],
    });
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.body));
    assert.equal(r.body.length, 8);
    const [c0, u1, u2, d3, d4, u5, g6, e7] = r.body;
    assert.deepEqual(Object.keys(c0), ['success']);
    assert.deepEqual(Object.keys(c0.success).sort(), ['createdAt', 'objectId']);
    assert.match(c0.success.objectId, OBJECT_ID_RE);
    assert.match(c0.success.createdAt, ISO_MS_RE);
    assert.deepEqual(Object.keys(u1.success).sort(), ['n', 'updatedAt']);
    assert.equal(u1.success.n, 11);
    assert.deepEqual(Object.keys(u2.success), ['updatedAt']);
    assert.deepEqual(d3, { success: {} });
    assert.deepEqual(d4, { error: { code: 101, error: 'Object not found.' } });
    assert.deepEqual(u5, { error: { code: 101, error: 'Object not found.' } });
    assert.deepEqual(g6, { error: { code: 101, error: 'Object not found.' } });
    assert.deepEqual(e7, { error: { code: 111, error: `schema mismatch for ${C}.n; expected Number but got String` } });

    // effects
    assert.equal((await rest('GET', `/classes/${C}/${a}`)).body.n, 11);
    assert.equal((await rest('GET', `/classes/${C}/${b}`)).body.name, 'b2');
    assert.equal((await rest('GET', `/classes/${C}/${d}`)).status, 404);
    assert.equal((await rest('GET', `/classes/${C}/${c0.success.objectId}`)).body.name, 'c');
  });

  test('GET of an existing object in a batch answers the object', async () => {
    const id = (await rest('POST', `/classes/${C}`, { n: 42, name: 'g' })).body.objectId;
    const r = await rest('POST', '/batch', { requests: [{ method: 'GET', path: path(`/${id}`) }] });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    assert.equal(r.body[0].success.objectId, id);
    assert.equal(r.body[0].success.n, 42);
    assert.equal(r.body[0].success.name, 'g');
  });

  test('empty requests array -> 200 []', async () => {
    const r = await rest('POST', '/batch', { requests: [] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, []);
  });

  test('no default limit on the number of sub-requests (200 creates)', async () => {
    const requests = Array.from({ length: 200 }, (_, i) => ({ method: 'POST', path: path(), body: { bulk: i } }));
    const r = await rest('POST', '/batch', { requests });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 200);
    assert.ok(r.body.every((x) => x.success && OBJECT_ID_RE.test(x.success.objectId)));
    const cnt = await rest('GET', `/classes/${C}`, undefined, { query: { where: { bulk: { $exists: true } }, count: '1', limit: '0' } });
    assert.equal(cnt.body.count, 200);
  });

  test('transaction: true with valid requests', async () => {
    const r = await rest('POST', '/batch', {
      transaction: true,
      requests: [
        { method: 'POST', path: path(), body: { txn: 1 } },
        { method: 'POST', path: path(), body: { txn: 2 } },
      ],
    });
    // the embedded store runs transactions too (tests/sweep-store.test.js: all-or-nothing)
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 2);
    assert.ok(r.body.every((x) => OBJECT_ID_RE.test(x.success.objectId)));
  });

  test('paths must carry the mount prefix', async () => {
    let r = await rest('POST', '/batch', { requests: [{ method: 'POST', path: `/classes/${C}`, body: { a: 1 } }] });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: `cannot route batch path /classes/${C}` });
    r = await rest('POST', '/batch', { requests: [{ method: 'POST', path: `/other/classes/${C}`, body: { a: 1 } }] });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: `cannot route batch path /other/classes/${C}` });
  });

  test('malformed batches', async () => {
    const cases = [
      [{ requests: 5 }, 'requests must be an array'],
      [{}, 'requests must be an array'],
      [{ requests: [{ method: 'POST', path: 5 }] }, 'batch request path must be a string'],
      [{ requests: [{ method: 'POST', path: `${MOUNT_PATH}/batch`, body: { requests: [] } }] }, 'nested batch requests are not allowed'],
      [{ requests: [{ method: 'PATCH', path: path(), body: { a: 1 } }] }, `cannot route PATCH /classes/${C}`],
    ];
    for (const [body, msg] of cases) {
      const r = await rest('POST', '/batch', body);
      assert.equal(r.status, 400, msg);
      assert.deepEqual(r.body, { code: 107, error: msg });
    }
  });

  test('batch without keys -> 403 unauthorized, nothing written', async () => {
    const r = await rest('POST', '/batch', { requests: [{ method: 'POST', path: path(), body: { nokeys: 1 } }] }, { keys: false });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error: 'unauthorized' });
    const cnt = await rest('GET', `/classes/${C}`, undefined, { query: { where: { nokeys: 1 }, count: '1', limit: '0' } });
    assert.equal(cnt.body.count, 0);
  });

  test('SDK saveAll / destroyAll', async () => {
    const objs = Array.from({ length: 25 }, (_, i) => {
      const o = new Parse.Object(C);
      o.set({ sdk: i });
      return o;
    });
    await Parse.Object.saveAll(objs);
    assert.ok(objs.every((o) => OBJECT_ID_RE.test(o.id)));
    assert.equal(await new Parse.Query(C).exists('sdk').count(), 25);
    objs.forEach((o) => o.increment('sdk', 100));
    await Parse.Object.saveAll(objs);
    assert.equal(await new Parse.Query(C).greaterThanOrEqualTo('sdk', 100).count(), 25);
    await Parse.Object.destroyAll(objs);
    assert.equal(await new Parse.Query(C).exists('sdk').count(), 0);
  });

  test('SDK saveAll reports a per-object failure', async () => {
    const good = new Parse.Object(C);
    good.set('n', 1);
    const bad = new Parse.Object(C);
    bad.set('n', 'str');
    let err;
    try {
      await Parse.Object.saveAll([good, bad]);
    } catch (e) {
      err = e;
    }
    assert.ok(err, 'saveAll rejected');
    // The SDK rejects with the failed sub-request's error
    assert.equal(err.code, 111);
    assert.equal(err.message, `schema mismatch for ${C}.n; expected Number but got String`);
    assert.ok(good.id, 'the valid object was saved');
    assert.equal(bad.id, undefined);
  });
});
