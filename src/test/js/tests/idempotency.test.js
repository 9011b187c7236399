'use strict';
// Request idempotency (idempotencyOptions paths ["classes/TIdem.*", "users"] on the test server):
// a repeated X-Parse-Request-Id answers 159 and runs nothing, also when the duplicates race.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

const C = `TIdem${RUN}`;
const withId = (id, extra = {}) => ({ ...extra, headers: { 'X-Parse-Request-Id': id } });

describe('idempotency', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });
  after(async () => {
    await h.dropClass(C);
  });

  test('a repeated request id is refused with 159 and writes nothing', async (t) => {
    if (skip) return t.skip('the reference runs without idempotencyOptions');
    const first = await rest('POST', `/classes/${C}`, { n: 1 }, withId(`req-${RUN}-1`));
    assert.equal(first.status, 201, first.text);
    const again = await rest('POST', `/classes/${C}`, { n: 1 }, withId(`req-${RUN}-1`));
    assert.deepEqual([again.status, again.body], [400, { code: 159, error: 'Duplicate request' }]);
    const other = await rest('POST', `/classes/${C}`, { n: 2 }, withId(`req-${RUN}-2`));
    assert.equal(other.status, 201);
    const update1 = await rest('PUT', `/classes/${C}/${first.body.objectId}`, { n: { __op: 'Increment', amount: 1 } }, withId(`req-${RUN}-3`));
    const update2 = await rest('PUT', `/classes/${C}/${first.body.objectId}`, { n: { __op: 'Increment', amount: 1 } }, withId(`req-${RUN}-3`));
    assert.equal(update1.status, 200);
    assert.equal(update2.body.code, 159);
    const read = await rest('GET', `/classes/${C}/${first.body.objectId}`, undefined, withId(`req-${RUN}-3`));
    assert.equal(read.body.n, 2, 'reads are not covered, and the duplicate increment did not run');
    const count = await rest('GET', `/classes/${C}`, undefined, { query: { count: 1, limit: 0 } });
    assert.equal(count.body.count, 2);
  });

  test('concurrent duplicates: exactly one runs', async (t) => {
    if (skip) return t.skip('the reference runs without idempotencyOptions');
    const results = await Promise.all(Array.from({ length: 12 }, () =>
      rest('POST', `/classes/${C}`, { race: true }, withId(`race-${RUN}`))));
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.equal(results.filter((r) => r.body.code === 159).length, 11);
    const count = await rest('GET', `/classes/${C}`, undefined, { query: { where: { race: true }, count: 1, limit: 0 } });
    assert.equal(count.body.count, 1);
  });

  test('sign-up is covered; paths outside the configured ones are not', async (t) => {
    if (skip) return t.skip('the reference runs without idempotencyOptions');
    const a = await rest('POST', '/users', { username: `idem_${RUN}`, password: 'pw' }, withId(`signup-${RUN}`));
    assert.equal(a.status, 201, a.text);
    const b = await rest('POST', '/users', { username: `idem2_${RUN}`, password: 'pw' }, withId(`signup-${RUN}`));
    assert.equal(b.body.code, 159);
    const other = `TOther${RUN}`;
    const x = await rest('POST', `/classes/${other}`, { a: 1 }, withId(`free-${RUN}`));
    const y = await rest('POST', `/classes/${other}`, { a: 1 }, withId(`free-${RUN}`));
    assert.deepEqual([x.status, y.status], [201, 201]);
    await h.dropClass(other);
  });
});
