'use strict';
// A bounded, seeded fuzz run (issue 19, "Proof"): thousands of malformed requests over every route of
// the server's route table (rest.routing.ParseRoutes) and unknown ones. No client mistake may get a
// 5xx, an error body must have Parse's shape ({"code": N, "error": "..."} or {"error": "..."}) and show
// nothing of the server's insides, fixtures made first must be unchanged, and the server healthy.
// FUZZ_SEED=<n> replays a run; FUZZ_COUNT=<n> changes its size (default 5000).
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const h = require('./helpers');
const { rest, cls } = h;

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const COUNT = Number(process.env.FUZZ_COUNT || 5000);
const CONCURRENCY = 8;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The routes of ParseRoutes.TABLE, read from its source so that a new route is fuzzed too. */
function routeTable() {
  const file = path.join(__dirname, '../../../main/java/dev/jakartaparse/rest/routing/ParseRoutes.java');
  const src = fs.readFileSync(file, 'utf8');
  const routes = [];
  for (const m of src.matchAll(/\b(get|post|put|delete)\("([^"]+)"/g)) routes.push([m[1].toUpperCase(), m[2]]);
  for (const m of src.matchAll(/a\.put\("(\w+)", "(_\w+)"\)/g)) {
    const alias = m[1];
    routes.push(['GET', alias], ['POST', alias], ['GET', `${alias}/{objectId}`], ['PUT', `${alias}/{objectId}`], ['DELETE', `${alias}/{objectId}`]);
  }
  return routes;
}

const RUN_CLASS = cls('Fuzz');
const FIXTURE = cls('FuzzFixture');

test(`fuzz: ${COUNT} malformed requests (seed ${SEED})`, { timeout: 170_000 }, async (t) => {
  if (await h.isPostgres()) return t.skip('the reference answers several of these with 500 (database errors)');
  console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rand = prng(SEED);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const chance = (p) => rand() < p;

  // ---- fixtures: a class only the master key may change, its schema, a user, a config parameter
  await rest('POST', `/schemas/${FIXTURE}`, {
    className: FIXTURE,
    fields: { n: { type: 'Number' }, s: { type: 'String' }, when: { type: 'Date' } },
    classLevelPermissions: { find: { '*': true }, get: { '*': true }, count: { '*': true }, create: {}, update: {}, delete: {}, addField: {}, protectedFields: {} },
  }, { master: true });
  for (let i = 0; i < 3; i++) {
    const r = await rest('POST', `/classes/${FIXTURE}`, { n: i, s: `s${i}`, when: { __type: 'Date', iso: '2024-01-0' + (i + 1) + 'T00:00:00.000Z' } }, { master: true });
    assert.equal(r.status, 201, r.text);
  }
  const username = `fuzz_${h.RUN}`;
  const signup = await rest('POST', '/users', { username, password: 'Fuzz-pass-1' });
  assert.equal(signup.status, 201, signup.text);
  const configParam = `fuzz${h.RUN}`;
  assert.equal((await rest('PUT', '/config', { params: { [configParam]: { a: [1, 'x'] } } }, { master: true })).status, 200);
  const snapshot = async () => ({
    objects: (await rest('GET', `/classes/${FIXTURE}`, undefined, { master: true, query: { order: 'n' } })).body,
    schema: (await rest('GET', `/schemas/${FIXTURE}`, undefined, { master: true })).body,
    user: (await rest('GET', `/users/${signup.body.objectId}`, undefined, { master: true })).body,
    param: (await rest('GET', '/config', undefined, { master: true })).body.params[configParam],
  });
  const before = await snapshot();

  // ---- the material requests are made of
  const routes = routeTable();
  assert.ok(routes.length >= 60, `routes read from ParseRoutes.java: ${routes.length}`);
  const unknownRoutes = [['GET', 'nothing'], ['POST', 'classes'], ['GET', 'classes/A/b/c'], ['PATCH', 'classes/{className}'], ['GET', ''], ['POST', 'functions'], ['GET', 'files'], ['TRACE', 'health'], ['GET', 'Classes/{className}'], ['DELETE', 'config']];
  const classNames = () => pick([RUN_CLASS, RUN_CLASS, FIXTURE, '_User', '_Session', '_Role', '_Installation', '', 'A%2Fb', '%2E%2Ex', '1abc', 'a%20b', '$x', 'x'.repeat(300), 'Caf%C3%A9', 'A;x=1', 'A%7Cb']);
  // Left out: paths Liberty cannot decode (%ZZ, %00, "%2E%2E;x=1"), which it refuses with its own 400
  // page before the application runs (see the report of issue 19).
  const ids = () => pick(['abc', 'x'.repeat(10), '', '%2E%2Ex', 'null', '{}', '1e308', 'a%2Fb', 'Z'.repeat(500), 'me']);
  const names = () => pick(['hello', 'nothing', '', 'a.b', '__nope', '%2F', 'x'.repeat(200), 'afterSave', 'beforeSave']);
  const fill = (p) =>
    p
      .replace(/\{className\}/g, classNames)
      .replace(/\{objectId\}/g, ids)
      .replace(/\{appId\}/g, () => pick([h.APP_ID, 'OTHER', '']))
      .replace(/\{filename(: \.\+)?\}/g, () => pick(['a.txt', 'a/b.txt', 'x.html', '..x', '%2E%2E%2Fx', 'n'.repeat(300), 'a.exe']))
      .replace(/\{(functionName|jobName|triggerName)\}/g, names);
  const pathNoise = (p) =>
    pick([
      p,
      p,
      p,
      `/${p}`,
      `${p}/`,
      `${p};x=1`,
      p.replace('/', '//'),
      p.replace(/^(\w+)/, '$1;a=b'),
      p.toUpperCase(),
      `${p}/%2E%2Ex`,
      `${p}%20`,
      `${p}?`,
    ]);
  const json = [
    '{',
    '[1,2',
    '"str"',
    'null',
    '123',
    'true',
    '{"a":',
    '\ufeff{"a":1}',
    '{"a":1}garbage',
    '{"a":NaN}',
    '[' .repeat(600) + ']'.repeat(600),
    '{"a":'.repeat(300) + '1' + '}'.repeat(300),
    '\u0000',
    '',
  ];
  const values = [
    1e308, -1e308, 2 ** 53 + 1, -0, 0.5, '', 'x', true, null, [], {}, [1, 'a', null], { a: { b: { c: {} } } },
    { __type: 'Pointer' }, { __type: 'Pointer', className: '', objectId: 1 }, { __type: 'Date', iso: 'nope' }, { __type: 'Date' },
    { __type: 'GeoPoint', latitude: 1000, longitude: 'x' }, { __type: 'Bytes', base64: 1 }, { __type: 'File', name: 5 },
    { __type: 'Polygon', coordinates: [[1]] }, { __type: 'Relation' }, { __type: 'Nope' },
    { __op: 'Increment', amount: 'x' }, { __op: 'Increment', amount: 1e308 }, { __op: 'Add', objects: 'x' }, { __op: 'Batch', ops: 'x' },
    { __op: 'AddRelation', objects: [1] }, { __op: 'RemoveRelation', objects: [{ __type: 'Pointer', className: 'X' }] },
    { __op: 'Delete', extra: 1 }, { __op: 'Unknown' }, { $gt: 1 }, 'x'.repeat(5000),
  ];
  const fieldNames = ['a', 'n', 's', 'when', 'ACL', 'objectId', 'createdAt', 'updatedAt', 'a.b', '$x', 'a$', 'sessionToken', 'username', 'password', 'email', 'authData', 'emailVerified', 'params', 'requests', 'className', 'fields', 'classLevelPermissions', 'indexes', 'url', 'functionName', 'triggerName', 'pipeline', 'where', 'x'.repeat(200), '', '9'];
  const randomObject = (depth = 0) => {
    const o = {};
    const n = Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) o[pick(fieldNames)] = depth < 2 && chance(0.2) ? randomObject(depth + 1) : pick(values);
    return o;
  };
  const constraint = () =>
    pick([
      { $in: 'x' }, { $nin: 1e308 }, { $all: 1 }, { $exists: 'x' }, { $regex: '[' }, { $regex: '(' }, { $regex: 1 }, { $options: 'zz', $regex: 'a' },
      { $gt: {} }, { $lt: [] }, { $ne: { __type: 'Date', iso: 'x' } }, { $select: 1 }, { $dontSelect: { query: 1 } }, { $inQuery: 'x' },
      { $inQuery: { className: 1, where: 2 } }, { $notInQuery: {} }, { $near: 1 }, { $nearSphere: { __type: 'GeoPoint' } },
      { $within: { $box: 1 } }, { $geoWithin: { $polygon: 'x' } }, { $geoIntersects: {} }, { $text: 1 }, { $text: { $search: 'x' } },
      { $containedBy: 1 }, { $eq: 1, $ne: 1 }, { $foo: 1 }, { $elemMatch: 1 }, { $size: 'x' }, { $mod: [0, 0] }, 1, 'x', null, [],
    ]);
  const where = () => {
    const w = {};
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      const k = pick(['a', 'n', 's', 'when', 'objectId', 'createdAt', 'a.b', '$or', '$and', '$nor', '$where', '$x', 'ACL', 'x'.repeat(100)]);
      w[k] = k.startsWith('$') && chance(0.7) ? pick([[], 'x', [{}], [{ a: constraint() }], 1]) : constraint();
    }
    return w;
  };
  // as curl -g sends it: braces, brackets, quotes, | and ^ left raw
  const rawly = (v) => encodeURIComponent(v).replace(/%(7B|7D|5B|5D|7C|5E|22|3A|2C|24)/g, (m) => decodeURIComponent(m));
  const query = () => {
    const q = {};
    if (chance(0.6)) q.where = chance(0.2) ? pick(json) : JSON.stringify(where());
    if (chance(0.2)) q.limit = pick(['-1', '1e308', 'x', '', '0', '99999999999999999999', '1.5']);
    if (chance(0.2)) q.skip = pick(['-1', 'x', '1e20', '']);
    if (chance(0.2)) q.keys = pick(['.title', 'a..b', '$x', ',', 'a,', 'x'.repeat(300), 'a.b.c']);
    if (chance(0.2)) q.order = pick(['.title', '-', '--a', 'a,,b', '$x', 'a.b']);
    if (chance(0.2)) q.include = pick(['*', 'a.b.c.d.e.f.g', ',', '.', 'x'.repeat(300)]);
    if (chance(0.1)) q.count = pick(['1', 'x', '{']);
    if (chance(0.1)) q.redirectClassNameForKey = pick(['', 'a', '{']);
    if (chance(0.1)) q[pick(['unknown', '', '%', 'where[]'])] = 'x';
    return Object.entries(q)
      .map(([k, v]) => `${encodeURIComponent(k)}=${chance(0.3) ? rawly(v) : encodeURIComponent(v)}`)
      .join('&');
  };
  const headers = (master) => {
    const hd = {};
    if (!chance(0.05)) hd['X-Parse-Application-Id'] = chance(0.05) ? pick(['', 'OTHER', 'x'.repeat(500)]) : h.APP_ID;
    if (master) hd['X-Parse-Master-Key'] = h.MASTER_KEY;
    else if (chance(0.05)) hd['X-Parse-Master-Key'] = pick(['wrong', '', 'RO_MASTER_KEY']);
    else hd['X-Parse-REST-API-Key'] = chance(0.05) ? 'wrong' : h.REST_KEY;
    if (chance(0.1)) hd['X-Parse-Session-Token'] = pick(['r:nope', '', 'x'.repeat(300), 'r:']);
    if (chance(0.1)) hd.Accept = pick([';;;/x', 'text/html;q=abc', '*/*;;', 'application/xml', 'a/b/c', '']);
    if (chance(0.1)) hd['Content-Type'] = pick([';;bad', 'application/xml', 'text/plain; charset=nope', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '']);
    if (chance(0.05)) hd['X-Parse-Cloud-Context'] = pick(['{', '[]', '1', '"x"']);
    if (chance(0.05)) hd['X-Parse-Installation-Id'] = pick(['', 'x'.repeat(300), '{}']);
    if (chance(0.05)) hd['X-Parse-Request-Id'] = `fuzz-${Math.floor(rand() * 50)}`;
    if (chance(0.03)) hd.Authorization = pick(['Basic !!!', 'Basic ' + Buffer.from('APPLICATION_ID:nope').toString('base64'), 'Bearer x', 'Basic']);
    if (!master && chance(0.03)) hd['X-HTTP-Method-Override'] = pick(['DELETE', 'x']);
    return hd;
  };
  // The master key never changes what the other test files share on this server: the fixtures, the
  // system classes (a purge then a schema delete of _Role would drop its unique index on name, which
  // only start-up makes, as in Parse Server) and the app's settings.
  const isDestructiveForFixtures = (method, p) =>
    /^(config|hooks|cloud_code|jobs)/.test(p) && method !== 'GET' || p.includes(FIXTURE) || p.includes('_User') || p.startsWith('users') || p.startsWith('sessions') ||
    method !== 'GET' && /_Role|_Session|_Installation|^(roles|installations)/.test(p);

  const makeRequest = () => {
    const [method0, template] = chance(0.08) ? pick(unknownRoutes) : pick(routes);
    // No HEAD: Liberty now and then sends bytes after a HEAD error answer that closes the connection,
    // which Node's parser refuses ("Data after Connection: close"); left for its own issue.
    const method = chance(0.05) ? pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) : method0;
    let p = fill(template);
    const master = chance(0.25) && !isDestructiveForFixtures(method, p);
    p = pathNoise(p);
    let qs = chance(0.5) ? query() : '';
    const hd = headers(master);
    let body;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' || chance(0.05)) {
      if (chance(0.3)) body = pick(json);
      else {
        const o = randomObject();
        if (template === 'batch' && chance(0.7)) {
          o.requests = chance(0.2) ? pick(values) : Array.from({ length: Math.floor(rand() * 4) }, () => ({
            method: pick(['GET', 'POST', 'PUT', 'DELETE', 'x', 1]),
            path: pick([`${h.MOUNT_PATH}/classes/${RUN_CLASS}`, `${h.MOUNT_PATH}/classes/${RUN_CLASS}/abc`, `${h.MOUNT_PATH}/batch`, '/other/x', 1, `${h.MOUNT_PATH}/nothing`, `${h.MOUNT_PATH}/classes/${RUN_CLASS};x=1`]),
            body: chance(0.5) ? randomObject() : pick(values),
          }));
        }
        if (chance(0.1)) Object.assign(o, { _ApplicationId: pick([h.APP_ID, 1, '']), _method: pick(['GET', 'DELETE', 1]), _SessionToken: pick([1, 'r:x']), _context: pick(['{', 1, []]) });
        body = JSON.stringify(o);
      }
      if (!hd['Content-Type'] && chance(0.8)) hd['Content-Type'] = 'application/json';
    }
    return { method, path: `${h.MOUNT_PATH}/${p.replace(/^\/+/, (s) => s.slice(1))}${qs ? (p.includes('?') ? '&' : '?') + qs : ''}`, headers: hd, body };
  };

  const url = new URL(h.SERVER_URL);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (r) =>
    new Promise((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent, timeout: 20_000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'] || '', text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ status: 0, type: '', text: String(e.message) }));
      if (r.body !== undefined) req.write(r.body);
      req.end();
    });

  const INTERNALS = /\n\s+at\s|\.java:\d+|Exception\b|\b(java|javax|jakarta|org|com|sun)\.[a-z]+\.[A-Za-z]|\b(localhost|127\.0\.0\.1|\[::1\]):\d+|\bSRVE\d|\bCWW[A-Z]+\d|RESTEASY\d|<html|<!DOCTYPE/i;
  const problems = [];
  const check = (r, res) => {
    const fail = (why) => problems.push(`${why}\n    ${r.method} ${r.path}\n    headers ${JSON.stringify(r.headers)}\n    body ${r.body === undefined ? '-' : r.body.slice(0, 200)}\n    -> ${res.status} ${res.text.slice(0, 300)}`);
    if (res.status === 0) return fail('no answer');
    if (res.status >= 500) return fail('5xx for a client mistake');
    if (res.status < 400) return;
    if (r.method === 'HEAD') return;
    if (res.status === 404 && res.text === 'File not found.' && /\/files[;/]/.test(r.path)) return; // Parse Server's own answer
    let body;
    try {
      body = JSON.parse(res.text);
    } catch (_) {
      return fail('error body is not JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.error !== 'string') return fail('error body without "error"');
    if ('code' in body && typeof body.code !== 'number') return fail('"code" is not a number');
    if (Object.keys(body).some((k) => k !== 'code' && k !== 'error')) return fail('error body with other keys');
    // the 404 for an unknown route names the path as sent; everything else must not show internals
    const text = res.status === 404 && /^Cannot [A-Z]+ /.test(body.error) ? '' : body.error;
    if (INTERNALS.test(text)) return fail('error shows internals');
  };

  const started = Date.now();
  let sent = 0;
  const worker = async () => {
    while (sent < COUNT) {
      sent++;
      const r = makeRequest();
      check(r, await send(r));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${COUNT} requests in ${seconds.toFixed(1)} s, ${problems.length} problems`);
  assert.equal(problems.length, 0, `seed ${SEED}: ${problems.length} problems, the first:\n${problems.slice(0, 15).join('\n')}`);
  assert.ok(seconds < 120, `the run took ${seconds} s`);

  // ---- afterwards: fixtures as they were, the server healthy
  assert.deepEqual(await snapshot(), before, 'fixtures unchanged');
  const health = await rest('GET', '/health');
  assert.deepEqual([health.status, health.body.status], [200, 'ok']);
  const login = await rest('GET', '/login', undefined, { query: { username, password: 'Fuzz-pass-1' } });
  assert.equal(login.status, 200, login.text);
  const q = new h.Parse.Query(FIXTURE);
  assert.equal(await q.count(), 3, 'the SDK still queries');
});
