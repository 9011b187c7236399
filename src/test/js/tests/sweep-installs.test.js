'use strict';
// Issue 20, installations and analytics: /installations and _Installation with Parse Server's rules
// (ids required, deviceType and installationId immutable, re-registration updates, deviceToken
// de-duplication, lower-casing, the X-Parse-Installation-Id header, clients may not list or delete),
// and POST /events/<name> answered as Parse Server answers.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const uuid = () => crypto.randomUUID();

async function byInstallationId(id) {
  const r = await rest('GET', '/installations', undefined, { master: true, query: { where: { installationId: id } } });
  assert.equal(r.status, 200, r.text);
  return r.body.results;
}

async function byDeviceToken(token) {
  const r = await rest('GET', '/installations', undefined, { master: true, query: { where: { deviceToken: token } } });
  assert.equal(r.status, 200, r.text);
  return r.body.results;
}

function assertError(r, status, code, error) {
  assert.equal(r.status, status, r.text);
  assert.deepEqual(r.body, { code, error });
}

describe('issue 20: installations', () => {
  test('POST /installations creates; the same installationId again (any case) updates it with 200', async () => {
    const id = uuid();
    const created = await rest('POST', '/installations', { installationId: id.toUpperCase(), deviceType: 'ios', channels: ['a'] });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'objectId']);
    assert.match(created.headers.get('location'), new RegExp(`/classes/_Installation/${created.body.objectId}$`));

    const again = await rest('POST', '/installations', { installationId: id, deviceType: 'ios', badge: 3, timeZone: 'Europe/Paris' });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(Object.keys(again.body), ['updatedAt']);

    const found = await byInstallationId(id);
    assert.equal(found.length, 1);
    assert.equal(found[0].objectId, created.body.objectId);
    assert.equal(found[0].installationId, id, 'stored lower-cased');
    assert.deepEqual(found[0].channels, ['a']);
    assert.equal(found[0].badge, 3);
    assert.equal(found[0].timeZone, 'Europe/Paris');
  });

  test('an ID and, for a new installation, a deviceType are required (135)', async () => {
    assertError(await rest('POST', '/installations', { deviceType: 'ios' }), 400, 135,
      'at least one ID field (deviceToken, installationId) must be specified in this operation');
    assertError(await rest('POST', '/installations', { installationId: uuid() }), 400, 135,
      'deviceType must be specified in this operation');
    assertError(await rest('POST', '/classes/_Installation', { deviceToken: `t${RUN}x` }), 400, 135,
      'deviceType must be specified in this operation');
  });

  test('deviceType and installationId may not be changed (136); a missing installation is 101', async () => {
    const id = uuid();
    const created = await rest('POST', '/installations', { installationId: id, deviceType: 'ios' });
    assert.equal(created.status, 201, created.text);
    const oid = created.body.objectId;
    assertError(await rest('PUT', `/installations/${oid}`, { deviceType: 'android' }), 400, 136,
      'deviceType may not be changed in this operation');
    assertError(await rest('PUT', `/installations/${oid}`, { installationId: uuid() }), 400, 136,
      'installationId may not be changed in this operation');
    assertError(await rest('PUT', `/installations/${oid}`, { installationId: uuid() }, { master: true }), 400, 136,
      'installationId may not be changed in this operation');
    const same = await rest('PUT', `/installations/${oid}`, { installationId: id.toUpperCase(), deviceType: 'ios' });
    assert.equal(same.status, 200, same.text);
    const inc = await rest('PUT', `/installations/${oid}`, { badge: { __op: 'Increment', amount: 2 }, localeIdentifier: 'fr-FR' });
    assert.deepEqual(Object.keys(inc.body).sort(), ['badge', 'updatedAt']);
    assert.equal(inc.body.badge, 2);
    assertError(await rest('PUT', '/installations/nosuchid00', { deviceType: 'ios' }), 404, 101, 'Object not found for update.');
    assertError(await rest('PUT', '/installations/nosuchid00', { badge: 1 }), 404, 101, 'Object not found.');
    const [stored] = await byInstallationId(id);
    assert.equal(stored.deviceType, 'ios');
    assert.equal(stored.localeIdentifier, 'fr-FR');
  });

  test('bad types get 111 and nothing is stored', async () => {
    const id = uuid();
    assertError(await rest('POST', '/installations', { installationId: id, deviceType: 'ios', channels: 'abc' }), 400, 111,
      'schema mismatch for _Installation.channels; expected Array but got String');
    assertError(await rest('POST', '/installations', { installationId: id, deviceType: 'ios', badge: 'x' }), 400, 111,
      'schema mismatch for _Installation.badge; expected Number but got String');
    assert.equal((await byInstallationId(id)).length, 0);
  });

  test('the X-Parse-Installation-Id header names the installation a client registers again', async () => {
    const id = uuid();
    const created = await rest('POST', '/installations', { installationId: id, deviceType: 'android', channels: ['x'] });
    assert.equal(created.status, 201, created.text);
    const again = await rest('POST', '/installations', { deviceType: 'android', appVersion: '2.0' },
      { headers: { 'X-Parse-Installation-Id': id.toUpperCase() } });
    assert.equal(again.status, 200, again.text);
    const found = await byInstallationId(id);
    assert.equal(found.length, 1);
    assert.equal(found[0].appVersion, '2.0');
    // an unknown header id creates a new installation, which does not take the header's id
    const other = uuid();
    const fresh = await rest('POST', '/installations', { deviceType: 'android', deviceToken: `tok-${other}` },
      { headers: { 'X-Parse-Installation-Id': other } });
    assert.equal(fresh.status, 201, fresh.text);
    const [stored] = await byDeviceToken(`tok-${other}`);
    assert.equal(stored.installationId, undefined);
  });

  test('deviceTokens: 64-character ones are lower-cased; one token moves to the newest installation', async () => {
    const hex = crypto.randomBytes(32).toString('hex').toUpperCase();
    const first = uuid();
    const a = await rest('POST', '/installations', { installationId: first, deviceType: 'ios', deviceToken: hex });
    assert.equal(a.status, 201, a.text);
    assert.equal((await byDeviceToken(hex.toLowerCase())).length, 1);

    // a second installation with the same token: the first one is removed
    const second = uuid();
    const b = await rest('POST', '/installations', { installationId: second, deviceType: 'ios', deviceToken: hex.toLowerCase() });
    assert.equal(b.status, 201, b.text);
    const holders = await byDeviceToken(hex.toLowerCase());
    assert.deepEqual(holders.map((i) => i.installationId), [second]);
    assert.equal((await byInstallationId(first)).length, 0);

    // a token-only registration of a known token updates that installation
    const token = `android-${uuid()}`;
    const c = await rest('POST', '/installations', { deviceType: 'android', deviceToken: token });
    assert.equal(c.status, 201, c.text);
    const d = await rest('POST', '/installations', { deviceType: 'android', deviceToken: token, badge: 5 });
    assert.equal(d.status, 200, d.text);
    // and an installationId given later joins that installation
    const later = uuid();
    const e = await rest('POST', '/installations', { deviceType: 'android', deviceToken: token, installationId: later });
    assert.equal(e.status, 200, e.text);
    const merged = await byDeviceToken(token);
    assert.equal(merged.length, 1);
    assert.equal(merged[0].objectId, c.body.objectId);
    assert.equal(merged[0].installationId, later);
    assert.equal(merged[0].badge, 5);
  });

  test('a token held by several installations needs an installationId (132)', async () => {
    const token = `shared-${uuid()}`;
    for (const id of [uuid(), uuid()]) {
      // created by the master key with the same token: batch writes skip nothing, so create directly
      const r = await rest('POST', '/classes/_Installation', { installationId: id, deviceType: 'ios', pushType: 'apns' }, { master: true });
      assert.equal(r.status, 201, r.text);
      const u = await rest('PUT', `/classes/_Installation/${r.body.objectId}`, { deviceToken: token }, { master: true });
      assert.equal(u.status, 200, u.text);
    }
    assertError(await rest('POST', '/installations', { deviceType: 'ios', deviceToken: token }), 400, 132,
      'Must specify installationId when deviceToken matches multiple Installation objects');
  });

  test('clients may get and update an installation but neither list nor delete them', async () => {
    const created = await rest('POST', '/installations', { installationId: uuid(), deviceType: 'ios' });
    const oid = created.body.objectId;
    assertError(await rest('GET', '/installations'), 400, 119, 'Permission denied');
    assertError(await rest('DELETE', `/installations/${oid}`), 400, 119, 'Permission denied');
    assertError(await rest('GET', '/classes/_Installation'), 400, 119, 'Permission denied');
    const one = await rest('GET', `/installations/${oid}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.objectId, oid);
    assertError(await rest('GET', '/installations/nosuchid00'), 404, 101, 'Object not found.');
    const gone = await rest('DELETE', `/installations/${oid}`, undefined, { master: true });
    assert.equal(gone.status, 200, gone.text);
  });

  test('channels through /classes/_Installation: AddUnique on a re-registration', async () => {
    const id = uuid();
    await rest('POST', '/classes/_Installation', { installationId: id, deviceType: 'ios', channels: ['a'] });
    const r = await rest('POST', '/classes/_Installation', { installationId: id, channels: { __op: 'AddUnique', objects: ['b', 'a'] } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.channels, ['a', 'b']);
    assert.deepEqual(Object.keys(r.body).sort(), ['channels', 'updatedAt']);
  });

  test('the SDK: Parse.Installation saves, re-registers and keeps channels', async () => {
    const current = await Parse.Installation.currentInstallation();
    assert.ok(current.get('installationId'));
    current.set('channels', ['news']);
    await current.save();
    assert.ok(current.id);
    const again = new Parse.Installation();
    again.set('installationId', current.get('installationId'));
    again.set('deviceType', 'web');
    again.addUnique('channels', 'sport');
    await again.save();
    assert.equal(again.id, undefined, 'the 200 answer carries no objectId');
    const [stored] = await byInstallationId(current.get('installationId'));
    assert.equal(stored.objectId, current.id);
    assert.deepEqual(stored.channels, ['news', 'sport']);
    await h.expectParseError(new Parse.Query(Parse.Installation).find(), 119, 'Permission denied');
    const master = await new Parse.Query(Parse.Installation).equalTo('installationId', current.get('installationId')).find({ useMasterKey: true });
    assert.equal(master.length, 1);
  });
});

describe('issue 20: analytics', () => {
  test('POST /events/AppOpened and /events/<name> answer {} whatever they carry', async () => {
    for (const [path, body] of [
      ['/events/AppOpened', {}],
      ['/events/AppOpened', { at: { __type: 'Date', iso: '2024-01-01T00:00:00.000Z' } }],
      [`/events/Search${RUN}`, { dimensions: { category: 'books' }, at: '2024-01-01T00:00:00.000Z' }],
      [`/events/Search${RUN}`, { dimensions: { priceRange: 1 }, at: 'not a date' }],
      [`/events/Search${RUN}`, [1, 2]],
    ]) {
      const r = await rest('POST', path, body);
      assert.equal(r.status, 200, `${path} ${r.text}`);
      assert.deepEqual(r.body, {});
    }
    const master = await rest('POST', `/events/Search${RUN}`, {}, { master: true });
    assert.deepEqual([master.status, master.body], [200, {}]);
    const noKeys = await rest('POST', `/events/Search${RUN}`, {}, { keys: false });
    assert.equal(noKeys.status, 403);
    const get = await rest('GET', `/events/Search${RUN}`);
    assert.equal(get.status, 404);
  });

  test('the SDK: Parse.Analytics.track', async () => {
    assert.deepEqual(await Parse.Analytics.track(`Signup${RUN}`, { plan: 'free' }), {});
    assert.deepEqual(await Parse.Analytics.track('AppOpened', {}), {});
  });
});
