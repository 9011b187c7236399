'use strict';
// GET /scriptlog (master key), the Cloud Code log Parse Dashboard shows: lines about functions and
// triggers the server ran, with Parse Server's wording, and lines Cloud Code writes (CloudLog).
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

const scriptlog = (query, opts = { master: true }) => rest('GET', '/scriptlog', undefined, { ...opts, query });

describe('script log', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('function runs and failures, trigger runs, and Cloud Code lines, newest first', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    await rest('POST', '/functions/hello', { name: RUN });
    await rest('POST', '/functions/fails', { tag: RUN });
    await rest('POST', '/functions/logLines', { tag: RUN });
    const score = await rest('POST', '/classes/CloudScore', { score: 5, name: RUN });
    assert.equal(score.status, 201);

    const lines = (await scriptlog({ n: 100 })).body;
    assert.ok(Array.isArray(lines));
    const mine = lines.filter((l) => l.message.includes(RUN));
    const messages = mine.map((l) => l.message);
    assert.ok(messages[0].startsWith('afterSave triggered for CloudScore for user undefined:\n  Input: {"objectId":'), messages[0]);
    assert.ok(!messages[0].includes('Result:'), 'an after-trigger has no result');
    assert.match(messages[1], /^beforeSave triggered for CloudScore for user undefined:\n {2}Input: \{.*\}\n {2}Result: \{.*"checked":true/);
    assert.ok(messages.includes(`note from cloud code: ${RUN}`));
    assert.ok(messages.includes(`trouble from cloud code: ${RUN}`));
    const ran = mine.find((l) => l.functionName === 'hello');
    assert.equal(ran.level, 'info');
    assert.equal(ran.message, `Ran cloud function hello for user undefined with:\n  Input: {"name":"${RUN}"}\n  Result: `
      + `{"greeting":"Hello ${RUN}!","user":null,"master":false}`);
    assert.deepEqual(ran.params, { name: RUN });
    assert.match(ran.timestamp, h.ISO_MS_RE);
    const failed = mine.find((l) => l.functionName === 'fails');
    assert.equal(failed.level, 'error');
    assert.equal(failed.message, `Failed running cloud function fails for user undefined with:\n  Input: {"tag":"${RUN}"}\n`
      + '  Error: {"message":"something broke","code":141}');
    assert.deepEqual(failed.error, { message: 'something broke', code: 141 });
    const times = lines.map((l) => l.timestamp);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    const errors = (await scriptlog({ level: 'error', n: 100 })).body;
    assert.ok(errors.length > 0 && errors.every((l) => l.level === 'error'));
    for (let i = 0; i < 6; i++) await rest('POST', '/functions/logLines', { tag: `more_${RUN}` });
    assert.equal((await scriptlog({})).body.length, 10, 'ten lines unless asked for more');
    assert.equal((await scriptlog({ size: 3 })).body.length, 3);
    const asc = (await scriptlog({ order: 'asc', n: 5 })).body.map((l) => l.timestamp);
    assert.deepEqual(asc, [...asc].sort());
    assert.deepEqual((await scriptlog({ until: '2000-01-01T00:00:00.000Z' })).body, []);
  });

  test('clients may not read it', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const res = await scriptlog({}, {});
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'Permission denied' });
    assert.equal((await scriptlog({}, { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } })).status, 200);
  });
});
