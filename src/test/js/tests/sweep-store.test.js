'use strict';
// Issue 19, items 5, 6 and 8: a Polygon default answered closed, finds without an order in
// insertion order, and batches with transaction: true applied all-or-nothing.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls, MOUNT_PATH, OBJECT_ID_RE, RUN } = h;

describe('a Polygon default value (issue 19, item 5)', () => {
  const C = cls('PolyDefault');
  after(() => h.dropClass(C));

  test('the create answer shows the default ring closed, as a later GET does', async () => {
    const open = [[0, 0], [0, 1], [1, 1], [1, 0]];
    const s = await rest('POST', `/schemas/${C}`, {
      className: C,
      fields: { area: { type: 'Polygon', defaultValue: { __type: 'Polygon', coordinates: open } } },
    }, { master: true });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    const closed = [...open, [0, 0]];
    const created = await rest('POST', `/classes/${C}`, { n: 1 }, { master: true });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.area, { __type: 'Polygon', coordinates: closed });
    const got = await rest('GET', `/classes/${C}/${created.body.objectId}`, undefined, { master: true });
    assert.deepEqual(got.body.area, { __type: 'Polygon', coordinates: closed });
  });
});

describe('a find without order (issue 19, item 6)', () => {
  const C = cls('Natural');
  after(() => h.dropClass(C));

  test('answers objects in the order they were created, also with skip and limit', async () => {
    const ids = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await rest('POST', `/classes/${C}`, { i }, { master: true })).body.objectId);
    }
    // objectIds are random: sorted by id, 25 objects are in creation order once in 25! runs
    assert.notDeepEqual([...ids].sort(), ids);
    // an update does not move an object (MongoDB keeps a record where it is)
    await rest('PUT', `/classes/${C}/${ids[3]}`, { i: 103, pad: 'x'.repeat(500) }, { master: true });
    const all = await rest('GET', `/classes/${C}`, undefined, { master: true });
    assert.deepEqual(all.body.results.map((o) => o.objectId), ids);
    const page = await rest('GET', `/classes/${C}`, undefined, { master: true, query: { skip: '5', limit: '7' } });
    assert.deepEqual(page.body.results.map((o) => o.objectId), ids.slice(5, 12));
    const filtered = await new Parse.Query(C).greaterThanOrEqualTo('i', 10).find({ useMasterKey: true });
    assert.deepEqual(filtered.map((o) => o.id), ids.filter((_, k) => k >= 10 || k === 3)); // ids[3] now has i = 103
  });
});

describe('batch with transaction: true (issue 19, item 8)', () => {
  const C = cls('Txn');
  const path = (suffix = '') => `${MOUNT_PATH}/classes/${C}${suffix}`;
  after(() => h.dropClass(C));

  const byTag = async (tag) =>
    (await rest('GET', `/classes/${C}`, undefined, { master: true, query: { where: { tag } } })).body.results;

  test('all sub-requests succeed: every answer, everything written', async () => {
    const tag = `ok-${RUN}`;
    const r = await rest('POST', '/batch', {
      transaction: true,
      requests: [
        { method: 'POST', path: path(), body: { n: 1, tag } },
        { method: 'POST', path: path(), body: { n: 2, tag } },
      ],
    }, { master: true });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.length, 2);
    assert.ok(r.body.every((x) => OBJECT_ID_RE.test(x.success.objectId)));
    assert.equal((await byTag(tag)).length, 2);
  });

  test('a failing sub-request in the middle leaves nothing written: no create, update or delete', async () => {
    const tag = `fail-${RUN}`;
    const kept = (await rest('POST', `/classes/${C}`, { n: 10, tag }, { master: true })).body.objectId;
    const doomed = (await rest('POST', `/classes/${C}`, { n: 20, tag }, { master: true })).body.objectId;
    const r = await rest('POST', '/batch', {
      transaction: true,
      requests: [
        { method: 'POST', path: path(), body: { n: 1, tag } },
        { method: 'PUT', path: path(`/${kept}`), body: { n: 11 } },
        { method: 'POST', path: path(), body: { n: 'not a number', tag } },
        { method: 'DELETE', path: path(`/${doomed}`) },
        { method: 'POST', path: path(), body: { n: 3, tag } },
      ],
    }, { master: true });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.code, 111);
    assert.match(r.body.error, /expected Number but got String/);
    const left = await byTag(tag);
    assert.deepEqual(left.map((o) => [o.objectId, o.n]).sort(), [[kept, 10], [doomed, 20]].sort());
  });

  test('a beforeSave that fails in the middle counts as a failing sub-request', async () => {
    const name = `txn-${RUN}`;
    const scorePath = `${MOUNT_PATH}/classes/CloudScore`;
    const r = await rest('POST', '/batch', {
      transaction: true,
      requests: [
        { method: 'POST', path: scorePath, body: { score: 1, name } },
        { method: 'POST', path: scorePath, body: { score: -1, name } },
        { method: 'POST', path: scorePath, body: { score: 2, name } },
      ],
    }, { master: true });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(r.body, { code: 142, error: 'score must not be negative' });
    const q = await rest('GET', '/classes/CloudScore', undefined, { master: true, query: { where: { name } } });
    assert.deepEqual(q.body.results, []);
  });

  test('the JS SDK: saveAll with transaction is all-or-nothing', async () => {
    const tag = `sdk-${RUN}`;
    const good = () => new Parse.Object(C, { n: 1, tag });
    const saved = await Parse.Object.saveAll([good(), good()], { transaction: true, useMasterKey: true });
    assert.ok(saved.every((o) => OBJECT_ID_RE.test(o.id)));
    assert.equal((await byTag(tag)).length, 2);

    const failTag = `sdkfail-${RUN}`;
    const objects = [new Parse.Object(C, { n: 1, tag: failTag }), new Parse.Object(C, { n: 'text', tag: failTag }),
      new Parse.Object(C, { n: 3, tag: failTag })];
    await assert.rejects(Parse.Object.saveAll(objects, { transaction: true, useMasterKey: true }),
      // the SDK rejects with the batch's error once for each object
      (e) => Array.isArray(e) && e.length === 3
        && e.every((x) => x instanceof Parse.Error && /expected Number but got String/.test(x.message)));
    assert.deepEqual(await byTag(failTag), []);
  });
});
