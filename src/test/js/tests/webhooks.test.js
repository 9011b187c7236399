'use strict';
// Webhooks: Cloud Code functions and save/delete triggers implemented by an outside URL (here an
// HTTP server inside this test), managed through /hooks with the master key.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const h = require('./helpers');
const { rest, RUN } = h;

const calls = [];
let base;
let server;

/** The outside service: answers by path, and remembers what it was sent. */
function startHookService() {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => { raw += d; });
    req.on('end', () => {
      const body = JSON.parse(raw);
      calls.push({ path: req.url, key: req.headers['x-parse-webhook-key'], body });
      const answer = {
        '/echo': () => ({ success: { echo: body.params, user: body.user ? body.user.objectId : null, master: body.master } }),
        '/hello': () => ({ success: 'hello from the hook' }),
        '/fail': () => ({ error: 'the hook says no' }),
        '/fail-code': () => ({ error: { code: 155, message: 'slow down, says the hook' } }),
        '/before-save': () => (body.object.reject
          ? { error: 'rejected by the hook' }
          : { success: { ...body.object, stampedByHook: true, createdAt: 'ignored', className: 'Ignored' } }),
        '/after-save': () => ({ success: true }),
        '/before-delete': () => (body.object.keep ? { error: { code: 119, message: 'kept by the hook' } } : { success: true }),
      }[req.url];
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/garbage') return res.end('this is not JSON');
      res.end(JSON.stringify(answer ? answer() : { error: `no route ${req.url}` }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    base = `http://127.0.0.1:${server.address().port}`;
    resolve();
  }));
}

const hooks = (method, path, body, opts = { master: true }) => rest(method, `/hooks${path}`, body, opts);
const cls = `Hooked${RUN}`;

describe('webhooks', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
    await startHookService();
  });
  after(async () => {
    for (const name of ['echoHook', 'failHook', 'failCodeHook', 'garbageHook', 'deadHook', 'hello']) {
      await hooks('PUT', `/functions/${name}`, { __op: 'Delete' });
    }
    for (const t of ['beforeSave', 'afterSave', 'beforeDelete']) await hooks('PUT', `/triggers/${cls}/${t}`, { __op: 'Delete' });
    server.close();
  });

  test('managing hooks: create, read, list, repoint, delete, with Parse Server answers', async (t) => {
    if (skip) return t.skip('the reference needs its own hook URLs');
    const created = await hooks('POST', '/functions', { functionName: 'echoHook', url: `${base}/echo` });
    assert.equal(created.status, 200);
    assert.deepEqual(created.body, { functionName: 'echoHook', url: `${base}/echo` });
    assert.deepEqual((await hooks('POST', '/functions', { functionName: 'echoHook', url: `${base}/echo` })).body,
      { code: 143, error: 'function name: echoHook already exists' });
    assert.deepEqual((await hooks('GET', '/functions/echoHook')).body, { functionName: 'echoHook', url: `${base}/echo` });
    assert.ok((await hooks('GET', '/functions')).body.some((f) => f.functionName === 'echoHook'));
    assert.deepEqual((await hooks('GET', '/functions/nothere')).body, { code: 143, error: 'no function named: nothere is defined' });

    const trigger = await hooks('POST', '/triggers', { className: cls, triggerName: 'beforeSave', url: `${base}/before-save` });
    assert.deepEqual(trigger.body, { className: cls, triggerName: 'beforeSave', url: `${base}/before-save` });
    assert.deepEqual((await hooks('POST', '/triggers', { className: cls, triggerName: 'beforeSave', url: `${base}/x` })).body,
      { code: 143, error: `class ${cls} already has trigger beforeSave` });
    assert.deepEqual((await hooks('GET', `/triggers/${cls}/beforeSave`)).body, trigger.body);
    assert.deepEqual((await hooks('GET', `/triggers/${cls}/afterDelete`)).body, { code: 143, error: `class ${cls} does not exist` });
    assert.ok((await hooks('GET', '/triggers')).body.some((x) => x.className === cls));

    for (const bad of [{ url: `${base}/x` }, { functionName: 'f' }, { functionName: 'f', url: 'ftp://example.com/x' },
      { functionName: 'f', url: 'not a url' }, { className: cls, triggerName: 'bogus', url: `${base}/x` }]) {
      assert.deepEqual((await hooks('POST', '/functions', bad)).body, { code: 143, error: 'invalid hook declaration' }, JSON.stringify(bad));
    }
    assert.deepEqual((await hooks('PUT', '/functions/nothere', { url: `${base}/x` })).body,
      { code: 143, error: 'no function named: nothere is defined' });
    assert.deepEqual((await hooks('PUT', '/functions/echoHook', {})).body, { code: 143, error: 'invalid hook declaration' });
    assert.deepEqual((await hooks('PUT', '/functions/nothere', { __op: 'Delete' })).body, { code: 101, error: 'Object not found.' });

    assert.deepEqual((await hooks('GET', '/functions', undefined, {})).body, { error: 'Permission denied' });
    assert.equal((await hooks('POST', '/functions', { functionName: 'x', url: `${base}/x` }, {})).status, 403);
    const readOnly = await hooks('POST', '/functions', { functionName: 'x', url: `${base}/x` },
      { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } });
    assert.deepEqual(readOnly.body, { code: 119, error: 'Permission denied' });
    assert.equal((await rest('GET', '/serverInfo', undefined, { master: true })).body.features.hooks.create, true);
  });

  test('a function webhook gets the call, with the webhook key, and its answer is the result', async (t) => {
    if (skip) return t.skip('the reference needs its own hook URLs');
    const u = await rest('POST', '/users', { username: `hook_${RUN}`, password: 'pw' });
    calls.length = 0;
    const res = await rest('POST', '/functions/echoHook', { a: 1 }, { headers: { 'X-Parse-Session-Token': u.body.sessionToken } });
    assert.deepEqual(res.body, { result: { echo: { a: 1 }, user: u.body.objectId, master: false } });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].key, 'WEBHOOK_KEY');
    assert.equal(calls[0].body.functionName, 'echoHook');
    assert.equal(calls[0].body.user.username, `hook_${RUN}`);
    assert.equal(calls[0].body.user.sessionToken, undefined, 'no session token leaves the server');

    await hooks('POST', '/functions', { functionName: 'failHook', url: `${base}/fail` });
    await hooks('POST', '/functions', { functionName: 'failCodeHook', url: `${base}/fail-code` });
    await hooks('POST', '/functions', { functionName: 'garbageHook', url: `${base}/garbage` });
    await hooks('POST', '/functions', { functionName: 'deadHook', url: 'http://127.0.0.1:9/nothing-listens' });
    assert.deepEqual((await rest('POST', '/functions/failHook', {})).body, { code: 141, error: 'the hook says no' });
    assert.deepEqual((await rest('POST', '/functions/failCodeHook', {})).body, { code: 155, error: 'slow down, says the hook' });
    assert.deepEqual((await rest('POST', '/functions/garbageHook', {})).body, { code: 141, error: 'Malformed response' });
    assert.deepEqual((await rest('POST', '/functions/deadHook', {})).body, { code: 141, error: 'Webhook call failed: could not reach it' });

    // A webhook takes the place of the Java function of the same name, until it is deleted.
    await hooks('POST', '/functions', { functionName: 'hello', url: `${base}/hello` });
    assert.deepEqual((await rest('POST', '/functions/hello', {})).body, { result: 'hello from the hook' });
    await hooks('PUT', '/functions/hello', { __op: 'Delete' });
    assert.deepEqual((await rest('POST', '/functions/hello', {})).body.result.greeting, 'Hello world!');
    // Repointing takes effect at once.
    await hooks('PUT', '/functions/failHook', { url: `${base}/hello` });
    assert.deepEqual((await rest('POST', '/functions/failHook', {})).body, { result: 'hello from the hook' });
  });

  test('trigger webhooks: beforeSave changes or refuses a save, afterSave sees it, beforeDelete may refuse', async (t) => {
    if (skip) return t.skip('the reference needs its own hook URLs');
    await hooks('POST', '/triggers', { className: cls, triggerName: 'afterSave', url: `${base}/after-save` });
    await hooks('POST', '/triggers', { className: cls, triggerName: 'beforeDelete', url: `${base}/before-delete` });
    calls.length = 0;
    const created = await rest('POST', `/classes/${cls}`, { name: 'a' });
    assert.equal(created.status, 201);
    assert.equal(created.body.stampedByHook, true, 'the client learns what the hook changed');
    const stored = (await rest('GET', `/classes/${cls}/${created.body.objectId}`)).body;
    assert.equal(stored.stampedByHook, true);
    assert.equal(stored.className, undefined);
    assert.deepEqual(calls.map((c) => c.path), ['/before-save', '/after-save']);
    assert.equal(calls[0].body.triggerName, 'beforeSave');
    assert.equal(calls[0].body.object.className, cls);
    assert.equal(calls[1].body.object.objectId, created.body.objectId);

    calls.length = 0;
    await rest('PUT', `/classes/${cls}/${created.body.objectId}`, { name: 'b' });
    assert.equal(calls[0].body.original.name, 'a');
    assert.equal(calls[0].body.object.name, 'b');

    const refused = await rest('POST', `/classes/${cls}`, { name: 'r', reject: true });
    assert.deepEqual(refused.body, { code: 141, error: 'rejected by the hook' });
    const count = await rest('GET', `/classes/${cls}`, undefined, { query: { where: { reject: true }, count: 1, limit: 0 } });
    assert.equal(count.body.count, 0, 'a refused save writes nothing');

    const kept = await rest('POST', `/classes/${cls}`, { name: 'k', keep: true });
    assert.deepEqual((await rest('DELETE', `/classes/${cls}/${kept.body.objectId}`)).body, { code: 119, error: 'kept by the hook' });
    assert.equal((await rest('GET', `/classes/${cls}/${kept.body.objectId}`)).status, 200);
    assert.equal((await rest('DELETE', `/classes/${cls}/${created.body.objectId}`)).status, 200);
  });
});
