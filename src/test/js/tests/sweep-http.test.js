'use strict';
// Issue 19, items 11, 17, 22 and 23: raw characters in URLs, rate limits that any route to the same
// handler counts against, error bodies without internals, and the headers of file downloads.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls, RUN, MOUNT_PATH } = h;

const raw = h.rawRequest;

/** Parse's error shape, and nothing of the server's insides. */
function assertCleanError(res, what) {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: a client mistake is a 4xx, got ${res.status} ${res.text.slice(0, 300)}`);
  assert.equal(typeof res.body, 'object', `${what}: JSON body, got ${res.text.slice(0, 300)}`);
  assert.equal(typeof res.body.error, 'string', `${what}: {"error": "..."} in ${res.text.slice(0, 300)}`);
  if ('code' in res.body) assert.equal(typeof res.body.code, 'number', what);
  assert.deepEqual(Object.keys(res.body).filter((k) => k !== 'code' && k !== 'error'), [], `${what}: only code and error`);
  h.assertNoStack(res.text);
  assert.doesNotMatch(res.text, /\b(localhost|127\.0\.0\.1):\d+|\bjava\.|\bjakarta\.|\borg\.|\bcom\.(mongodb|ibm)|SRVE\d|CWW/, `${what}: leaks internals: ${res.text.slice(0, 300)}`);
}

describe('raw characters in the query string (item 11)', () => {
  const C = cls('RawQuery');
  let id;
  before(async () => {
    id = (await rest('POST', `/classes/${C}`, { a: 1, s: 'x' }, { master: true })).body.objectId;
  });

  test('where={"a":1} sent unencoded works like its encoded form', async () => {
    const res = await raw('GET', `/classes/${C}?where={"a":1}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results.map((o) => o.objectId), [id]);
  });

  test('raw [ ] | ^ and a lone % are read as their encoded forms', async () => {
    const res = await raw('GET', `/classes/${C}?where={"a":{"$in":[1,2]},"s":{"$nin":["a|b^c"]}}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results.map((o) => o.objectId), [id]);
    const percent = await raw('GET', `/classes/${C}?where={"s":"100%"}`);
    assert.deepEqual([percent.status, percent.body.results], [200, []], percent.text);
  });

  test('a raw brace in the path is a class name like any other, not a server error', async () => {
    const res = await raw('GET', `/classes/A{b}`);
    assert.ok(res.status < 500, res.text);
    h.assertNoStack(res.text);
  });
});

describe('error hygiene (item 22)', () => {
  const C = cls('Hygiene');
  before(async () => {
    await rest('POST', `/classes/${C}`, { a: 1, title: 't' }, { master: true });
  });

  test('a query the database refuses answers a Parse error without driver text', async () => {
    for (const q of [
      { where: { a: { $regex: '[' } } },
      { keys: '.title' },
      { where: { a: { $nin: 1e308 } } },
      { where: { a: { $in: 'x' } } },
      { order: '.title' },
      { where: { 'a..b': 1 } },
    ]) {
      const res = await rest('GET', `/classes/${C}`, undefined, { query: q });
      if (res.status === 200) continue; // accepted, as Parse Server on PostgreSQL does for some
      assertCleanError(res, JSON.stringify(q));
    }
  });

  test('$in and $nin that are not arrays answer 107 as Parse Server does', async () => {
    const nin = await rest('GET', `/classes/${C}`, undefined, { query: { where: { a: { $nin: 1e308 } } } });
    assert.deepEqual([nin.status, nin.body], [400, { code: 107, error: 'bad $nin value' }]);
    const inn = await rest('GET', `/classes/${C}`, undefined, { query: { where: { a: { $in: 'x' } } } });
    assert.deepEqual([inn.status, inn.body], [400, { code: 107, error: 'bad $in value' }]);
  });

  test('malformed Accept and Content-Type headers do not fail the request', async () => {
    for (const accept of [';;;/x', 'text/html;q=abc', '*/*;;', 'application/xml']) {
      const res = await raw('GET', `/classes/${C}`, { headers: { Accept: accept } });
      assert.equal(res.status, 200, `Accept ${accept}: ${res.text.slice(0, 200)}`);
      assert.equal(res.body.results.length, 1);
    }
    for (const type of [';;bad', 'application/xml', 'text/plain; charset=nope', 'multipart/form-data']) {
      const res = await raw('POST', `/classes/${C}`, { headers: { 'Content-Type': type }, body: '{"a":2}' });
      if (res.status === 201) continue;
      assertCleanError(res, `Content-Type ${type}`);
    }
  });

  test('encoded slash, dot and backslash in a path get Parse answers, not the container error page', async () => {
    for (const p of [`/classes/${C}%2Fx`, `/classes/${C}%2Ex`, `/classes/${C}%5Cx`, `/classes/%2E%2E/${C}`, `/users/%2E%2E%2Fschemas`]) {
      const res = await raw('GET', p);
      assert.ok(res.status < 500, `${p}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(typeof res.body, 'object', `${p}: ${res.text.slice(0, 200)}`);
      h.assertNoStack(res.text);
      assert.doesNotMatch(res.text, /CWWWC|SRVE|Exception/, p);
    }
    // a path that decodes to another route must not reach it without that route's keys
    const schemas = await raw('GET', `/classes/%2E%2E/schemas`);
    assert.notEqual(schemas.status, 200, schemas.text.slice(0, 200));
  });

  test('an unknown method or a JSON body on GET is still a Parse answer', async () => {
    const res = await raw('PATCH', `/classes/${C}`, { body: '{}' });
    assert.ok(res.status < 500, res.text);
    assert.equal(typeof res.body.error, 'string', res.text);
  });
});

describe('file downloads (item 23)', () => {
  test('a downloaded file carries X-Content-Type-Options: nosniff', async () => {
    const up = await rest('POST', `/files/page.txt`, Buffer.from('<html><script>alert(1)</script>'), {
      master: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(up.status, 201, up.text);
    const res = await fetch(up.body.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-type'), /^text\/plain/);
  });
});

describe('rate limits count every request of a route however it arrives (item 17)', () => {
  // The test server limits /classes/TRateLimited* to 3 requests per 2 s, loopback included.
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });
  const freshWindow = () => new Promise((r) => setTimeout(r, 2100));
  const C = `TRateLimitedSweep${RUN}`;

  test('path parameters, doubled slashes and trailing slashes count against the rule', async (t) => {
    if (skip) return t.skip('the reference runs without rateLimit');
    for (const variant of [`/classes;x=1/${C}`, `//classes/${C}`, `/classes/${C};x=1`, `/classes//${C}/`]) {
      await freshWindow();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await raw('GET', variant)).status);
      assert.equal(statuses[3], 429, `${variant}: ${statuses}`);
      assert.ok(statuses.slice(0, 3).every((s) => s !== 429), `${variant}: ${statuses}`);
    }
  });

  test('each batch sub-request counts; a batch over the limit runs none and answers 100', async (t) => {
    if (skip) return t.skip('the reference runs without rateLimit');
    await freshWindow();
    const path = `${MOUNT_PATH}/classes/${C}`;
    const over = await rest('POST', '/batch', {
      requests: [1, 2, 3, 4].map((n) => ({ method: 'POST', path, body: { n } })),
    });
    assert.deepEqual([over.status, over.body], [400, { code: 100, error: 'Slow down.' }]);
    await freshWindow();
    const found = await rest('GET', `/classes/${C}`, undefined, { master: true });
    assert.deepEqual(found.body.results, [], 'no sub-request ran');
    const two = await rest('POST', '/batch', {
      requests: [1, 2].map((n) => ({ method: 'POST', path, body: { n } })),
    });
    assert.equal(two.status, 200, two.text);
    assert.equal((await rest('GET', `/classes/${C}`)).status, 200, 'the third request of the window');
    const fourth = await rest('GET', `/classes/${C}`);
    assert.deepEqual([fourth.status, fourth.body], [429, { code: 100, error: 'Slow down.' }], 'the batch used up the window');
  });
});
