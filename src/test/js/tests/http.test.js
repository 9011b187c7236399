'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls, SERVER_URL, APP_ID, JS_KEY, REST_KEY, MASTER_KEY, MOUNT_PATH } = h;

const C = cls('Http');
const ALLOW_HEADERS_REQUIRED = [
  'X-Parse-Master-Key',
  'X-Parse-REST-API-Key',
  'X-Parse-Javascript-Key',
  'X-Parse-Application-Id',
  'X-Parse-Client-Version',
  'X-Parse-Session-Token',
  'X-Requested-With',
  'X-Parse-Revocable-Session',
  'X-Parse-Request-Id',
  'Content-Type',
];

async function raw(path, init = {}) {
  const r = await fetch(SERVER_URL + path, init);
  const text = await r.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch (_) {
    /* not json */
  }
  return { status: r.status, headers: r.headers, text, body };
}
const textPlain = (payload) => ({ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(payload) });
const basic = (s) => 'Basic ' + Buffer.from(s).toString('base64');

function assertCors(headers) {
  assert.equal(headers.get('access-control-allow-origin'), '*');
  assert.equal(headers.get('access-control-allow-methods'), 'GET,PUT,POST,DELETE,OPTIONS');
  const allow = headers
    .get('access-control-allow-headers')
    .split(',')
    .map((s) => s.trim().toLowerCase());
  for (const hd of ALLOW_HEADERS_REQUIRED) assert.ok(allow.includes(hd.toLowerCase()), `allow-headers has ${hd}`);
  assert.equal(headers.get('access-control-expose-headers'), 'X-Parse-Job-Status-Id, X-Parse-Push-Status-Id');
}

describe('http envelope', () => {
  let id;
  before(async () => {
    id = (await rest('POST', `/classes/${C}`, { a: 1 })).body.objectId;
  });
  after(() => h.dropClass(C));

  test('SDK-style POST text/plain: create, _method GET/PUT/DELETE tunnelling', async () => {
    const env = { _ApplicationId: APP_ID, _JavaScriptKey: JS_KEY, _ClientVersion: 'js8.6.2', _InstallationId: '6e7b9a9c-4a4f-4e25-9d2c-0c1a2b3c4d5e' };
    const c = await raw(`/classes/${C}`, textPlain({ a: 2, tunnel: true, ...env }));
    assert.equal(c.status, 201);
    assert.deepEqual(Object.keys(c.body).sort(), ['createdAt', 'objectId']);
    assert.match(c.headers.get('content-type'), /^application\/json/);
    const oid = c.body.objectId;
    // envelope fields are not stored as data
    const g = await raw(`/classes/${C}/${oid}`, textPlain({ _method: 'GET', ...env }));
    assert.equal(g.status, 200);
    assert.deepEqual(Object.keys(g.body).sort(), ['a', 'createdAt', 'objectId', 'tunnel', 'updatedAt']);
    const f = await raw(`/classes/${C}`, textPlain({ _method: 'GET', where: { tunnel: true }, ...env }));
    assert.equal(f.status, 200);
    assert.deepEqual(
      f.body.results.map((x) => x.objectId),
      [oid]
    );
    const u = await raw(`/classes/${C}/${oid}`, textPlain({ _method: 'PUT', a: { __op: 'Increment', amount: 5 }, ...env }));
    assert.equal(u.status, 200);
    assert.equal(u.body.a, 7);
    const d = await raw(`/classes/${C}/${oid}`, textPlain({ _method: 'DELETE', ...env }));
    assert.equal(d.status, 200);
    assert.deepEqual(d.body, {});
    const g2 = await raw(`/classes/${C}/${oid}`, textPlain({ _method: 'GET', ...env }));
    assert.equal(g2.status, 404);
    assert.deepEqual(g2.body, { code: 101, error: 'Object not found.' });
  });

  test('SDK-style _MasterKey in the body grants master access', async () => {
    const r = await raw(`/schemas/${C}`, textPlain({ _method: 'GET', _ApplicationId: APP_ID, _MasterKey: MASTER_KEY }));
    assert.equal(r.status, 200);
    assert.equal(r.body.className, C);
  });

  test('SDK-style _SessionToken: a bogus token -> 400 code 209 "Invalid session token"', async () => {
    const r = await raw(`/classes/${C}`, textPlain({ _method: 'GET', _ApplicationId: APP_ID, _JavaScriptKey: JS_KEY, _SessionToken: 'r:bogus' }));
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 209, error: 'Invalid session token' });
  });

  test('SDK-style: wrong/missing key or wrong app id -> 403 {"error":"unauthorized"}', async () => {
    for (const payload of [
      { _method: 'GET', _ApplicationId: APP_ID, _JavaScriptKey: 'WRONG' },
      { _method: 'GET', _ApplicationId: APP_ID },
      { _method: 'GET', _ApplicationId: 'WRONG', _JavaScriptKey: JS_KEY },
      { _method: 'GET', _ApplicationId: APP_ID, _MasterKey: 'WRONG' },
    ]) {
      const r = await raw(`/classes/${C}`, textPlain(payload));
      assert.equal(r.status, 403, JSON.stringify(payload));
      assert.deepEqual(r.body, { error: 'unauthorized' });
    }
  });

  test('headers: REST key, JavaScript key, master key alone', async () => {
    for (const headers of [
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-REST-API-Key': REST_KEY },
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Javascript-Key': JS_KEY },
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Master-Key': MASTER_KEY },
    ]) {
      const r = await raw(`/classes/${C}/${id}`, { headers });
      assert.equal(r.status, 200, JSON.stringify(headers));
      assert.equal(r.body.objectId, id);
    }
    // header names are case-insensitive
    const r = await raw(`/classes/${C}/${id}`, { headers: { 'x-parse-application-id': APP_ID, 'x-parse-rest-api-key': REST_KEY } });
    assert.equal(r.status, 200);
  });

  test('headers: wrong app id, wrong/missing/mismatched key -> 403 {"error":"unauthorized"}', async () => {
    for (const headers of [
      { 'X-Parse-Application-Id': 'WRONG', 'X-Parse-REST-API-Key': REST_KEY },
      { 'X-Parse-Application-Id': APP_ID },
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-REST-API-Key': 'WRONG' },
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Master-Key': 'WRONG' },
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Javascript-Key': REST_KEY }, // REST key sent as JS key
      { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Client-Key': JS_KEY }, // no client key configured
      {},
    ]) {
      const r = await raw(`/classes/${C}/${id}`, { headers });
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.deepEqual(r.body, { error: 'unauthorized' }, JSON.stringify(headers));
      assertCors(r.headers);
    }
  });

  test('HTTP Basic auth: appId:javascript-key=KEY and appId:MASTER_KEY', async () => {
    let r = await raw(`/classes/${C}/${id}`, { headers: { Authorization: basic(`${APP_ID}:javascript-key=${JS_KEY}`) } });
    assert.equal(r.status, 200);
    assert.equal(r.body.objectId, id);
    r = await raw(`/schemas/${C}`, { headers: { Authorization: basic(`${APP_ID}:${MASTER_KEY}`) } });
    assert.equal(r.status, 200);
    assert.equal(r.body.className, C);
    r = await raw(`/classes/${C}/${id}`, { headers: { Authorization: basic(`${APP_ID}:javascript-key=WRONG`) } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error: 'unauthorized' });
    r = await raw(`/classes/${C}/${id}`, { headers: { Authorization: basic(`WRONG:javascript-key=${JS_KEY}`) } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error: 'unauthorized' });
  });

  test('CORS headers on a normal response', async () => {
    const r = await rest('GET', `/classes/${C}/${id}`, undefined, { headers: { Origin: 'http://example.com' } });
    assert.equal(r.status, 200);
    assertCors(r.headers);
    // Liberty writes the same media type without the optional space after ';'
    assert.match(r.headers.get('content-type'), /^application\/json;\s?charset=utf-8$/i);
  });

  test('OPTIONS preflight -> 200 with CORS headers, no keys needed', async () => {
    for (const path of [`/classes/${C}`, `/classes/${C}/${id}`, '/batch', '/nope/whatever']) {
      const r = await raw(path, {
        method: 'OPTIONS',
        headers: { Origin: 'http://example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-parse-application-id,content-type' },
      });
      assert.equal(r.status, 200, path);
      assertCors(r.headers);
    }
    const bare = await raw(`/classes/${C}`, { method: 'OPTIONS' });
    assert.equal(bare.status, 200);
    assertCors(bare.headers);
  });

  test('GET /health -> 200 {"status":"ok"} without keys (GET and POST)', async () => {
    let r = await raw('/health');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'ok' });
    assertCors(r.headers);
    r = await raw('/health', { method: 'POST' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'ok' });
    r = await rest('GET', '/health');
    assert.deepEqual(r.body, { status: 'ok' });
  });

  test('GET /serverInfo with the master key; without -> 403 Permission denied', async () => {
    const r = await rest('GET', '/serverInfo', undefined, { master: true });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['features', 'parseServerVersion']);
    assert.match(r.body.parseServerVersion, /^\d+\.\d+\.\d+/);
    const f = r.body.features;
    for (const k of ['globalConfig', 'hooks', 'cloudCode', 'logs', 'push', 'schemas']) assert.equal(typeof f[k], 'object', k);
    assert.deepEqual(f.schemas, {
      addField: true,
      removeField: true,
      addClass: true,
      removeClass: true,
      clearAllDataFromClass: true,
      exportClass: false,
      editClassLevelPermissions: true,
      editPointerPermissions: true,
    });
    assert.deepEqual(Object.keys(f.globalConfig).sort(), ['create', 'delete', 'read', 'update']);
    const n = await rest('GET', '/serverInfo');
    assert.equal(n.status, 403);
    assert.deepEqual(n.body, { error: 'Permission denied' });
  });

  test('malformed JSON body -> 400 {"error": <parser message>}', async () => {
    for (const bad of ['{bad json', '{"a":', '[1,2']) {
      const r = await rest('POST', `/classes/${C}`, bad, { headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, 400, bad);
      // Parse Server (express body-parser) answers only an "error" string, no code; ours adds code 107.
      if (await h.isPostgres()) assert.deepEqual(Object.keys(r.body), ['error'], bad);
      else assert.deepEqual(r.body, { code: 107, error: 'Invalid JSON' }, bad);
      assert.equal(typeof r.body.error, 'string');
      assert.ok(r.body.error.length > 0);
      h.assertNoStack(r.text);
    }
    // same for SDK-style text/plain bodies
    const t = await raw(`/classes/${C}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{bad' });
    assert.equal(t.status, 400);
    if (await h.isPostgres()) assert.deepEqual(Object.keys(t.body), ['error']);
    else assert.ok(t.body.error);
    h.assertNoStack(t.text);
  });

  test('a JSON body without a Content-Type is still parsed', async () => {
    const r = await raw(`/classes/${C}`, { method: 'POST', headers: { 'X-Parse-Application-Id': APP_ID, 'X-Parse-REST-API-Key': REST_KEY }, body: '{"noCtype":1}' });
    assert.equal(r.status, 201);
    const g = await rest('GET', `/classes/${C}/${r.body.objectId}`);
    assert.equal(g.body.noCtype, 1);
  });

  test('unknown route -> 404 (with keys); without keys -> 403 unauthorized', async () => {
    for (const [method, path] of [
      ['GET', '/nope/xyz'],
      ['POST', '/nope'],
      ['GET', '/classes'],
      ['DELETE', `/classes/${C}`],
    ]) {
      const r = await rest(method, path, method === 'POST' ? {} : undefined);
      assert.equal(r.status, 404, `${method} ${path}`);
      // Express's default 404 page names the method and path
      assert.ok(r.text.includes(`Cannot ${method} ${MOUNT_PATH}${path}`), r.text);
      h.assertNoStack(r.text);
    }
    const r = await rest('GET', '/nope/xyz', undefined, { keys: false });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error: 'unauthorized' });
  });

  test('paths outside the mount path -> 404 naming the whole path, with or without keys', async () => {
    const origin = new URL(SERVER_URL).origin;
    for (const path of ['/nope', `${MOUNT_PATH}x/classes/${C}`, '/classes/' + C]) {
      const r = await fetch(origin + path, { headers: { 'X-Parse-Application-Id': APP_ID, 'X-Parse-REST-API-Key': REST_KEY } });
      assert.equal(r.status, 404, path);
      assert.ok((await r.text()).includes(`Cannot GET ${path}`), path);
    }
  });

  test('no stack traces in error bodies', async () => {
    const bodies = [
      await rest('GET', `/classes/${C}/abcdefghij`),
      await rest('POST', `/classes/${C}`, { a: 'string into number' }),
      await rest('POST', `/classes/${C}`, { a: { __op: 'Unknown' } }),
      await rest('GET', `/classes/${C}`, undefined, { query: { where: '{bad' } }),
      await rest('GET', `/classes/${C}`, undefined, { query: { where: { a: { $regex: '(' } } } }),
      await rest('POST', `/classes/${C}`, '{bad', { headers: { 'Content-Type': 'application/json' } }),
    ];
    for (const r of bodies) {
      assert.ok(r.status >= 400, r.text);
      h.assertNoStack(r.text);
    }
  });
});
