'use strict';
// Issue 19, items 7, 10 and 13: a Cloud Code function's missing result, /serverInfo's feature flags
// against what the server serves, and Parse Dashboard's edit of a job schedule.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

describe('issue 19: functions, feature flags, job schedules', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('a function that returns nothing answers {} (undefined in the SDK); null stays a result', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    assert.deepEqual((await rest('POST', '/functions/noResult', {})).body, {});
    assert.equal(await Parse.Cloud.run('noResult'), undefined);
    assert.deepEqual((await rest('POST', '/functions/maybeResult', {})).body, {});
    assert.deepEqual((await rest('POST', '/functions/maybeResult', { say: 'hi' })).body, { result: 'hi' });
    assert.deepEqual((await rest('POST', '/functions/nullResult', {})).body, { result: null });
    assert.equal(await Parse.Cloud.run('nullResult'), null);
  });

  test('every feature flag /serverInfo sets is served: config, hooks, logs, schemas', async () => {
    const features = (await rest('GET', '/serverInfo', undefined, { master: true })).body.features;
    assert.deepEqual(features.globalConfig, { create: true, read: true, update: true, delete: true });
    assert.deepEqual(features.hooks, { create: true, read: true, update: true, delete: true });

    // globalConfig: what the Dashboard's Config page does (create, read, update, delete a param)
    const key = `flag${RUN}`;
    const put = (params) => rest('PUT', '/config', { params }, { master: true });
    assert.deepEqual((await put({ [key]: 1 })).body, { result: true });
    assert.equal((await Parse.Config.get()).get(key), 1);
    assert.deepEqual((await put({ [key]: 2 })).body, { result: true });
    assert.equal((await rest('GET', '/config', undefined, { master: true })).body.params[key], 2);
    assert.deepEqual((await put({ [key]: { __op: 'Delete' } })).body, { result: true });
    assert.ok(!(key in (await rest('GET', '/config', undefined, { master: true })).body.params));

    // hooks: create, read, update, delete (PUT with __op Delete, as the Dashboard does)
    const name = `flagHook${RUN}`;
    const url = 'http://127.0.0.1:9/hook';
    assert.deepEqual((await rest('POST', '/hooks/functions', { functionName: name, url }, { master: true })).body, { functionName: name, url });
    assert.deepEqual((await rest('GET', `/hooks/functions/${name}`, undefined, { master: true })).body, { functionName: name, url });
    const moved = await rest('PUT', `/hooks/functions/${name}`, { url: `${url}2` }, { master: true });
    assert.deepEqual(moved.body, { functionName: name, url: `${url}2` });
    assert.deepEqual((await rest('PUT', `/hooks/functions/${name}`, { __op: 'Delete' }, { master: true })).body, {});
    assert.equal((await rest('GET', `/hooks/functions/${name}`, undefined, { master: true })).body.code, 143);

    // logs: level, size, order, from and until are honoured
    if (features.logs.level) {
      const logs = await rest('GET', '/scriptlog', undefined, {
        master: true,
        query: { level: 'error', size: '1', order: 'asc', from: '2000-01-01T00:00:00Z', until: new Date().toISOString() },
      });
      assert.equal(logs.status, 200);
      assert.ok(Array.isArray(logs.body) && logs.body.length <= 1);
      assert.ok(logs.body.every((line) => line.level === 'error'));
    }

    // schemas: clearAllDataFromClass is DELETE /purge/<class>
    if (features.schemas.clearAllDataFromClass) {
      const cls = h.cls('Purged');
      await new Parse.Object(cls).save({ n: 1 });
      assert.deepEqual((await rest('DELETE', `/purge/${cls}`, undefined, { master: true })).body, {});
      assert.equal((await new Parse.Query(cls).count()), 0);
    }
  });

  test('editing a schedule to "no repeat" in the Dashboard removes repeatMinutes and timeOfDay', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const created = await rest('POST', '/cloud_code/jobs', {
      job_schedule: {
        jobName: 'recordRun', description: `repeating ${RUN}`, params: '{}',
        startAfter: '2100-01-01T00:00:00.000Z', timeOfDay: '03:30:00.000Z', repeatMinutes: 60,
      },
    }, { master: true });
    assert.equal(created.status, 201);
    const id = created.body.objectId;
    // The Dashboard's form sends the whole schedule and leaves out what the user turned off.
    const edited = await rest('PUT', `/cloud_code/jobs/${id}`, {
      job_schedule: { jobName: 'recordRun', description: `once ${RUN}`, startAfter: '2100-01-02T00:00:00.000Z' },
    }, { master: true });
    assert.equal(edited.status, 200);
    const after = (await rest('GET', '/cloud_code/jobs', undefined, { master: true })).body.find((s) => s.objectId === id);
    assert.equal(after.description, `once ${RUN}`);
    assert.equal(after.startAfter, '2100-01-02T00:00:00.000Z');
    assert.ok(!('repeatMinutes' in after), JSON.stringify(after));
    assert.ok(!('timeOfDay' in after), JSON.stringify(after));
    assert.ok(!('params' in after), JSON.stringify(after));
    await rest('DELETE', `/cloud_code/jobs/${id}`, undefined, { master: true });
  });
});
