'use strict';
// Issue 19, item 22 (last piece): a request path whose percent-encoding cannot be decoded (a bad
// escape, a control character, a dot segment with parameters, bytes that are not UTF-8) gets Parse's
// error shape {"code": N, "error": "..."} with 400, never the container's page. Parse Server (Express)
// answers these 400 {"error":"Failed to decode param '...'"}.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls } = h;

/** Sends the path (below the mount path) exactly as given, like curl --path-as-is. */
const raw = h.rawRequest;

function assertParse400(res, what) {
  assert.equal(res.status, 400, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers['content-type'] || '', /^application\/json/, what);
  assert.equal(typeof res.body, 'object', `${what}: JSON body, got ${res.text.slice(0, 300)}`);
  assert.deepEqual(Object.keys(res.body).sort(), ['code', 'error'], `${what}: ${res.text}`);
  assert.equal(typeof res.body.code, 'number', what);
  assert.equal(typeof res.body.error, 'string', what);
  h.assertNoStack(res.text);
  assert.doesNotMatch(res.text, /CWWW|SRVE|error_message|java|&#/, `${what}: ${res.text}`);
}

describe('paths that cannot be decoded (item 22)', () => {
  const C = cls('Undecodable');

  test('bytes that are not UTF-8 (overlong forms, lone continuation bytes) get Parse 400', async () => {
    for (const p of [`/classes/%C0%AF`, `/classes/%E0%80%AF`, `/users/%F0%80%80%AF`, `/classes/${C}/%FF`, `/functions/%80x`]) {
      assertParse400(await raw('GET', p), p);
    }
  });

  test('a write to such a path writes nothing, and the server answers the next request', async () => {
    const before = await rest('GET', `/classes/${C}`, undefined, { master: true });
    for (const p of [`/classes/${C}%C0%AF`, `/classes/${C}/%E0%80%AF`]) {
      assertParse400(await raw('POST', p, { body: { a: 1 } }), `POST ${p}`);
    }
    const after = await rest('GET', `/classes/${C}`, undefined, { master: true });
    assert.deepEqual(after.body, before.body);
    assert.equal((await rest('GET', '/health')).status, 200);
  });

  // Open Liberty refuses these before any application code runs and writes its own 400 (CWWWC0005I);
  // no filter, error page or server.xml setting reaches that point. It is a 400 with no internals.
  test('escapes the container refuses itself (%ZZ, %00) get its 400, without a stack trace', async () => {
    for (const p of ['/classes/%ZZ', '/classes/%00', `/classes/${C}/%`]) {
      const res = await raw('GET', p);
      assert.equal(res.status, 400, `${p}: ${res.status}`);
      h.assertNoStack(res.text);
      assert.doesNotMatch(res.text, /dev\.jakartaparse|Exception|\bat [a-z]+\./, `${p}: ${res.text}`);
    }
    assert.equal((await rest('GET', '/health')).status, 200);
  });
});
