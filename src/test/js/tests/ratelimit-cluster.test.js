'use strict';
// A rateLimit rule with a redisUrl: the servers count in Redis, so the limit holds for a client
// whatever server its requests reach. PARSE_CLUSTER_URLS names two servers configured with
// /classes/SharedLimit* at 3 requests a minute (ScaleOutIT starts them and Redis).
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { RUN, APP_ID, REST_KEY } = require('./helpers');

const URLS = (process.env.PARSE_CLUSTER_URLS || '').split(',').filter(Boolean);
const [A, B] = URLS;

async function create(base, body) {
  const res = await fetch(`${base}/classes/SharedLimit${RUN}`, {
    method: 'POST',
    headers: { 'X-Parse-Application-Id': APP_ID, 'X-Parse-REST-API-Key': REST_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('rate limits shared through Redis', { skip: URLS.length < 2 && 'PARSE_CLUSTER_URLS not set' }, () => {
  test('requests to both servers count against one limit', async () => {
    const answers = [];
    for (const base of [A, B, A, B]) answers.push(await create(base, { n: answers.length }));
    assert.deepEqual(answers.slice(0, 3).map((a) => a.status), [201, 201, 201]);
    assert.equal(answers[3].status, 429, 'the fourth request within the window is refused, on the other server too');
    assert.deepEqual(answers[3].body, { code: 100, error: 'Too many requests.' });
    assert.equal((await create(A, { n: 5 })).status, 429);
  });
});
