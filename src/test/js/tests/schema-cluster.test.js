'use strict';
// Schemas on several servers sharing one database: each server caches schemas (fields,
// class-level permissions, indexes), so a change made through one must reach the others' caches.
// With Redis (ScaleOutIT starts it and two servers, and names them in PARSE_CLUSTER_URLS) it
// travels on the LiveQuery bus and must take effect on the other server within a second.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { RUN, MASTER_KEY, APP_ID, REST_KEY } = require('./helpers');

const URLS = (process.env.PARSE_CLUSTER_URLS || '').split(',').filter(Boolean);
const [A, B] = URLS;
const DENIED = { code: 119, error: 'Permission denied' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(base, method, path, body, { master = false } = {}) {
  const headers = { 'X-Parse-Application-Id': APP_ID, 'Content-Type': 'application/json' };
  if (master) headers['X-Parse-Master-Key'] = MASTER_KEY;
  else headers['X-Parse-REST-API-Key'] = REST_KEY;
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
const asMaster = { master: true };

/** Calls check() until it returns true, for at most ms; the time taken, or fails with the last answer. */
async function within(ms, what, attempt, check) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await attempt();
    if (check(last)) return Date.now() - start;
    if (Date.now() - start > ms) assert.fail(`${what} not within ${ms} ms; last answer ${JSON.stringify(last)}`);
    await sleep(25);
  }
}

describe('schema changes on two servers sharing Redis', { skip: URLS.length < 2 && 'PARSE_CLUSTER_URLS not set' }, () => {
  test('class-level permissions locked through one server hold on the other within a second', async () => {
    const C = `SchemaSync${RUN}`;
    const created = await call(A, 'POST', `/classes/${C}`, { title: 'secret' }, asMaster);
    assert.equal(created.status, 201);
    // B reads the class as a client first, so its cache holds the open permissions.
    const before = await call(B, 'GET', `/classes/${C}`);
    assert.equal(before.status, 200);
    assert.equal(before.body.results.length, 1);

    const lock = {};
    for (const op of ['find', 'count', 'get', 'create', 'update', 'delete', 'addField']) lock[op] = {};
    const locked = await call(A, 'PUT', `/schemas/${C}`, { classLevelPermissions: lock }, asMaster);
    assert.equal(locked.status, 200);
    const onA = await call(A, 'GET', `/classes/${C}`);
    assert.deepEqual([onA.status, onA.body], [400, DENIED], 'server A refuses the client');

    await within(1000, 'B refusing the find', () => call(B, 'GET', `/classes/${C}`), (r) => r.status !== 200);
    const find = await call(B, 'GET', `/classes/${C}`);
    assert.deepEqual([find.status, find.body], [400, DENIED]);
    const get = await call(B, 'GET', `/classes/${C}/${created.body.objectId}`);
    assert.deepEqual([get.status, get.body], [400, DENIED]);
    const create = await call(B, 'POST', `/classes/${C}`, { title: 'more' });
    assert.deepEqual([create.status, create.body], [400, DENIED]);
    const master = await call(B, 'GET', `/classes/${C}`, undefined, asMaster);
    assert.equal(master.body.results.length, 1, 'the master key still reads on B');

    // And back: opened again through B, A serves the client again.
    const open = {};
    for (const op of Object.keys(lock)) open[op] = { '*': true };
    assert.equal((await call(B, 'PUT', `/schemas/${C}`, { classLevelPermissions: open }, asMaster)).status, 200);
    await within(1000, 'A serving the find again', () => call(A, 'GET', `/classes/${C}`), (r) => r.status === 200);
  });

  test('fields and indexes changed through one server are what the other validates and shows', async () => {
    const C = `SchemaFields${RUN}`;
    assert.equal((await call(A, 'POST', `/schemas/${C}`, { fields: { score: { type: 'Number' } } }, asMaster)).status, 200);
    // B learns the class with score a Number and refuses a string for it.
    const wrong = await call(B, 'POST', `/classes/${C}`, { score: 'high' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 111);

    const changed = await call(A, 'PUT', `/schemas/${C}`, {
      fields: { score: { __op: 'Delete' }, label: { type: 'String' } },
      indexes: { label_idx: { label: 1 } },
    }, asMaster);
    assert.equal(changed.status, 200);

    await within(1000, 'B showing the new fields and index', () => call(B, 'GET', `/schemas/${C}`, undefined, asMaster),
      (r) => r.body.fields && r.body.fields.label && !r.body.fields.score && r.body.indexes && r.body.indexes.label_idx);
    const nowFine = await call(B, 'POST', `/classes/${C}`, { score: 'high', label: 'x' });
    assert.equal(nowFine.status, 201, 'score was deleted, so B takes it as a new String field');
    const wrongLabel = await call(B, 'POST', `/classes/${C}`, { label: 5 });
    assert.equal(wrongLabel.body.code, 111, 'label is a String on B too');
  });

  test('a class deleted through one server is gone on the other', async () => {
    const C = `SchemaGone${RUN}`;
    assert.equal((await call(A, 'POST', `/schemas/${C}`, {}, asMaster)).status, 200);
    assert.equal((await call(B, 'GET', `/schemas/${C}`, undefined, asMaster)).status, 200);
    assert.equal((await call(A, 'DELETE', `/schemas/${C}`, undefined, asMaster)).status, 200);
    await within(1000, 'B forgetting the class', () => call(B, 'GET', '/schemas', undefined, asMaster),
      (r) => Array.isArray(r.body.results) && !r.body.results.some((s) => s.className === C));
    const gone = await call(B, 'GET', `/schemas/${C}`, undefined, asMaster);
    assert.deepEqual([gone.status, gone.body], [400, { code: 103, error: `Class ${C} does not exist.` }]);
  });
});
