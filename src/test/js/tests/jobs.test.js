'use strict';
// Cloud Code jobs (src/test/java/dev/jakartaparse/examples/ExampleCloudCode.java: recordRun and
// failingJob): started through the SDK and REST, their _JobStatus records, and the schedules Parse
// Dashboard keeps under /cloud_code/jobs, which our server runs itself.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls the run's _JobStatus until it is no longer running. */
async function finished(statusId, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const status = await Parse.Cloud.getJobStatus(statusId);
    if (status.get('status') !== 'running') return status;
    if (Date.now() > end) assert.fail(`job ${statusId} still running after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function runsOf(tag) {
  return (await rest('POST', '/functions/jobRuns', { tag }, { master: true })).body.result;
}

describe('cloud code jobs', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('startJob answers at once with the status id; the run reports progress, then its result', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const tag = `sdk_${RUN}`;
    const started = Date.now();
    const statusId = await Parse.Cloud.startJob('recordRun', { tag, sleepMillis: 1500 });
    assert.ok(Date.now() - started < 1200, 'the request does not wait for the job');
    assert.match(statusId, h.OBJECT_ID_RE);
    const running = await Parse.Cloud.getJobStatus(statusId);
    assert.equal(running.get('status'), 'running');
    assert.equal(running.get('jobName'), 'recordRun');
    assert.equal(running.get('source'), 'api');
    await sleep(400);
    assert.equal((await Parse.Cloud.getJobStatus(statusId)).get('message'), `working on ${tag}`);

    const done = await finished(statusId);
    assert.equal(done.get('status'), 'succeeded');
    assert.equal(done.get('message'), `recorded ${tag}`);
    assert.ok(done.get('finishedAt') instanceof Date);
    assert.ok(done.get('finishedAt') >= done.createdAt);
    assert.deepEqual(done.getACL().toJSON(), {});
    assert.deepEqual(await runsOf(tag), [statusId]);
  });

  test('POST /jobs with the name in the body; params from body and query string', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const tag = `rest_${RUN}`;
    const res = await rest('POST', '/jobs', { jobName: 'recordRun' }, { master: true, query: { tag } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {});
    const statusId = res.headers.get('x-parse-job-status-id');
    assert.match(statusId, h.OBJECT_ID_RE);
    assert.equal((await finished(statusId)).get('message'), `recorded ${tag}`);
  });

  test('a job that throws is recorded as failed with its message', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const broke = await finished(await Parse.Cloud.startJob('failingJob', {}));
    assert.equal(broke.get('status'), 'failed');
    assert.equal(broke.get('message'), 'job broke');
    const refused = await finished(await Parse.Cloud.startJob('failingJob', { parse: true }));
    assert.equal(refused.get('status'), 'failed');
    assert.equal(refused.get('message'), 'job refused');
    // The server goes on serving.
    assert.equal((await rest('GET', '/health')).status, 200);
  });

  test('bad requests: no master key, read-only master key, unknown job', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const client = await rest('POST', '/jobs/recordRun', {});
    assert.equal(client.status, 403);
    assert.deepEqual(client.body, { error: 'Permission denied' });
    const readOnly = await rest('POST', '/jobs/recordRun', {}, { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } });
    assert.equal(readOnly.status, 400);
    assert.deepEqual(readOnly.body, { code: 119, error: 'Permission denied' });
    const unknown = await rest('POST', '/jobs/nope', {}, { master: true });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body, { code: 141, error: 'Invalid job.' });
    assert.deepEqual((await rest('POST', '/jobs', {}, { master: true })).body, { code: 141, error: 'Invalid job.' });
    await h.expectParseError(Parse.Cloud.startJob('nope', {}), 141, 'Invalid job.');
  });

  test('jobs data, and schedules as Parse Dashboard writes them', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const data = await Parse.Cloud.getJobsData();
    assert.deepEqual([...data.jobs].sort(), ['failingJob', 'recordRun']);
    assert.equal((await rest('GET', '/serverInfo', undefined, { master: true })).body.features.cloudCode.jobs, true);

    const created = await rest('POST', '/cloud_code/jobs', {
      job_schedule: {
        jobName: 'recordRun', description: `nightly ${RUN}`, params: '{"tag":"never"}',
        daysOfWeek: [1, 1, 1, 1, 1, 1, 1], startAfter: '2100-01-01T00:00:00.000Z',
        timeOfDay: '03:30:00.000Z', repeatMinutes: 1440,
      },
    }, { master: true });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body), ['objectId', 'createdAt']);
    assert.equal(created.headers.get('location'), `${h.SERVER_URL}/classes/_JobSchedule/${created.body.objectId}`);
    const id = created.body.objectId;

    const listed = (await rest('GET', '/cloud_code/jobs', undefined, { master: true })).body;
    const mine = listed.find((s) => s.objectId === id);
    assert.equal(mine.description, `nightly ${RUN}`);
    assert.equal(mine.timeOfDay, '03:30:00.000Z');
    assert.ok((await Parse.Cloud.getJobsData()).in_use.includes('recordRun'));

    const edited = await rest('PUT', `/cloud_code/jobs/${id}`, { job_schedule: { description: 'weekly' } }, { master: true });
    assert.equal(edited.status, 200);
    assert.deepEqual(Object.keys(edited.body), ['response']);
    assert.match(edited.body.response.updatedAt, h.ISO_MS_RE);
    const after = (await rest('GET', '/cloud_code/jobs', undefined, { master: true })).body.find((s) => s.objectId === id);
    assert.equal(after.description, 'weekly');
    assert.match(after.startAfter, h.ISO_MS_RE, 'an edit without startAfter starts now, as in Parse Server');

    assert.deepEqual((await rest('DELETE', `/cloud_code/jobs/${id}`, undefined, { master: true })).body, {});
    const gone = await rest('DELETE', `/cloud_code/jobs/${id}`, undefined, { master: true });
    assert.deepEqual(gone.body, { code: 101, error: 'Object not found.' });
  });

  test('schedules that cannot run are refused with a clear error; clients cannot touch schedules', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const post = (schedule) => rest('POST', '/cloud_code/jobs', { job_schedule: schedule }, { master: true });
    const cases = [
      [{ jobName: 'nope' }, 1, 'Cannot Schedule a job that is not deployed'],
      [{ description: 'no job' }, 162, 'job_schedule.jobName is required'],
      [{ jobName: 'recordRun', startAfter: 'tomorrow' }, 162, /startAfter must be an ISO 8601 date/],
      [{ jobName: 'recordRun', timeOfDay: '25:61' }, 162, /timeOfDay must be a UTC time of day/],
      [{ jobName: 'recordRun', daysOfWeek: [1, 1] }, 162, /daysOfWeek must be an array of 7 flags/],
      [{ jobName: 'recordRun', daysOfWeek: 'weekdays' }, 162, /daysOfWeek must be an array of 7 flags/],
      [{ jobName: 'recordRun', repeatMinutes: -1 }, 162, /repeatMinutes must be a whole number/],
      [{ jobName: 'recordRun', params: '{oops' }, 162, /params must be a JSON object/],
      [{ jobName: 'recordRun', bogus: 1 }, 107, 'Could not add field bogus'],
    ];
    for (const [schedule, code, message] of cases) {
      const res = await post(schedule);
      assert.equal(res.status, 400, JSON.stringify(schedule));
      assert.equal(res.body.code, code, JSON.stringify(schedule));
      if (message instanceof RegExp) assert.match(res.body.error, message);
      else assert.equal(res.body.error, message);
    }
    assert.deepEqual((await rest('POST', '/cloud_code/jobs', {}, { master: true })).body,
      { code: 107, error: 'job_schedule must be an object' });
    assert.ok(!(await rest('GET', '/cloud_code/jobs', undefined, { master: true })).body.some((s) => s.bogus),
      'nothing was written');

    for (const [method, path] of [['GET', '/cloud_code/jobs'], ['GET', '/cloud_code/jobs/data'], ['POST', '/cloud_code/jobs'],
      ['PUT', '/cloud_code/jobs/x'], ['DELETE', '/cloud_code/jobs/x']]) {
      const res = await rest(method, path, method === 'GET' ? undefined : { job_schedule: { jobName: 'recordRun' } });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    const readOnly = await rest('POST', '/cloud_code/jobs', { job_schedule: { jobName: 'recordRun' } },
      { headers: { 'X-Parse-Master-Key': 'RO_MASTER_KEY' } });
    assert.equal(readOnly.body.code, 119);
    assert.deepEqual((await rest('GET', '/classes/_JobSchedule')).body, { code: 119, error: 'Permission denied' });
  });

  test('a due schedule runs once, with its params, recorded as a scheduled run', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const tag = `sched_${RUN}`;
    const created = await rest('POST', '/cloud_code/jobs', {
      job_schedule: { jobName: 'recordRun', params: JSON.stringify({ tag }), daysOfWeek: [1, 1, 1, 1, 1, 1, 1] },
    }, { master: true });
    assert.equal(created.status, 201);
    const end = Date.now() + 15000;
    let runs = [];
    while (runs.length === 0 && Date.now() < end) {
      await sleep(250);
      runs = await runsOf(tag);
    }
    assert.equal(runs.length, 1, 'the schedule ran within 15 s');
    const status = await finished(runs[0]);
    assert.equal(status.get('source'), 'schedule');
    assert.equal(status.get('message'), `recorded ${tag}`);
    const schedule = (await rest('GET', '/cloud_code/jobs', undefined, { master: true })).body
      .find((s) => s.objectId === created.body.objectId);
    assert.equal(typeof schedule.lastRun, 'number');
    await sleep(6000);
    assert.equal((await runsOf(tag)).length, 1, 'a one-off schedule runs once');
    await rest('DELETE', `/cloud_code/jobs/${created.body.objectId}`, undefined, { master: true });
  });
});
