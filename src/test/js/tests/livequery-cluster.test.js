'use strict';
// LiveQuery across several servers: two of our servers on one database, sharing events and
// cache invalidations through Redis. PARSE_CLUSTER_URLS names them ("http://a/parse,http://b/parse");
// ScaleOutIT starts Redis and the two servers and sets it.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { RUN, MASTER_KEY, APP_ID, REST_KEY } = require('./helpers');
const { Raw, closeAll } = require('./livequery-client');

const URLS = (process.env.PARSE_CLUSTER_URLS || '').split(',').filter(Boolean);
const [A, B] = URLS;
const ws = (url) => url.replace(/^http/, 'ws');
after(() => closeAll());

async function call(base, method, path, body, { master = true, token } = {}) {
  const headers = { 'X-Parse-Application-Id': APP_ID, 'Content-Type': 'application/json' };
  if (master) headers['X-Parse-Master-Key'] = MASTER_KEY;
  else headers['X-Parse-REST-API-Key'] = REST_KEY;
  if (token) headers['X-Parse-Session-Token'] = token;
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('LiveQuery on two servers sharing Redis', { skip: URLS.length < 2 && 'PARSE_CLUSTER_URLS not set' }, () => {
  test('a write on one server reaches subscribers on the other, both ways', async () => {
    const run = `${RUN}cluster`;
    const onB = await Raw.open(ws(B));
    await onB.connect({ masterKey: MASTER_KEY });
    await onB.subscribe(1, { className: 'LQTest', where: { run } });
    const onA = await Raw.open(ws(A));
    await onA.connect({ masterKey: MASTER_KEY });
    await onA.subscribe(1, { className: 'LQTest', where: { run } });

    const created = await call(A, 'POST', '/classes/LQTest', { run, n: 1 });
    assert.equal(created.status, 201);
    for (const c of [onA, onB]) {
      const e = await c.event(1);
      assert.deepEqual([e.op, e.object.objectId, e.object.n], ['create', created.body.objectId, 1]);
    }
    await call(B, 'PUT', `/classes/LQTest/${created.body.objectId}`, { n: 2 });
    for (const c of [onA, onB]) {
      const e = await c.event(1);
      assert.deepEqual([e.op, e.object.n, e.original.n], ['update', 2, 1]);
    }
  });

  test('with keyPairs configured, a connect must carry one of the pairs', async () => {
    const without = await Raw.open(ws(A));
    without.send({ op: 'connect', applicationId: APP_ID });
    assert.deepEqual(await without.next(),
      { op: 'error', error: 'Key in request is not valid', code: 4, reconnect: true, requestId: null });
    const wrong = await Raw.open(ws(B));
    assert.equal((await wrong.connect({ javascriptKey: 'nope' })).code, 4);
    const right = await Raw.open(ws(B));
    assert.equal((await right.connect()).op, 'connected'); // Raw.connect sends javascriptKey JS_KEY
  });

  test('role and session changes on one server reach the caches of the other', async () => {
    const run = `${RUN}clustercache`;
    const user = await call(A, 'POST', '/users', { username: `lqc${RUN}`, password: 'pw' }, { master: false });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const role = await call(A, 'POST', '/roles', { name: `Cluster${RUN}`, ACL: { '*': { read: true } } });
    assert.equal(role.status, 201, JSON.stringify(role.body));
    const roleAcl = { [`role:Cluster${RUN}`]: { read: true } };

    const onB = await Raw.open(ws(B));
    await onB.connect({ sessionToken: user.body.sessionToken });
    await onB.subscribe(1, { className: 'LQTest', where: { run } });
    // B now knows this session and its (empty) roles.
    await call(A, 'POST', '/classes/LQTest', { run, to: 'role', ACL: roleAcl });
    await call(A, 'POST', '/classes/LQTest', { run, to: 'public' });
    assert.equal((await onB.event(1)).object.to, 'public');

    // Joined on A: B must see it at once, not when its cache would have expired.
    await call(A, 'PUT', `/roles/${role.body.objectId}`, {
      users: { __op: 'AddRelation', objects: [{ __type: 'Pointer', className: '_User', objectId: user.body.objectId }] },
    });
    await call(A, 'POST', '/classes/LQTest', { run, to: 'role again', ACL: roleAcl });
    assert.equal((await onB.event(1, 3000)).object.to, 'role again');

    // Logged out on A: the token's rights end on B too.
    const logout = await call(A, 'POST', '/logout', {}, { master: false, token: user.body.sessionToken });
    assert.equal(logout.status, 200, JSON.stringify(logout.body));
    await call(A, 'POST', '/classes/LQTest', { run, to: 'user', ACL: { [user.body.objectId]: { read: true } } });
    await call(A, 'POST', '/classes/LQTest', { run, to: 'public again' });
    assert.equal((await onB.event(1)).object.to, 'public again');
    await onB.nothing(500);
  });
});
