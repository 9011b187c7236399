'use strict';
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls, OBJECT_ID_RE, ISO_MS_RE } = h;

const C = cls('Obj');

describe('objects: create / get / update / delete', () => {
  after(() => h.dropClass(C));

  test('REST create answers 201, Location header and exactly {objectId, createdAt}', async () => {
    const r = await rest('POST', `/classes/${C}`, { name: 'first', n: 1 });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body).sort(), ['createdAt', 'objectId']);
    assert.match(r.body.objectId, OBJECT_ID_RE);
    assert.match(r.body.createdAt, ISO_MS_RE);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    // Location is built from the request's Host and the mount path.
    assert.equal(r.headers.get('location'), `${h.SERVER_URL}/classes/${C}/${r.body.objectId}`);
    const created = Date.parse(r.body.createdAt);
    assert.ok(Math.abs(created - Date.now()) < 5 * 60 * 1000, 'createdAt is about now');
  });

  test('REST get returns all fields, createdAt == updatedAt as plain ISO strings', async () => {
    const c = await rest('POST', `/classes/${C}`, { name: 'get-me', n: 2, flag: true });
    const r = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      objectId: c.body.objectId,
      createdAt: c.body.createdAt,
      updatedAt: c.body.createdAt,
      name: 'get-me',
      n: 2,
      flag: true,
    });
  });

  test('REST update answers 200 {updatedAt} only for plain sets; updatedAt moves forward', async () => {
    const c = await rest('POST', `/classes/${C}`, { name: 'upd', n: 1 });
    await new Promise((res) => setTimeout(res, 5));
    const u = await rest('PUT', `/classes/${C}/${c.body.objectId}`, { name: 'upd2', extra: 'x' });
    assert.equal(u.status, 200);
    assert.deepEqual(Object.keys(u.body), ['updatedAt']);
    assert.match(u.body.updatedAt, ISO_MS_RE);
    assert.ok(Date.parse(u.body.updatedAt) > Date.parse(c.body.createdAt));
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.equal(g.body.name, 'upd2');
    assert.equal(g.body.extra, 'x');
    assert.equal(g.body.n, 1);
    assert.equal(g.body.createdAt, c.body.createdAt);
    assert.equal(g.body.updatedAt, u.body.updatedAt);
  });

  test('REST update with an operation answers the operation result too', async () => {
    const c = await rest('POST', `/classes/${C}`, { n: 5 });
    const u = await rest('PUT', `/classes/${C}/${c.body.objectId}`, { n: { __op: 'Increment', amount: 2 }, name: 'inc' });
    assert.equal(u.status, 200);
    assert.deepEqual(Object.keys(u.body).sort(), ['n', 'updatedAt']);
    assert.equal(u.body.n, 7);
  });

  test('REST create with operations answers their results alongside objectId/createdAt', async () => {
    const r = await rest('POST', `/classes/${C}`, { n: { __op: 'Increment', amount: 3 }, list: { __op: 'Add', objects: [1] } });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body).sort(), ['createdAt', 'list', 'n', 'objectId']);
    assert.equal(r.body.n, 3);
    assert.deepEqual(r.body.list, [1]);
  });

  test('REST delete answers 200 {}; then get/update/delete answer 404 code 101 "Object not found."', async () => {
    const c = await rest('POST', `/classes/${C}`, { name: 'del' });
    const id = c.body.objectId;
    const d = await rest('DELETE', `/classes/${C}/${id}`);
    assert.equal(d.status, 200);
    assert.deepEqual(d.body, {});
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ]) {
      const r = await rest(method, `/classes/${C}/${id}`, body);
      assert.equal(r.status, 404, method);
      assert.deepEqual(r.body, { code: 101, error: 'Object not found.' }, method);
    }
  });

  test('REST get of a missing id (and of an unknown class) -> 404 code 101', async () => {
    let r = await rest('GET', `/classes/${C}/abcdefghij`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 101, error: 'Object not found.' });
    r = await rest('GET', `/classes/${cls('NeverCreated')}/abcdefghij`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 101, error: 'Object not found.' });
  });

  test('REST find on a class that does not exist -> 200 {results: []}', async () => {
    const r = await rest('GET', `/classes/${cls('NeverCreated2')}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { results: [] });
  });

  test('client-supplied objectId on create is refused (allowCustomObjectId off): 400 code 105', async () => {
    const r = await rest('POST', `/classes/${C}`, { objectId: 'myCustomId1', a: 1 });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'objectId is an invalid field name.' });
    const f = await rest('GET', `/classes/${C}/myCustomId1`);
    assert.equal(f.status, 404);
  });

  test('updatedAt given as a string on create -> 111 schema mismatch (default fields are Dates)', async () => {
    const r = await rest('POST', `/classes/${C}`, { updatedAt: 'yesterday' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: `schema mismatch for ${C}.updatedAt; expected Date but got String` });
  });

  test('client-supplied createdAt Date on create is ignored: the server sets it', async () => {
    const r = await rest('POST', `/classes/${C}`, { createdAt: { __type: 'Date', iso: '2001-01-01T00:00:00.000Z' }, tag: 'ca' });
    assert.equal(r.status, 201);
    assert.notEqual(r.body.createdAt, '2001-01-01T00:00:00.000Z');
    const g = await rest('GET', `/classes/${C}/${r.body.objectId}`);
    assert.equal(g.body.createdAt, r.body.createdAt);
  });

  test('SDK save / get / update / destroy round trip', async () => {
    const Obj = Parse.Object.extend(C);
    const o = new Obj();
    o.set({ name: 'sdk', n: 10 });
    await o.save();
    assert.match(o.id, OBJECT_ID_RE);
    assert.ok(o.createdAt instanceof Date);
    assert.equal(o.createdAt.getTime(), o.updatedAt.getTime());

    const got = await new Parse.Query(C).get(o.id);
    assert.equal(got.get('name'), 'sdk');
    assert.equal(got.get('n'), 10);
    assert.equal(got.createdAt.getTime(), o.createdAt.getTime());

    got.set('name', 'sdk2');
    got.increment('n', 5);
    await got.save();
    assert.equal(got.get('n'), 15);
    assert.ok(got.updatedAt.getTime() >= o.updatedAt.getTime());

    const fresh = await new Obj({ objectId: o.id }).fetch();
    assert.equal(fresh.get('name'), 'sdk2');
    assert.equal(fresh.get('n'), 15);

    await fresh.destroy();
    await h.expectParseError(new Parse.Query(C).get(o.id), Parse.Error.OBJECT_NOT_FOUND, 'Object not found.');
  });

  test('SDK fetch of a missing id -> 101 "Object not found."', async () => {
    const Obj = Parse.Object.extend(C);
    await h.expectParseError(new Obj({ objectId: 'abcdefghij' }).fetch(), 101, 'Object not found.');
  });

  test('SDK destroy of a missing id -> 101', async () => {
    const Obj = Parse.Object.extend(C);
    await h.expectParseError(new Obj({ objectId: 'abcdefghij' }).destroy(), 101, 'Object not found.');
  });

  test('objectIds are 10 alphanumerics and unique', async () => {
    const ids = await h.createMany(
      C,
      Array.from({ length: 30 }, (_, i) => ({ i }))
    );
    for (const id of ids) assert.match(id, OBJECT_ID_RE);
    assert.equal(new Set(ids).size, ids.length);
  });
});
