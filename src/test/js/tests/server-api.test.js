'use strict';
// The server-side API Cloud Code uses (ServerApi; the function privateNote in
// src/test/java/dev/jakartaparse/examples/ExampleCloudCode.java): in-process reads and writes that
// keep ACLs and run triggers, as the caller, as an anonymous client or with the master key.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

describe('server-side API in Cloud Code', () => {
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
  });

  test('a function reads and writes as its caller; ACLs and triggers apply', async (t) => {
    if (skip) return t.skip('the reference runs its own JavaScript cloud code');
    const u = await rest('POST', '/users', { username: `api_${RUN}`, password: 'pw' });
    const as = { headers: { 'X-Parse-Session-Token': u.body.sessionToken } };
    const text = `note ${RUN}`;
    const res = await rest('POST', '/functions/privateNote', { text }, as);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const out = res.body.result;
    assert.match(out.objectId, h.OBJECT_ID_RE);
    assert.deepEqual({ ...out, objectId: undefined }, {
      objectId: undefined,
      stamped: true, // the beforeSave ran for a write made in-process
      anonymousSees: 0,
      ownerSees: 1,
      likes: 2,
      masterCount: 1,
      hello: { greeting: 'Hello api!', user: u.body.objectId, master: false },
      anonymousDelete: 101,
    });
    // What the function wrote is really stored, with the owner-only ACL.
    const stored = await rest('GET', `/classes/PrivateNote/${out.objectId}`, undefined, as);
    assert.deepEqual([stored.body.text, stored.body.likes, stored.body.stamped], [text, 2, true]);
    assert.deepEqual(stored.body.ACL, { [u.body.objectId]: { read: true, write: true } });
    assert.equal((await rest('GET', `/classes/PrivateNote/${out.objectId}`)).status, 404);

    const deleted = await rest('POST', '/functions/privateNote', { text: `${text} 2`, delete: true }, as);
    assert.equal((await rest('GET', `/classes/PrivateNote/${deleted.body.result.objectId}`, undefined, { master: true })).status, 404);
    assert.deepEqual((await rest('POST', '/functions/privateNote', { text })).body,
      { code: 142, error: 'Validation failed. Please login to continue.' });
  });
});
