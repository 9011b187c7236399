'use strict';
// rateLimit on the test server: 3 requests per 2 s on /classes/TRateLimited*, and 1 POST per
// minute per user on /classes/TRatePost*; both include loopback ("internal") requests.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

describe('rate limits', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('over the limit in a window: 429 with code 100; the master key and other paths are not limited', async (t) => {
    if (skip) return t.skip('the reference runs without rateLimit');
    const C = `TRateLimited${RUN}`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await rest('GET', `/classes/${C}`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await rest('GET', `/classes/${C}`);
    assert.deepEqual([limited.status, limited.body], [429, { code: 100, error: 'Slow down.' }]);
    assert.equal((await rest('GET', `/classes/${C}`, undefined, { master: true })).status, 200);
    assert.equal((await rest('GET', `/classes/TFree${RUN}`)).status, 200);
    await new Promise((r) => setTimeout(r, 2100));
    assert.equal((await rest('GET', `/classes/${C}`)).status, 200, 'a new window starts');
  });

  test('methods and the user zone: each user has their own count, GETs are not counted', async (t) => {
    if (skip) return t.skip('the reference runs without rateLimit');
    const C = `TRatePost${RUN}`;
    const a = await rest('POST', '/users', { username: `rl_a_${RUN}`, password: 'pw' });
    const b = await rest('POST', '/users', { username: `rl_b_${RUN}`, password: 'pw' });
    const as = (u) => ({ headers: { 'X-Parse-Session-Token': u.body.sessionToken } });
    assert.equal((await rest('POST', `/classes/${C}`, { n: 1 }, as(a))).status, 201);
    const second = await rest('POST', `/classes/${C}`, { n: 2 }, as(a));
    assert.deepEqual([second.status, second.body], [429, { code: 100, error: 'Too many requests.' }]);
    assert.equal((await rest('POST', `/classes/${C}`, { n: 3 }, as(b))).status, 201, 'another user has their own count');
    assert.equal((await rest('GET', `/classes/${C}`, undefined, as(a))).status, 200, 'GET is not a limited method');
    await h.dropClass(C);
  });
});
