'use strict';
// One regression test per class of weakness Parse Server has published security advisories for.
// Each sets up data a caller must not reach, then tries the bypass; each fails on a server
// without the protection.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls, RUN } = h;

const SECRET = cls('AdvSecret');
const OPEN = cls('AdvOpen');
const DENIED = { code: 119, error: 'Permission denied' };
const ptr = (className, objectId) => ({ __type: 'Pointer', className, objectId });

describe('advisory classes', () => {
  let owner;
  let other;
  let secretId;
  before(async () => {
    const a = await rest('POST', '/users', { username: `adv_a_${RUN}`, password: 'pw', email: `adv_a_${RUN}@example.com` });
    const b = await rest('POST', '/users', { username: `adv_b_${RUN}`, password: 'pw' });
    owner = { id: a.body.objectId, token: a.body.sessionToken };
    other = { id: b.body.objectId, token: b.body.sessionToken };
    const s = await rest('POST', `/classes/${SECRET}`, { pin: '4321', note: 'top', ACL: { [owner.id]: { read: true, write: true } } }, { master: true });
    secretId = s.body.objectId;
    await rest('POST', `/classes/${OPEN}`, { link: ptr(SECRET, secretId), tag: 'open' }, { master: true });
  });
  after(async () => {
    await h.dropClass(SECRET);
    await h.dropClass(OPEN);
  });
  const asOther = (extra = {}) => ({ ...extra, headers: { 'X-Parse-Session-Token': other.token } });

  test('ACL bypass through where: ACL and permission columns cannot be queried or widened', async () => {
    const acl = await rest('GET', `/classes/${SECRET}`, undefined, asOther({ query: { where: { ACL: { '*': { read: true } } } } }));
    assert.deepEqual(acl.body, { code: 102, error: 'Cannot query on ACL.' });
    const rperm = await rest('GET', `/classes/${SECRET}`, undefined, asOther({ query: { where: { _rperm: { $in: [other.id, '*', owner.id] } } } }));
    assert.deepEqual(rperm.body.results, [], 'a client _rperm constraint must not replace the server one');
    const hashed = await rest('GET', '/classes/_User', undefined, asOther({ query: { where: { _hashed_password: { $exists: true } } } }));
    assert.deepEqual(hashed.body, { code: 105, error: 'Invalid key name: _hashed_password' });
  });

  test('ACL bypass through $or / $and / $nor and dot notation', async () => {
    for (const where of [{ $or: [{ pin: '4321' }, { objectId: secretId }] }, { $and: [{ objectId: secretId }] },
      { $nor: [{ pin: 'nope' }] }, { 'note.length': { $exists: false } }]) {
      const r = await rest('GET', `/classes/${SECRET}`, undefined, asOther({ query: { where } }));
      assert.deepEqual(r.body.results, [], JSON.stringify(where));
    }
  });

  test('ACL bypass through $relatedTo, $inQuery, $select and include', async () => {
    const rel = await rest('PUT', `/classes/${SECRET}/${secretId}`, { friends: { __op: 'AddRelation', objects: [ptr('_User', other.id)] } }, { master: true });
    assert.equal(rel.status, 200, rel.text);
    const relatedTo = await rest('GET', `/classes/${SECRET}`, undefined, asOther({
      query: { where: { $relatedTo: { object: ptr(OPEN, 'whatever'), key: 'x' }, objectId: secretId } },
    }));
    assert.deepEqual(relatedTo.body.results, []);
    const inQuery = await rest('GET', `/classes/${OPEN}`, undefined, asOther({ query: { where: { link: { $inQuery: { className: SECRET, where: { pin: '4321' } } } } } }));
    assert.deepEqual(inQuery.body.results, []);
    const select = await rest('GET', `/classes/${OPEN}`, undefined, asOther({ query: { where: { tag: { $select: { query: { className: SECRET, where: {} }, key: 'note' } } } } }));
    assert.deepEqual(select.body.results, []);
    const include = await rest('GET', `/classes/${OPEN}`, undefined, asOther({ query: { include: 'link', keys: 'link.pin' } }));
    assert.equal(include.body.results[0].link, undefined);
  });

  test('CLP bypass: batch sub-requests and count obey the same permissions', async () => {
    const C = cls('AdvClp');
    await rest('POST', `/classes/${C}`, { a: 1 }, { master: true });
    const put = await rest('PUT', `/schemas/${C}`, { classLevelPermissions: { find: {}, count: {}, get: {}, create: {}, update: {}, delete: {}, addField: {} } }, { master: true });
    assert.equal(put.status, 200, put.text);
    const batch = await rest('POST', '/batch', { requests: [{ method: 'GET', path: `${h.MOUNT_PATH}/classes/${C}` }, { method: 'POST', path: `${h.MOUNT_PATH}/classes/${C}`, body: { a: 2 } }] }, asOther());
    assert.deepEqual(batch.body.map((r) => r.error), [DENIED, DENIED]);
    const count = await rest('GET', `/classes/${C}`, undefined, asOther({ query: { count: 1, limit: 0 } }));
    assert.deepEqual(count.body, DENIED);
    await h.dropClass(C);
  });

  test('protectedFields leaks: keys, sorting and regex probing on a protected field', async () => {
    const byOther = await rest('GET', `/users/${owner.id}`, undefined, asOther());
    if (byOther.status === 200) assert.equal(byOther.body.email, undefined);
    const keys = await rest('GET', '/classes/_User', undefined, asOther({ query: { keys: 'email', where: { objectId: owner.id } } }));
    for (const u of keys.body.results || []) assert.equal(u.email, undefined);
    const sort = await rest('GET', '/classes/_User', undefined, asOther({ query: { order: 'email' } }));
    assert.deepEqual(sort.body, DENIED);
    const regex = await rest('GET', '/classes/_User', undefined, asOther({ query: { where: { email: { $regex: '^adv_a' } } } }));
    assert.deepEqual(regex.body, DENIED);
  });

  test('session fields set by the client, and sessions of another user', async () => {
    const create = await rest('POST', '/sessions', { sessionToken: 'r:chosen-by-client', user: ptr('_User', owner.id), expiresAt: { __type: 'Date', iso: '2999-01-01T00:00:00.000Z' } }, asOther());
    assert.equal(create.status, 201, create.text);
    assert.notEqual(create.body.sessionToken, 'r:chosen-by-client');
    assert.equal(create.body.user.objectId, other.id, 'a client creates sessions only for itself');
    assert.notEqual(create.body.expiresAt.iso, '2999-01-01T00:00:00.000Z');
    const mine = await rest('GET', '/sessions', undefined, { headers: { 'X-Parse-Session-Token': owner.token } });
    const ownerSession = mine.body.results[0].objectId;
    const change = await rest('PUT', `/sessions/${ownerSession}`, { note: 'hijack' }, asOther());
    assert.equal(change.body.code, 101);
  });

  test('authData validation cannot be skipped on log-in', async () => {
    const id = `adv-apple-${RUN}`;
    // Log-in with only the provider id (no token) must be validated, not trusted.
    const r = await rest('POST', '/users', { authData: { apple: { id } } });
    assert.ok([101, 252].includes(r.body.code), r.text);
    const anon = await rest('POST', '/users', { authData: { anonymous: { id: `adv-anon-${RUN}` } } });
    const hijack = await rest('PUT', `/users/${anon.body.objectId}`, { authData: { anonymous: { id: `adv-anon-${RUN}` } } }, asOther());
    assert.ok(hijack.status >= 400, 'another user cannot write someone else\'s authData');
  });

  test('prototype-pollution-shaped keys in bodies and queries', async () => {
    const body = await rest('POST', `/classes/${OPEN}`, JSON.parse('{"x": {"__proto__": {"polluted": true}}}'));
    assert.ok(body.status >= 400 && body.status < 500, body.text);
    const ctor = await rest('POST', `/classes/${OPEN}`, { y: { constructor: { prototype: { polluted: true } } } });
    assert.ok(ctor.status >= 400 && ctor.status < 500, ctor.text);
    const where = await rest('GET', `/classes/${OPEN}`, undefined, { query: { where: JSON.parse('{"__proto__": {"a": 1}}') } });
    assert.ok(where.status >= 400 && where.status < 500, where.text);
    assert.equal({}.polluted, undefined);
  });
});
