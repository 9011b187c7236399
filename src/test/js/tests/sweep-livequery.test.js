'use strict';
// Issue 19, LiveQuery items: the `query` operation (subscription.find()), the master keys on a
// LiveQuery connect (masterKeyIps, the read-only master key), and time limits for regexes.
// Parse Server 9.10 has no `query` operation (an open pull request), so that part is ours only.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN, SERVER_URL, APP_ID, JS_KEY, MASTER_KEY } = h;
const { Raw, nextEvent, closeAll } = require('./livequery-client');

const WS_URL = SERVER_URL.replace(/^http/, 'ws');
const HARDENED = !!process.env.PARSE_EXPECT_HARDENED;
const OPEN_CLP = {
  get: { '*': true }, find: { '*': true }, count: { '*': true }, create: { '*': true },
  update: { '*': true }, delete: { '*': true }, addField: { '*': true }, protectedFields: {},
};
const lqClients = [];

after(async () => {
  closeAll();
  for (const c of lqClients) await c.close();
  await Parse.LiveQuery.close();
});

async function signUp(name) {
  const res = await rest('POST', '/users', { username: `swlq${name}${RUN}`, password: 'pw' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.objectId, token: res.body.sessionToken };
}

async function create(className, body) {
  const res = await rest('POST', `/classes/${className}`, body, { master: true });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.objectId;
}

/** A LiveQuery client of the SDK's without the master key, as a logged-in user (or anonymous). */
async function userClient(sessionToken) {
  const client = new Parse.LiveQueryClient({
    applicationId: APP_ID, serverURL: WS_URL, javascriptKey: JS_KEY, sessionToken,
  });
  lqClients.push(client);
  client.open();
  return client;
}

/** subscription.find() through the SDK: resolves with the objects of the `result` event. */
async function find(subscription) {
  const result = nextEvent(subscription, 'result');
  subscription.find();
  const [objects] = await result;
  return objects;
}

describe('LiveQuery query operation (subscription.find())', { skip: !HARDENED && 'Parse Server 9.10 has no query operation' }, () => {
  test('answers the subscription\'s current matching objects', async () => {
    const run = `${RUN}find`;
    const a = await create('LQTest', { run, score: 20 });
    const b = await create('LQTest', { run, score: 30 });
    await create('LQTest', { run, score: 5 });
    await create('LQTest', { run: 'other', score: 50 });
    const sub = await new Parse.Query('LQTest').equalTo('run', run).greaterThan('score', 10).subscribe();
    await nextEvent(sub, 'open');
    const objects = await find(sub);
    assert.deepEqual(objects.map((o) => o.id).sort(), [a, b].sort());
    assert.ok(objects.every((o) => o.className === 'LQTest' && o.get('run') === run));
    await sub.unsubscribe();
  });

  test('is answered under the subscriber\'s rights: ACL, protected fields and keys', async () => {
    const run = `${RUN}secure`;
    const ann = await signUp('ann');
    const bob = await signUp('bob');
    const open = await create('Item', { run, secret: 's1', shown: 1, extra: 'x' });
    const annOnly = await create('Item', { run, secret: 's2', shown: 2, extra: 'y', ACL: { [ann.id]: { read: true } } });
    const put = await rest('PUT', '/schemas/Item', {
      classLevelPermissions: Object.assign({}, OPEN_CLP, { protectedFields: { '*': ['secret'] } }),
    }, { master: true });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    try {
      const bobClient = await userClient(bob.token);
      const bobSub = bobClient.subscribe(new Parse.Query('Item').equalTo('run', run), bob.token);
      await nextEvent(bobSub, 'open');
      const bobSees = await find(bobSub);
      assert.deepEqual(bobSees.map((o) => o.id), [open]);
      assert.equal(bobSees[0].get('secret'), undefined);
      assert.equal(bobSees[0].get('shown'), 1);

      const annClient = await userClient(ann.token);
      const annSub = annClient.subscribe(new Parse.Query('Item').equalTo('run', run).select('shown'), ann.token);
      await nextEvent(annSub, 'open');
      const annSees = await find(annSub);
      assert.deepEqual(annSees.map((o) => o.id).sort(), [open, annOnly].sort());
      for (const o of annSees) {
        assert.equal(o.get('secret'), undefined);
        assert.equal(o.get('extra'), undefined, 'only the subscription\'s keys');
        assert.ok(o.get('shown') >= 1);
      }

      const anonymous = await userClient(undefined);
      const anonSub = anonymous.subscribe(new Parse.Query('Item').equalTo('run', run));
      await nextEvent(anonSub, 'open');
      assert.deepEqual((await find(anonSub)).map((o) => o.id), [open]);
    } finally {
      await rest('PUT', '/schemas/Item', { classLevelPermissions: OPEN_CLP }, { master: true });
    }
  });

  test('class-level permissions: a query the class refuses is answered with the REST error', async () => {
    const run = `${RUN}clp`;
    await create('Item', { run, shown: 1 });
    const raw = await Raw.open(WS_URL);
    await raw.connect();
    assert.equal((await raw.subscribe(1, { className: 'Item', where: { run } })).op, 'subscribed');
    const put = await rest('PUT', '/schemas/Item', {
      classLevelPermissions: Object.assign({}, OPEN_CLP, { find: {} }),
    }, { master: true });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    try {
      raw.send({ op: 'query', requestId: 1 });
      const refused = await raw.next((f) => f.requestId === 1);
      assert.equal(refused.op, 'error');
      assert.equal(refused.code, 119);
      assert.equal(refused.reconnect, false);
    } finally {
      await rest('PUT', '/schemas/Item', { classLevelPermissions: OPEN_CLP }, { master: true });
    }
  });

  test('raw protocol: the result frame, an unknown requestId, a query before connect, bad frames', async () => {
    const run = `${RUN}raw`;
    const id = await create('LQTest', { run, score: 1 });
    const raw = await Raw.open(WS_URL);
    raw.send({ op: 'query', requestId: 1 });
    const early = await raw.next();
    assert.deepEqual([early.op, early.code, early.reconnect],
      ['error', 2, true]);
    assert.match(early.error, /connect to server before querying/);

    const connected = await raw.connect({ installationId: 'inst-1' });
    await raw.subscribe(7, { className: 'LQTest', where: { run }, keys: ['score'] });
    raw.send({ op: 'query', requestId: 7 });
    const result = await raw.next((f) => f.op === 'result');
    assert.deepEqual(Object.keys(result), ['op', 'clientId', 'installationId', 'requestId', 'results']);
    assert.equal(result.clientId, connected.clientId);
    assert.equal(result.installationId, 'inst-1');
    assert.equal(result.requestId, 7);
    assert.equal(result.results.length, 1);
    assert.equal(result.results[0].objectId, id);
    assert.equal(result.results[0].className, 'LQTest');
    assert.equal(result.results[0].score, 1);
    assert.equal(result.results[0].run, undefined);

    raw.send({ op: 'query', requestId: 99 });
    const unknown = await raw.next((f) => f.op === 'error');
    assert.deepEqual([unknown.code, unknown.reconnect, unknown.requestId], [2, false, 99]);
    assert.match(unknown.error, /requestId 99/);

    raw.send({ op: 'query' });
    assert.equal((await raw.next()).error, 'Missing required property: requestId');
    raw.send({ op: 'query', requestId: 'x' });
    assert.equal((await raw.next()).error, 'Invalid type: string (expected number)');
    raw.send({ op: 'query', requestId: 7, where: {} });
    assert.equal((await raw.next()).error, 'Additional properties not allowed');
  });
});

// The black-box server keeps the default masterKeyIps (the loopback addresses 127.0.0.1 and ::1):
// a client on 127.0.0.2 is outside them, as REST already enforces.
describe('LiveQuery master keys: masterKeyIps and the read-only master key', { skip: !HARDENED && 'Parse Server 9.10 ignores a LiveQuery master key outside keyPairs' }, () => {
  const ipv4Url = WS_URL.replace('localhost', '127.0.0.1');

  test('REST refuses the master key from outside masterKeyIps (the rule LiveQuery must follow)', async () => {
    const outside = await new Promise((resolve, reject) => {
      const req = require('node:http').request(SERVER_URL.replace('localhost', '127.0.0.1') + '/schemas', {
        localAddress: '127.0.0.2', headers: { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Master-Key': MASTER_KEY },
      }, (res) => { res.resume(); resolve(res.statusCode); });
      req.on('error', reject);
      req.end();
    });
    assert.equal(outside, 403);
  });

  test('a connect with the master key or the read-only master key from outside masterKeyIps is refused', async () => {
    for (const key of [MASTER_KEY, 'RO_MASTER_KEY']) {
      const outside = await Raw.open(ipv4Url, { localAddress: '127.0.0.2' });
      const refused = await outside.connect({ masterKey: key });
      assert.deepEqual(refused, { op: 'error', error: 'Key in request is not valid', code: 4, reconnect: true, requestId: null });
    }
    const plain = await Raw.open(ipv4Url, { localAddress: '127.0.0.2' });
    assert.equal((await plain.connect()).op, 'connected', 'without a master key the address does not matter');
    const inside = await Raw.open(ipv4Url);
    assert.equal((await inside.connect({ masterKey: MASTER_KEY })).op, 'connected');
  });

  test('the read-only master key reads everything (events and query) and nothing more', async () => {
    const run = `${RUN}ro`;
    const owner = await signUp('rowner');
    const ro = await Raw.open(WS_URL);
    assert.equal((await ro.connect({ masterKey: 'RO_MASTER_KEY' })).op, 'connected');
    assert.equal((await ro.subscribe(1, { className: 'LQTest', where: { run } })).op, 'subscribed');
    const hidden = await create('LQTest', { run, score: 1, ACL: { [owner.id]: { read: true } } });
    const created = await ro.event(1);
    assert.deepEqual([created.op, created.object.objectId], ['create', hidden]);
    ro.send({ op: 'query', requestId: 1 });
    const result = await ro.next((f) => f.op === 'result');
    assert.deepEqual(result.results.map((o) => o.objectId), [hidden]);
  });
});

// "(.*a){12}$" against 30 a's and a b backtracks for seconds (2.5 s at 28 a's, growing fast).
const RUNAWAY = '(.*a){12}$';
const RUNAWAY_TEXT = 'a'.repeat(30) + 'b';

describe('regular expressions have a time limit', { skip: !HARDENED && 'the embedded store and our LiveQuery only' }, () => {
  test('REST: a find whose regex runs out of time answers 124; ordinary regexes still answer', async () => {
    const className = h.cls('Rx');
    for (let i = 0; i < 3; i++) await create(className, { name: RUNAWAY_TEXT, i });
    const started = Date.now();
    const slow = await rest('GET', `/classes/${className}`, undefined, {
      query: { where: { name: { $regex: RUNAWAY } } },
    });
    const took = Date.now() - started;
    assert.deepEqual([slow.status, slow.body.code], [400, 124], JSON.stringify(slow.body));
    assert.equal(typeof slow.body.error, 'string');
    assert.ok(took < 5000, `took ${took} ms`);
    const counted = await rest('GET', `/classes/${className}`, undefined, {
      query: { where: { name: { $regex: RUNAWAY } }, count: 1, limit: 0 },
    });
    assert.equal(counted.body.code, 124, JSON.stringify(counted.body));
    const ordinary = await rest('GET', `/classes/${className}`, undefined, { query: { where: { name: { $regex: 'a{29}b$' } } } });
    assert.equal(ordinary.status, 200);
    assert.equal(ordinary.body.results.length, 3);
  });

  test('LiveQuery: a runaway regex subscription does not match (regexTimeout) and does not hold up others', async () => {
    const run = `${RUN}rx`;
    const raw = await Raw.open(WS_URL);
    await raw.connect();
    for (const [i, n] of [[1, 12], [2, 11], [3, 13]]) {
      const evil = { name: { $regex: `(.*a){${n}}$` } };
      assert.equal((await raw.subscribe(i, { className: 'LQTest', where: evil })).op, 'subscribed');
    }
    await raw.subscribe(4, { className: 'LQTest', where: { run } });
    await raw.subscribe(5, { className: 'LQTest', where: { run, name: { $regex: 'a{30}b$' } } });
    const started = Date.now();
    await create('LQTest', { run, name: RUNAWAY_TEXT });
    const plain = await raw.event(4, 15000);
    const took = Date.now() - started;
    assert.equal(plain.op, 'create');
    assert.ok(took < 3000, `the event took ${took} ms`);
    assert.equal((await raw.event(5)).op, 'create', 'an ordinary regex subscription still matches');
    await raw.nothing(500);
  });
});
