'use strict';
// Issue 20, push: POST /push (audience, payload, localization, badge), _PushStatus as Parse keeps it,
// bad input refused before anything is stored, scheduled pushes sent by the server at their time
// (also at each installation's local time), /push_audiences and /serverInfo's push flags.
// Deliveries go through the test WAR's RecordingPushAdapter (deviceType "test"), read back through
// its Cloud Code function pushDeliveries.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function installation(fields) {
  const body = Object.assign({ deviceType: 'test', installationId: `${RUN}-${Math.random().toString(36).slice(2)}` }, fields);
  const res = await rest('POST', '/classes/_Installation', body, { master: true });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.objectId;
}

async function push(body, opts = { master: true }) {
  return rest('POST', '/push', body, opts);
}

async function deliveries(pushId) {
  return (await rest('POST', '/functions/pushDeliveries', { pushId })).body.result;
}

async function status(pushId) {
  return (await rest('GET', `/classes/_PushStatus/${pushId}`, undefined, { master: true })).body;
}

async function until(what, check, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await what();
    if (check(last)) return last;
    await sleep(250);
  }
  assert.fail(`timed out; last: ${JSON.stringify(last)}`);
}

async function pushStatusCount() {
  return (await rest('GET', '/classes/_PushStatus', undefined, { master: true, query: { limit: 0, count: 1 } })).body.count;
}

describe('issue 20: push', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('POST /push to channels sends to each installation with a token and keeps _PushStatus as Parse', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const channel = `c${RUN}`;
    const a = await installation({ deviceToken: 'tok-a', channels: [channel] });
    const b = await installation({ deviceToken: 'fail-b', channels: [channel] });
    await installation({ channels: [channel] }); // no token: never sent to
    await installation({ deviceToken: 'tok-other', channels: ['elsewhere'] });

    const res = await push({ channels: [channel], data: { alert: 'hello', sound: 'ding', category: 'c', uri: 'u://x', custom: 7 } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { result: true });
    const id = res.headers.get('x-parse-push-status-id');
    assert.match(id, h.OBJECT_ID_RE);

    const done = await until(() => status(id), (s) => s.status === 'succeeded');
    assert.equal(done.numSent, 1);
    assert.equal(done.numFailed, 1);
    assert.deepEqual(done.sentPerType, { test: 1 });
    assert.deepEqual(done.failedPerType, { test: 1 });
    assert.equal(done.count, undefined);
    assert.equal(done.source, 'rest');
    assert.deepEqual(JSON.parse(done.query), { channels: { $in: [channel] } });
    assert.deepEqual(JSON.parse(done.payload), { alert: 'hello', sound: 'ding', category: 'c', uri: 'u://x', custom: 7 });
    assert.equal(done.pushHash, '5d41402abc4b2a76b9719d911017c592'); // md5("hello")
    assert.match(done.pushTime, /Z$/);
    const sent = await deliveries(id);
    assert.deepEqual(sent.map((d) => d.installation).sort(), [a, b].sort());
    assert.deepEqual(sent[0].data, { alert: 'hello', sound: 'ding', category: 'c', uri: 'u://x', custom: 7 });
  });

  test('the SDK Parse.Push.send works with a where query', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const tag = `w${RUN}`;
    const a = await installation({ deviceToken: 'tok', appName: tag });
    const result = await Parse.Push.send(
      { where: new Parse.Query(Parse.Installation).equalTo('appName', tag), data: { alert: 'sdk' } },
      { useMasterKey: true },
    );
    assert.equal(typeof result, 'string'); // the SDK resolves with the X-Parse-Push-Status-Id
    const done = await until(() => status(result), (s) => s.status === 'succeeded');
    assert.equal(done.numSent, 1);
    assert.deepEqual((await deliveries(result)).map((d) => d.installation), [a]);
  });

  test('alert-<lang> and title-<lang> follow localeIdentifier; badge "Increment" is kept on the installation', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const channel = `l${RUN}`;
    const fr = await installation({ deviceToken: 't1', channels: [channel], localeIdentifier: 'fr-FR', badge: 3 });
    const en = await installation({ deviceToken: 't2', channels: [channel], localeIdentifier: 'en-US' });
    const res = await push({
      channels: [channel],
      data: { alert: 'Hi', 'alert-fr': 'Salut', title: 'T', 'title-fr': 'Titre', badge: 'Increment' },
    });
    const id = res.headers.get('x-parse-push-status-id');
    await until(() => status(id), (s) => s.status === 'succeeded');
    const byInstallation = Object.fromEntries((await deliveries(id)).map((d) => [d.installation, d.data]));
    assert.deepEqual(byInstallation[fr], { alert: 'Salut', title: 'Titre', badge: 4 });
    assert.deepEqual(byInstallation[en], { alert: 'Hi', title: 'T', badge: 1 });
    const stored = (await rest('GET', `/classes/_Installation/${fr}`, undefined, { master: true })).body;
    assert.equal(stored.badge, 4);
    assert.equal((await rest('GET', `/classes/_Installation/${en}`, undefined, { master: true })).body.badge, 1);
  });

  test('master key only; the read-only master key may not send', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const anon = await push({ channels: ['x'], data: { alert: 'a' } }, {});
    assert.equal(anon.status, 403);
    const ro = await push({ channels: ['x'], data: { alert: 'a' } }, { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } });
    assert.equal(ro.body.code, 119);
    assert.match(ro.body.error, /read-only masterKey isn't allowed to send push notifications|Permission denied/);
  });

  test('bad input: Parse codes, and no _PushStatus stored', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const before = await pushStatusCount();
    const cases = [
      [{ data: { alert: 'a' } }, 115, 'Sending a push requires either "channels" or a "where" query.'],
      [{ channels: ['a'], where: {}, data: {} }, 115, 'Channels and query can not be set at the same time.'],
      [{ where: 'deviceType', data: {} }, 102, undefined],
      [{ where: { deviceType: { $nope: 1 } }, data: {} }, 107, 'bad constraint: $nope'], // the query's own answer, as a find gets it
      [{ channels: ['a'], push_time: 'soon', data: {} }, 115, 'soon is not valid time.'],
      [{ channels: ['a'], push_time: '2001-01-01T00:00:00Z', data: {} }, 115, undefined],
      [{ channels: ['a'], expiration_time: 'x', data: {} }, 115, 'x is not valid time.'],
      [{ channels: ['a'], expiration_interval: -1, data: {} }, 115, 'expiration_interval must be a number greater than 0'],
      [{ channels: ['a'], expiration_interval: 5, expiration_time: Date.now() / 1000 + 60, data: {} }, 115, 'Both expiration_time and expiration_interval cannot be set'],
      [{ channels: ['a'], push_time: Date.now() / 1000 + 3600, expiration_time: Date.now() / 1000 + 60, data: {} }, 115, undefined],
      [{ channels: ['a'], data: { alert: 'x'.repeat(5000) } }, 115, undefined],
      [{ channels: ['a'], data: { badge: 'lots' } }, 115, undefined],
      [{ where: { deviceType: 'nokia' }, data: {} }, 115, 'nokia is not supported push type.'],
    ];
    for (const [body, code, message] of cases) {
      const res = await push(body);
      assert.equal(res.status, 400, JSON.stringify(body) + ' ' + res.text);
      assert.equal(res.body.code, code, JSON.stringify(body) + ' ' + res.text);
      if (message) assert.equal(res.body.error, message);
    }
    assert.equal(await pushStatusCount(), before);
  });

  test('a push_time in the future is stored "scheduled" and sent by the server at that time', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const channel = `s${RUN}`;
    const a = await installation({ deviceToken: 'tok', channels: [channel] });
    const at = new Date(Date.now() + 4000);
    const res = await push({ channels: [channel], push_time: at.toISOString(), expiration_interval: 600, data: { alert: 'later' } });
    assert.equal(res.status, 200);
    const id = res.headers.get('x-parse-push-status-id');
    const scheduled = await status(id);
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.pushTime, at.toISOString());
    assert.equal(scheduled.expiration_interval, 600);
    assert.deepEqual(await deliveries(id), []);
    const done = await until(() => status(id), (s) => s.status === 'succeeded', 20000);
    assert.equal(done.numSent, 1);
    const sent = await deliveries(id);
    assert.deepEqual(sent.map((d) => d.installation), [a]);
    assert.ok(sent[0].at >= at.getTime(), 'not sent before its time');
  });

  test('a push_time without a time zone reaches each installation at that time in its own timeZone', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const channel = `z${RUN}`;
    const ahead = await installation({ deviceToken: 't1', channels: [channel], timeZone: 'Pacific/Kiritimati' }); // UTC+14
    const utc = await installation({ deviceToken: 't2', channels: [channel], timeZone: 'UTC' });
    await installation({ deviceToken: 't3', channels: [channel], timeZone: 'America/Los_Angeles' }); // hours later
    const wallClock = new Date(Date.now() + 3000).toISOString().replace('Z', '');
    const res = await push({ channels: [channel], push_time: wallClock, data: { alert: 'local' } });
    const id = res.headers.get('x-parse-push-status-id');
    assert.equal((await status(id)).pushTime, wallClock);
    await until(() => deliveries(id), (d) => d.length === 2, 20000);
    await sleep(2500);
    const sent = await deliveries(id);
    assert.deepEqual(sent.map((d) => d.installation).sort(), [ahead, utc].sort());
    const s = await status(id);
    assert.equal(s.status, 'running'); // Los Angeles is still to come
    assert.deepEqual(s.sentPerUTCOffset, { 14: 1, 0: 1 });
  });

  test('/push_audiences: create, list and get (query as an object), update, delete; master key only', async () => {
    const created = await rest('POST', '/push_audiences', { name: `aud${RUN}`, query: JSON.stringify({ deviceType: 'ios' }) }, { master: true });
    assert.equal(created.status, 201);
    const id = created.body.objectId;
    const one = (await rest('GET', `/push_audiences/${id}`, undefined, { master: true })).body;
    assert.equal(one.name, `aud${RUN}`);
    assert.deepEqual(one.query, { deviceType: 'ios' });
    const all = (await rest('GET', '/push_audiences', undefined, { master: true })).body.results;
    assert.deepEqual(all.find((a) => a.objectId === id).query, { deviceType: 'ios' });
    assert.ok((await rest('PUT', `/push_audiences/${id}`, { name: 'renamed' }, { master: true })).body.updatedAt);
    const bad = await rest('POST', '/push_audiences', { name: 'x', query: { deviceType: 'ios' } }, { master: true });
    assert.equal(bad.body.code, 111);
    assert.deepEqual((await rest('DELETE', `/push_audiences/${id}`, undefined, { master: true })).body, {});
    assert.equal((await rest('GET', `/push_audiences/${id}`, undefined, { master: true })).body.code, 101);
    assert.equal((await rest('GET', '/push_audiences')).status, 403);
  });

  test('/serverInfo: push flags true where the server does it', async (t) => {
    if (skip) return t.skip('the reference has no push adapter');
    const push = (await rest('GET', '/serverInfo', undefined, { master: true })).body.features.push;
    assert.deepEqual(push, { immediatePush: true, scheduledPush: true, storedPushData: true, pushAudiences: true, localization: true });
  });
});
