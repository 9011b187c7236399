'use strict';
// Account lockout, password policy and the read-only master key, with the options the test server
// is started with (src/test/liberty/server.env): lockout after 3 failures for 3 seconds; passwords
// must not contain "forbidden" nor the username, and may not repeat the last 3; RO_MASTER_KEY.
// The reference server runs without these options, so there the tests are skipped.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls, RUN } = h;

let n = 0;
const name = () => `pol_${RUN}_${++n}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('account lockout, password policy, read-only master key', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('password policy: pattern, username, history', async (t) => {
    if (skip) return t.skip('reference runs without a password policy');
    const weak = await rest('POST', '/users', { username: name(), password: 'this is forbidden' });
    assert.deepEqual(weak.body, { code: 142, error: 'Password is too weak.' });
    const username = name();
    const withName = await rest('POST', '/users', { username, password: `x${username}x` });
    assert.deepEqual(withName.body, { code: 142, error: 'Password cannot contain your username.' });

    const u = await rest('POST', '/users', { username, password: 'first-pw' });
    assert.equal(u.status, 201, u.text);
    let token = u.body.sessionToken;
    const change = async (password) => {
      const r = await rest('PUT', `/users/${u.body.objectId}`, { password }, { headers: { 'X-Parse-Session-Token': token } });
      if (r.body.sessionToken) token = r.body.sessionToken;
      return r;
    };
    assert.equal((await change('second-pw')).status, 200);
    const reuse = await change('first-pw');
    assert.deepEqual(reuse.body, { code: 142, error: 'New password should not be the same as last 3 passwords.' });
    const weakChange = await change('forbidden!');
    assert.deepEqual(weakChange.body, { code: 142, error: 'Password is too weak.' });
    assert.equal((await change('third-pw')).status, 200);
    const login = await rest('POST', '/login', { username, password: 'third-pw' });
    assert.equal(login.status, 200, login.text);
  });

  test('account lockout: three failures lock the account, whatever the password, until it expires', async (t) => {
    if (skip) return t.skip('reference runs without account lockout');
    const username = name();
    await rest('POST', '/users', { username, password: 'right-pw' });
    for (let i = 0; i < 3; i++) {
      const r = await rest('POST', '/login', { username, password: 'wrong' });
      assert.deepEqual(r.body, { code: 101, error: 'Invalid username/password.' }, `attempt ${i + 1}`);
    }
    const locked = await rest('POST', '/login', { username, password: 'right-pw' });
    assert.deepEqual(locked.body, { code: 101, error: 'Your account is locked due to multiple failed login attempts. Please try again after 0.05 minute(s)' });
    await sleep(3500);
    const ok = await rest('POST', '/login', { username, password: 'right-pw' });
    assert.equal(ok.status, 200, ok.text);
    // a success resets the count: two more failures do not lock
    for (let i = 0; i < 2; i++) await rest('POST', '/login', { username, password: 'wrong' });
    const still = await rest('POST', '/login', { username, password: 'right-pw' });
    assert.equal(still.status, 200, still.text);
  });

  test('read-only master key: reads everything, writes nothing', async (t) => {
    if (skip) return t.skip('reference runs without a read-only master key');
    const C = cls('RoMaster');
    const ro = { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } };
    const priv = await rest('POST', `/classes/${C}`, { secret: 1, ACL: {} }, { master: true });
    const read = await rest('GET', `/classes/${C}/${priv.body.objectId}`, undefined, ro);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.secret, 1);
    const create = await rest('POST', `/classes/${C}`, { a: 1 }, ro);
    assert.deepEqual([create.status, create.body], [400, { code: 119, error: 'Permission denied' }]);
    const update = await rest('PUT', `/classes/${C}/${priv.body.objectId}`, { a: 1 }, ro);
    assert.equal(update.body.code, 119);
    const del = await rest('DELETE', `/classes/${C}/${priv.body.objectId}`, undefined, ro);
    assert.equal(del.body.code, 119);
    const schemas = await rest('GET', '/schemas', undefined, ro);
    assert.equal(schemas.status, 200);
    for (const [method, path] of [['POST', `/schemas/${C}x`], ['PUT', `/schemas/${C}`], ['DELETE', `/schemas/${C}`], ['DELETE', `/purge/${C}`]]) {
      const r = await rest(method, path, method === 'DELETE' ? undefined : {}, ro);
      assert.deepEqual(r.body, { code: 119, error: 'Permission denied' }, `${method} ${path}`);
    }
    await h.dropClass(C);
  });
});
