'use strict';
// Parse.Config: GET/PUT /config with masterKeyOnly params, through the SDK and plain HTTP.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

describe('config', () => {
  test('the SDK saves and reads config; masterKeyOnly params stay hidden from clients', async () => {
    const when = new Date('2024-01-02T03:04:05.006Z');
    await Parse.Config.save({ [`motd${RUN}`]: 'hello', [`when${RUN}`]: when, [`secret${RUN}`]: 's3' }, { [`secret${RUN}`]: true });
    const config = await Parse.Config.get();
    assert.equal(config.get(`motd${RUN}`), 'hello');
    assert.ok(config.get(`when${RUN}`) instanceof Date);
    assert.equal(config.get(`when${RUN}`).toISOString(), when.toISOString());
    assert.equal(config.get(`secret${RUN}`), undefined);
    const asMaster = await Parse.Config.get({ useMasterKey: true });
    assert.equal(asMaster.get(`secret${RUN}`), 's3');

    const client = await rest('GET', '/config');
    assert.equal(client.body.params[`secret${RUN}`], undefined);
    assert.equal(client.body.masterKeyOnly[`secret${RUN}`], undefined);
    assert.equal(client.body.masterKeyOnly[`motd${RUN}`], false);
  });

  test('only the master key changes config; Delete removes a param', async () => {
    const denied = await rest('PUT', '/config', { params: { [`x${RUN}`]: 1 } });
    assert.deepEqual([denied.status, denied.body], [403, { error: 'Permission denied' }]);
    const set = await rest('PUT', '/config', { params: { [`gone${RUN}`]: 1 } }, { master: true });
    assert.deepEqual(set.body, { result: true });
    const del = await rest('PUT', '/config', { params: { [`gone${RUN}`]: { __op: 'Delete' } } }, { master: true });
    assert.deepEqual(del.body, { result: true });
    const after = await rest('GET', '/config', undefined, { master: true });
    assert.equal(after.body.params[`gone${RUN}`], undefined);
  });
});
