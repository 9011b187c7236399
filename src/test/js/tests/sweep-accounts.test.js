'use strict';
// Issue 19, items 1, 16, 18 and 20: /loginAs and /verifyPassword, what the read-only master key may
// not do (files, config, schemas, hooks, jobs, purge), empty authData ids, and the keyword denylist
// on dot-path keys, nested objects, batch sub-requests and /config. Answers as Parse Server 9.10's.
// The read-only master key (RO_MASTER_KEY) and direct database access exist on our test server
// only; the tests that need them are skipped against the reference.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls, RUN, MOUNT_PATH } = h;
const { MongoClient } = require('mongodb');

const TOKEN_RE = /^r:[0-9a-f]{32}$/;
const RO = { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } };
const DB_URI = process.env.PARSE_DB_URI || (process.env.PARSE_DB_PORT ? `mongodb://127.0.0.1:${process.env.PARSE_DB_PORT}/parse` : null);
let n = 0;
const uname = (p = 'acc') => `${p}_${RUN}_${++n}`;

async function signUp(fields = {}) {
  const username = fields.username || uname();
  const r = await rest('POST', '/users', { username, password: 'pw-1', ...fields });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.objectId, token: r.body.sessionToken, username };
}

/** The fields of a user, but emailVerified, which only servers with verifyUserEmails keep. */
function fieldsOf(user) {
  return Object.keys(user).filter((k) => k !== 'emailVerified').sort();
}

/** Whether the read-only master key is configured (our test server), else the test is skipped. */
async function hasReadOnlyKey() {
  const r = await rest('GET', '/serverInfo', undefined, RO);
  return r.status === 200;
}

describe('item 1: POST /loginAs', () => {
  test('the SDK logs in as a user with the master key: a new session and the user as stored', async () => {
    const username = uname('as');
    const u = await signUp({ username, email: `${username}@example.com`, extra: 'e' });
    const user = await Parse.User.loginAs(u.id);
    assert.equal(user.id, u.id);
    assert.match(user.getSessionToken(), TOKEN_RE);
    assert.notEqual(user.getSessionToken(), u.token);
    assert.equal(user.get('username'), username);
    assert.equal(user.get('extra'), 'e');
    const me = await rest('GET', '/users/me', undefined, { headers: { 'X-Parse-Session-Token': user.getSessionToken() } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.objectId, u.id);
  });

  test('REST: the stored fields with a session token, created with authProvider "masterkey"', async () => {
    const username = uname('as');
    const u = await signUp({ username, email: `${username}@example.com`, extra: 'e', authData: { anonymous: { id: `anon-${username}` } } });
    const r = await rest('POST', '/loginAs', { userId: u.id }, { master: true, headers: { 'X-Parse-Installation-Id': `inst-${username}` } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(fieldsOf(r.body), ['ACL', 'authData', 'createdAt', 'email', 'extra', 'objectId', 'sessionToken', 'updatedAt', 'username']);
    assert.equal(r.body.email, `${username}@example.com`);
    assert.deepEqual(r.body.authData, { anonymous: { id: `anon-${username}` } });
    assert.match(r.body.sessionToken, TOKEN_RE);
    const s = await rest('GET', '/sessions', undefined, { master: true, query: { where: { sessionToken: r.body.sessionToken } } });
    assert.equal(s.body.results.length, 1, s.text);
    assert.deepEqual(s.body.results[0].createdWith, { action: 'login', authProvider: 'masterkey' });
    assert.equal(s.body.results[0].installationId, `inst-${username}`);
    const byQuery = await rest('POST', `/loginAs?userId=${u.id}`, undefined, { master: true });
    assert.equal(byQuery.status, 200, byQuery.text);
    assert.equal(byQuery.body.objectId, u.id);
  });

  test('refusals: no master key, unknown user, missing or non-string userId', async () => {
    const u = await signUp();
    const noMaster = await rest('POST', '/loginAs', { userId: u.id });
    assert.deepEqual([noMaster.status, noMaster.body], [400, { code: 119, error: 'Permission denied' }]);
    const asUser = await rest('POST', '/loginAs', { userId: u.id }, { headers: { 'X-Parse-Session-Token': u.token } });
    assert.deepEqual([asUser.status, asUser.body], [400, { code: 119, error: 'Permission denied' }]);
    for (const body of [undefined, {}, { userId: '' }, { userId: null }]) {
      const r = await rest('POST', '/loginAs', body, { master: true });
      assert.deepEqual([r.status, r.body], [400, { code: 162, error: 'userId must not be empty, null, or undefined' }], JSON.stringify(body));
    }
    const unknown = await rest('POST', '/loginAs', { userId: 'nobody' }, { master: true });
    assert.deepEqual([unknown.status, unknown.body], [404, { code: 101, error: 'user not found' }]);
    // An operator in place of an id never picks "some user".
    for (const userId of [{ $ne: 'x' }, { $exists: true }, 5, [u.id]]) {
      const r = await rest('POST', '/loginAs', { userId }, { master: true });
      assert.notEqual(r.status, 200, `${JSON.stringify(userId)}: ${r.text}`);
      assert.equal(r.body.sessionToken, undefined);
    }
    const get = await rest('GET', '/loginAs', undefined, { master: true, query: { userId: u.id } });
    assert.equal(get.status, 404);
  });

  test('the read-only master key may not log in as a user', async (t) => {
    if (!(await hasReadOnlyKey())) return t.skip('no read-only master key configured');
    const u = await signUp();
    const r = await rest('POST', '/loginAs', { userId: u.id }, RO);
    assert.deepEqual([r.status, r.body], [400, { code: 119, error: 'Permission denied' }]);
  });
});

describe('item 1: GET/POST /verifyPassword', () => {
  let user;
  before(async () => {
    const username = uname('vp');
    user = await signUp({ username, email: `${username}@example.com`, extra: 'e' });
    user.email = `${username}@example.com`;
  });

  test('an empty request: 400, code 200 "username/email is required."', async () => {
    for (const [method, body] of [['POST', undefined], ['POST', {}], ['GET', undefined]]) {
      const r = await rest(method, '/verifyPassword', body);
      assert.deepEqual([r.status, r.body], [400, { code: 200, error: 'username/email is required.' }], `${method} ${JSON.stringify(body)}`);
    }
  });

  test('missing and wrong passwords, unknown users', async () => {
    const noPw = await rest('POST', '/verifyPassword', { username: user.username });
    assert.deepEqual([noPw.status, noPw.body], [400, { code: 201, error: 'password is required.' }]);
    for (const body of [
      { username: user.username, password: 'wrong' },
      { username: user.username, password: 5 },
      { username: `nobody_${RUN}`, password: 'pw-1' },
      { email: user.email, password: 'wrong' },
    ]) {
      const r = await rest('POST', '/verifyPassword', body);
      assert.deepEqual([r.status, r.body], [404, { code: 101, error: 'Invalid username/password.' }], JSON.stringify(body));
    }
  });

  test('the right password: the user as they see themselves, without a session token', async () => {
    const answers = [
      await rest('POST', '/verifyPassword', { username: user.username, password: 'pw-1' }),
      await rest('GET', '/verifyPassword', undefined, { query: { username: user.username, password: 'pw-1' } }),
      await rest('GET', '/verifyPassword', undefined, { query: { email: user.email, password: 'pw-1' } }),
    ];
    for (const r of answers) {
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(fieldsOf(r.body), ['ACL', 'createdAt', 'email', 'extra', 'objectId', 'updatedAt', 'username']);
      assert.equal(r.body.objectId, user.id);
    }
    const sessions = await rest('GET', '/sessions', undefined, {
      master: true,
      query: { where: { user: { __type: 'Pointer', className: '_User', objectId: user.id } } },
    });
    assert.equal(sessions.body.results.length, 1, 'verifying a password opens no session');
  });

  test('the SDK: Parse.User.verifyPassword', async () => {
    const seen = await Parse.User.verifyPassword(user.username, 'pw-1');
    assert.equal(seen.objectId, user.id);
    assert.equal(seen.sessionToken, undefined);
    await h.expectParseError(Parse.User.verifyPassword(user.username, 'nope'), 101, 'Invalid username/password.');
  });
});

describe('item 18: authData ids that would share one account', () => {
  test('an empty anonymous id never logs in as the user who has it: 208 for the next one', async () => {
    const first = await rest('POST', '/users', { authData: { anonymous: { id: '' } } });
    // Whoever sent it first may hold it (as in Parse Server, where a unique index then refuses the rest).
    assert.ok([201, 400].includes(first.status), first.text);
    for (let i = 0; i < 2; i++) {
      const next = await rest('POST', '/users', { authData: { anonymous: { id: '' } } });
      assert.deepEqual([next.status, next.body], [400, { code: 208, error: 'this auth is already used' }]);
    }
  });

  test('linking an empty id another user holds: 208', async () => {
    await rest('POST', '/users', { authData: { anonymous: { id: '' } } });
    const u = await signUp();
    const r = await rest('PUT', `/users/${u.id}`, { authData: { anonymous: { id: '' } } }, { headers: { 'X-Parse-Session-Token': u.token } });
    assert.deepEqual([r.status, r.body], [400, { code: 208, error: 'this auth is already used' }]);
  });

  test('non-string ids: 162; ids that are missing or null: a new user each time', async () => {
    for (const id of [5, true, { $ne: 'x' }, ['a']]) {
      const r = await rest('POST', '/users', { authData: { anonymous: { id } } });
      assert.deepEqual([r.status, r.body], [400, { code: 162, error: "Invalid authData id for provider 'anonymous'." }], JSON.stringify(id));
    }
    for (const data of [{ id: null }, { x: 'y' }]) {
      const a = await rest('POST', '/users', { authData: { anonymous: data } });
      const b = await rest('POST', '/users', { authData: { anonymous: data } });
      assert.equal(a.status, 201, a.text);
      assert.equal(b.status, 201, b.text);
      assert.notEqual(a.body.objectId, b.body.objectId);
    }
  });
});

describe('item 16: the read-only master key writes nothing, files included', () => {
  let skip = false;
  before(async () => {
    skip = !(await hasReadOnlyKey());
  });

  test('DELETE /files/<name>: 403 {"error":"Permission denied"}, and the file stays', async (t) => {
    if (skip) return t.skip('no read-only master key configured');
    const up = await rest('POST', `/files/ro-${RUN}.txt`, 'keep me', { master: true, headers: { 'Content-Type': 'text/plain' } });
    assert.equal(up.status, 201, up.text);
    const del = await rest('DELETE', `/files/${up.body.name}`, undefined, RO);
    assert.deepEqual([del.status, del.body], [403, { error: 'Permission denied' }]);
    const get = await fetch(up.body.url);
    assert.equal(get.status, 200);
    assert.equal(await get.text(), 'keep me');
  });

  test('POST /files/<name>: 403 {"error":"Permission denied"}', async (t) => {
    if (skip) return t.skip('no read-only master key configured');
    const r = await rest('POST', `/files/ro-up-${RUN}.txt`, 'no', { ...RO, headers: { ...RO.headers, 'Content-Type': 'text/plain' } });
    assert.deepEqual([r.status, r.body], [403, { error: 'Permission denied' }]);
  });

  test('config, schemas, purge, hooks, jobs and job schedules: 119 "Permission denied"', async (t) => {
    if (skip) return t.skip('no read-only master key configured');
    const C = cls('RoWrites');
    await rest('POST', `/classes/${C}`, { a: 1 }, { master: true });
    const denied = { code: 119, error: 'Permission denied' };
    const calls = [
      ['PUT', '/config', { params: { roKey: 1 } }],
      ['POST', '/schemas', { className: cls('RoNew') }],
      ['POST', `/schemas/${cls('RoNew2')}`, {}],
      ['PUT', `/schemas/${C}`, { fields: { b: { type: 'String' } } }],
      ['DELETE', `/schemas/${C}`, undefined],
      ['DELETE', `/purge/${C}`, undefined],
      ['POST', '/hooks/functions', { functionName: 'roHook', url: 'http://127.0.0.1:1/x' }],
      ['PUT', '/hooks/functions/roHook', { url: 'http://127.0.0.1:1/y' }],
      ['POST', '/jobs/recordRun', {}],
      ['POST', '/cloud_code/jobs', { job_schedule: { jobName: 'recordRun', startAfter: new Date().toISOString() } }],
    ];
    for (const [method, path, body] of calls) {
      const r = await rest(method, path, body, RO);
      assert.deepEqual([r.status, r.body], [400, denied], `${method} ${path}: ${r.text}`);
    }
    const objects = await rest('GET', `/classes/${C}`, undefined, { master: true });
    assert.equal(objects.body.results.length, 1, 'purge did not run');
    const config = await rest('GET', '/config', undefined, { master: true });
    assert.equal(config.body.params.roKey, undefined);
  });
});

describe('item 20: the keyword denylist, wherever the keys come from', () => {
  const prohibited = (key) => ({ code: 105, error: `Prohibited keyword in request data: {"key":"${key}"}.` });
  let client;
  let db;
  before(async () => {
    if (DB_URI) {
      client = new MongoClient(DB_URI, { serverSelectionTimeoutMS: 5000, directConnection: true });
      await client.connect();
      db = client.db();
    }
  });
  after(async () => {
    if (client) await client.close();
  });

  /** No stored document of the class has a key (at any depth) that names a prohibited keyword. */
  async function assertNothingStored(className) {
    if (!db) return;
    const docs = await db.collection(className).find({}).toArray();
    const walk = (v, path) => {
      if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) && v._bsontype === undefined) {
        for (const k of Object.keys(v)) {
          assert.ok(!/__proto__|constructor/.test(k), `stored key ${path}.${k}`);
          walk(v[k], `${path}.${k}`);
        }
      }
    };
    docs.forEach((d) => walk(d, d._id));
  }

  test('dot-path keys on create: 105, nothing stored', async () => {
    const C = cls('KwCreate');
    await rest('POST', `/classes/${C}`, { ok: 1 }, { master: true });
    const cases = [
      [{ 'meta.__proto__.x': 1 }, '__proto__'],
      [{ 'a.constructor.prototype.y': { __op: 'Increment', amount: 1 } }, 'constructor'],
      [{ 'b.__proto__': { __op: 'Increment', amount: 1 } }, '__proto__'],
      [{ myconstructorField: 1 }, 'constructor'],
      [{ n: { x: { y: { constructor: 1 } } } }, 'constructor'],
      [{ m: [{ deep: [{ __proto__x: 1 }] }] }, '__proto__'],
    ];
    for (const [body, key] of cases) {
      const r = await rest('POST', `/classes/${C}`, body, { master: true });
      assert.deepEqual([r.status, r.body], [400, prohibited(key)], JSON.stringify(body));
    }
    const bson = await rest('POST', `/classes/${C}`, { n: { _bsontype: 'XCode' } }, { master: true });
    assert.deepEqual([bson.status, bson.body], [400, { code: 105, error: 'Prohibited keyword in request data: {"key":"_bsontype","value":"Code"}.' }]);
    const all = await rest('GET', `/classes/${C}`, undefined, { master: true });
    assert.equal(all.body.results.length, 1, all.text);
    await assertNothingStored(C);
  });

  test('dot-path keys on update, Increment included: 105, object unchanged', async () => {
    const C = cls('KwUpdate');
    const o = await rest('POST', `/classes/${C}`, { a: { b: 1 }, meta: {} }, { master: true });
    for (const [body, key] of [
      [{ 'a.constructor.prototype.y': { __op: 'Increment', amount: 1 } }, 'constructor'],
      [{ 'meta.__proto__.polluted': true }, '__proto__'],
      [{ 'a.b': 2, 'a.__proto__': { __op: 'Increment', amount: 1 } }, '__proto__'],
    ]) {
      const r = await rest('PUT', `/classes/${C}/${o.body.objectId}`, body, { master: true });
      assert.deepEqual([r.status, r.body], [400, prohibited(key)], JSON.stringify(body));
    }
    const after = await rest('GET', `/classes/${C}/${o.body.objectId}`, undefined, { master: true });
    assert.deepEqual(after.body.a, { b: 1 });
    assert.deepEqual(after.body.meta, {});
    await assertNothingStored(C);
  });

  test('batch sub-requests: that sub-request fails with 105, the others run', async () => {
    const C = cls('KwBatch');
    const r = await rest('POST', '/batch', {
      requests: [
        { method: 'POST', path: `${MOUNT_PATH}/classes/${C}`, body: { 'x.constructor.y': 1 } },
        { method: 'POST', path: `${MOUNT_PATH}/classes/${C}`, body: { 'm.__proto__.z': { __op: 'Increment', amount: 1 } } },
        { method: 'POST', path: `${MOUNT_PATH}/classes/${C}`, body: { ok: 1 } },
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body[0], { error: prohibited('constructor') });
    assert.deepEqual(r.body[1], { error: prohibited('__proto__') });
    assert.ok(r.body[2].success, r.text);
    await assertNothingStored(C);
  });

  test('/config params: 105, config unchanged', async () => {
    for (const [params, key] of [
      [{ [`p${RUN}`]: { constructor: { x: 1 } } }, 'constructor'],
      [{ [`q${RUN}`]: { a: [{ b: { __proto__x: 1 } }] } }, '__proto__'],
      [{ 'a.constructor': 1 }, 'constructor'],
      [{ 'a.__proto__.b': 1 }, '__proto__'],
    ]) {
      const r = await rest('PUT', '/config', { params }, { master: true });
      assert.deepEqual([r.status, r.body], [400, prohibited(key)], JSON.stringify(params));
    }
    const config = await rest('GET', '/config', undefined, { master: true });
    assert.equal(config.body.params[`p${RUN}`], undefined);
    assert.equal(config.body.params[`q${RUN}`], undefined);
    assert.ok(!Object.keys(config.body.params).some((k) => /__proto__|constructor/.test(k)));
  });

  test('"prototype" alone is not on Parse\'s list: stored as any key', async () => {
    const C = cls('KwProto');
    const r = await rest('POST', `/classes/${C}`, { n: { prototype: 1 }, prototype: 2 }, { master: true });
    assert.equal(r.status, 201, r.text);
  });
});
