'use strict';
// Cloud Code validators (@Validator in src/test/java/dev/jakartaparse/examples/ExampleCloudCode.java),
// with Parse Server's rules and messages: every failed check answers 142.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

const fn = (name, params, opts) => rest('POST', `/functions/${name}`, params, opts);
const failed = (message) => ({ code: 142, error: message });

async function signUp(name, extra = {}) {
  const res = await rest('POST', '/users', { username: `${name}_${RUN}`, password: 'pw', ...extra });
  assert.equal(res.status, 201);
  return { id: res.body.objectId, headers: { 'X-Parse-Session-Token': res.body.sessionToken } };
}

async function roleWith(name, userIds) {
  const res = await rest('POST', '/roles', {
    name: `${name}`, ACL: { '*': { read: true } },
    users: { __op: 'AddRelation', objects: userIds.map((objectId) => ({ __type: 'Pointer', className: '_User', objectId })) },
  }, { master: true });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

describe('cloud code validators', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('fields: required, type, options, default; login required', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const u = await signUp('rater');
    assert.deepEqual((await fn('rate', { stars: 3 })).body, failed('Validation failed. Please login to continue.'));
    const as = { headers: u.headers };
    assert.deepEqual((await fn('rate', {}, as)).body, failed('Validation failed. Please specify data for stars.'));
    assert.deepEqual((await fn('rate', { stars: null }, as)).body, failed('Validation failed. Please specify data for stars.'));
    assert.deepEqual((await fn('rate', { stars: '3' }, as)).body, failed('Validation failed. Invalid type for stars. Expected: number'));
    assert.deepEqual((await fn('rate', { stars: 9 }, as)).body,
      failed('Validation failed. Invalid option for stars. Expected: 1, 2, 3, 4, 5'));
    assert.deepEqual((await fn('rate', { stars: 4, comment: 7 }, as)).body,
      failed('Validation failed. Invalid type for comment. Expected: string'));
    assert.deepEqual((await fn('rate', { stars: 4 }, as)).body, { result: { stars: 4, comment: 'none' } });
    assert.deepEqual((await fn('rate', { stars: 5, comment: 'great' }, as)).body, { result: { stars: 5, comment: 'great' } });
    // The master key is not checked unless validateMasterKey.
    assert.deepEqual((await fn('rate', {}, { master: true })).body, { result: {} });
    assert.deepEqual((await fn('strictMaster', {}, { master: true })).body, failed('Validation failed. Please specify data for x.'));
    assert.deepEqual((await fn('strictMaster', { x: 1 }, { master: true })).body, { result: 1 });
  });

  test('roles: any of, all of, through the role hierarchy; user keys', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const nobody = await signUp('norole');
    const mod = await signUp('mod');
    const both = await signUp('both');
    const roles = (await rest('GET', '/roles', undefined, { master: true, query: { where: { name: { $in: ['Moderator', 'Admin'] } } } })).body.results;
    // The roles may exist from an earlier run of the suite on the same database: then add the users.
    const ensure = async (name, ids) => {
      const existing = roles.find((r) => r.name === name);
      const users = { __op: 'AddRelation', objects: ids.map((objectId) => ({ __type: 'Pointer', className: '_User', objectId })) };
      if (existing) await rest('PUT', `/roles/${existing.objectId}`, { users }, { master: true });
      else await roleWith(name, ids);
    };
    await ensure('Moderator', [mod.id, both.id]);
    await ensure('Admin', [both.id]);

    assert.deepEqual((await fn('moderate', {})).body, failed('Validation failed. Please login to continue.'));
    assert.deepEqual((await fn('moderate', {}, { headers: nobody.headers })).body,
      failed('Validation failed. User does not match the required roles.'));
    assert.deepEqual((await fn('moderate', {}, { headers: mod.headers })).body, { result: 'moderated' });
    assert.deepEqual((await fn('superModerate', {}, { headers: mod.headers })).body,
      failed('Validation failed. User does not match all the required roles.'));
    assert.deepEqual((await fn('superModerate', {}, { headers: both.headers })).body, { result: 'super' });

    assert.deepEqual((await fn('needsEmail', {}, { headers: nobody.headers })).body,
      failed('Validation failed. Please set data for email on your account.'));
    const withEmail = await signUp('mailer', { email: `mailer_${RUN}@example.com` });
    assert.deepEqual((await fn('needsEmail', {}, { headers: withEmail.headers })).body, { result: 'has email' });
    assert.deepEqual((await fn('needsEmail', {})).body, failed('Please login to make this request.'));
  });

  test('a trigger validator: defaults, constants, options with a custom error; the master key skips it', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const created = await rest('POST', '/classes/ValidatedItem', { name: `v_${RUN}`, status: 'published', priority: 2 });
    assert.equal(created.status, 201);
    const id = created.body.objectId;
    let stored = (await rest('GET', `/classes/ValidatedItem/${id}`)).body;
    assert.equal(stored.status, 'draft', 'a constant gets its default on create');
    assert.equal(stored.checked, true);

    assert.deepEqual((await rest('PUT', `/classes/ValidatedItem/${id}`, { priority: 7 })).body,
      failed('priority must be 1, 2 or 3'));
    assert.deepEqual((await rest('PUT', `/classes/ValidatedItem/${id}`, { priority: '1' })).body,
      failed('Validation failed. Invalid type for priority. Expected: number'));
    const updated = await rest('PUT', `/classes/ValidatedItem/${id}`, { status: 'published', priority: 3 });
    assert.equal(updated.status, 200);
    stored = (await rest('GET', `/classes/ValidatedItem/${id}`)).body;
    assert.equal(stored.status, 'draft', 'clients cannot change a constant');
    assert.equal(stored.priority, 3);

    const byMaster = await rest('PUT', `/classes/ValidatedItem/${id}`, { status: 'published', priority: 99 }, { master: true });
    assert.equal(byMaster.status, 200);
    stored = (await rest('GET', `/classes/ValidatedItem/${id}`)).body;
    assert.deepEqual([stored.status, stored.priority], ['published', 99]);
  });

  test('rateLimit on a function and on a trigger route', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    // Counted per client IP; the rule includes requests from 127.0.0.1 (includeInternalRequests).
    const first = await fn('limited', {});
    const second = await fn('limited', {});
    assert.deepEqual([first.body, second.body], [{ result: 'ok' }, { result: 'ok' }]);
    const third = await fn('limited', {});
    assert.equal(third.status, 429);
    assert.deepEqual(third.body, { code: 100, error: 'Too many limited calls.' });
    assert.deepEqual((await fn('limited', {}, { master: true })).body, { result: 'ok' }, 'the master key is not limited');

    const a = await rest('POST', '/classes/ValidatedItem', { name: `del1_${RUN}` }, { master: true });
    const b = await rest('POST', '/classes/ValidatedItem', { name: `del2_${RUN}` }, { master: true });
    assert.equal((await rest('DELETE', `/classes/ValidatedItem/${a.body.objectId}`)).status, 200);
    const limited = await rest('DELETE', `/classes/ValidatedItem/${b.body.objectId}`);
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.body, { code: 100, error: 'Too many requests.' });
    assert.equal((await rest('GET', `/classes/ValidatedItem/${b.body.objectId}`)).status, 200, 'the refused delete did nothing');
    assert.equal((await rest('POST', '/classes/ValidatedItem', { name: `more_${RUN}` })).status, 201, 'only deletes are limited');
  });
});
