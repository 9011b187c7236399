'use strict';
// requestComplexity (the test server: queryDepth 8, subqueryDepth 3, includeDepth 5, includeCount 20):
// queries past a limit get 102 with Parse Server's messages; the master key is not limited.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;
const { Raw, closeAll } = require('./livequery-client');

const HARDENED = !!process.env.PARSE_EXPECT_HARDENED;

/** {"$or":[{"$or":[ ... {"n":1} ... ]}]} with this many $or levels. */
function nestedOr(levels) {
  let where = { n: 1 };
  for (let i = 0; i < levels; i++) where = { $or: [where] };
  return where;
}

function nestedInQuery(levels) {
  let where = { n: 1 };
  for (let i = 0; i < levels; i++) where = { p: { $inQuery: { className: 'Complex', where } } };
  return where;
}

const find = (where, opts = {}) => rest('GET', '/classes/Complex', undefined, { ...opts, query: { ...(opts.query || {}), where } });

describe('requestComplexity', { skip: !HARDENED && 'the reference runs without these limits' }, () => {
  test('queryDepth: $or/$and/$nor nesting', async () => {
    await rest('POST', '/classes/Complex', { n: 1, run: RUN }, { master: true });
    assert.equal((await find(nestedOr(8))).status, 200);
    assert.deepEqual((await find(nestedOr(9))).body,
      { code: 102, error: 'Query condition nesting depth exceeds maximum allowed depth of 8' });
    assert.equal((await find(nestedOr(9), { master: true })).status, 200, 'the master key is not limited');
  });

  test('subqueryDepth: $inQuery nesting', async () => {
    assert.equal((await find(nestedInQuery(3))).status, 200);
    assert.deepEqual((await find(nestedInQuery(4))).body,
      { code: 102, error: 'Subquery nesting depth exceeds maximum allowed depth of 3' });
  });

  test('includeDepth and includeCount', async () => {
    assert.deepEqual((await find({}, { query: { include: 'a.b.c.d.e.f' } })).body,
      { code: 102, error: 'Include depth of 6 exceeds maximum allowed depth of 5' });
    const many = Array.from({ length: 21 }, (_, i) => `f${i}`).join(',');
    assert.deepEqual((await find({}, { query: { include: many } })).body,
      { code: 102, error: 'Number of include fields (21) exceeds maximum allowed (20)' });
    assert.equal((await find({}, { query: { include: 'a.b.c.d.e' } })).status, 200);
  });

  test('LiveQuery subscriptions are held to queryDepth too', async () => {
    const raw = await Raw.open(h.SERVER_URL.replace(/^http/, 'ws'));
    await raw.connect({ javascriptKey: h.JS_KEY });
    const refused = await raw.subscribe(1, { className: 'LQTest', where: nestedOr(9) });
    assert.deepEqual(refused, { op: 'error', error: 'Query condition nesting depth exceeds maximum allowed depth of 8',
      code: 102, reconnect: false, requestId: 1 });
    assert.equal((await raw.subscribe(2, { className: 'LQTest', where: nestedOr(8) })).op, 'subscribed');
    closeAll();
  });
});
