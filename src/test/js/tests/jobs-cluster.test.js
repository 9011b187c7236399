'use strict';
// Scheduled jobs on several servers sharing one database: every server checks the schedules, and
// each due run is claimed by exactly one of them. PARSE_CLUSTER_URLS names two servers
// ("http://a/parse,http://b/parse"); ScaleOutIT starts them (the integration server on the same
// database checks the schedules too, so three servers race for each run).
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { RUN, MASTER_KEY, APP_ID } = require('./helpers');

const URLS = (process.env.PARSE_CLUSTER_URLS || '').split(',').filter(Boolean);
const [A, B] = URLS;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(base, method, path, body) {
  const headers = { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Master-Key': MASTER_KEY, 'Content-Type': 'application/json' };
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** The _JobStatus records of the runs with this tag, whichever server ran them. */
async function runs(tag) {
  const where = JSON.stringify({ jobName: 'recordRun', message: `recorded ${tag}` });
  return (await call(B, 'GET', `/classes/_JobStatus?where=${encodeURIComponent(where)}`)).body.results;
}

describe('scheduled jobs on several servers', { skip: URLS.length < 2 && 'PARSE_CLUSTER_URLS not set' }, () => {
  test('each due run of a repeating schedule happens exactly once across the servers', async () => {
    const tag = `cluster_${RUN}`;
    // Every minute from 45 s ago: one run is due now, the next one in about 15 s. A server that
    // first looks after the second slot is due runs only that one (missed runs are not caught up),
    // so the first slot needs a check before then: with 15 s each server has three, not one that a
    // slow request or a late timer could push past the second slot.
    const startAfter = new Date(Date.now() - 45000).toISOString();
    const created = await call(A, 'POST', '/cloud_code/jobs', {
      job_schedule: { jobName: 'recordRun', params: JSON.stringify({ tag }), startAfter, repeatMinutes: 1,
        daysOfWeek: [1, 1, 1, 1, 1, 1, 1] },
    });
    assert.equal(created.status, 201);
    try {
      const end = Date.now() + 40000;
      let found = [];
      while (found.length < 2 && Date.now() < end) {
        await sleep(500);
        found = await runs(tag);
      }
      assert.equal(found.length, 2, 'both due runs happened within 40 s');
      // Each server checks every five seconds: give all of them two more chances to run a slot twice.
      await sleep(11000);
      found = await runs(tag);
      assert.equal(found.length, 2, 'no run happened twice');
      assert.ok(found.every((s) => s.status === 'succeeded' && s.source === 'schedule'));
      const schedule = (await call(B, 'GET', '/cloud_code/jobs')).body.find((s) => s.objectId === created.body.objectId);
      assert.equal(schedule.lastRun, Date.parse(startAfter) + 60000, 'lastRun is the slot that ran last');
    } finally {
      await call(A, 'DELETE', `/cloud_code/jobs/${created.body.objectId}`);
    }
  });
});
