'use strict';
// Data security on every path: ACLs (users, roles, role hierarchy, public), class-level
// permissions, pointer permissions and protected fields, through find, get, count, include,
// subqueries, updates and deletes. Each test fails on a server without the protection.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, cls, RUN, MOUNT_PATH } = h;

const DOC = cls('SecDoc');
const CLP_CLASS = cls('SecClp');
const OWNED = cls('SecOwned');
const LINK = cls('SecLink');
const DENIED = { code: 119, error: 'Permission denied' };

let n = 0;
async function signUp() {
  n += 1;
  const username = `sec_${RUN}_${n}`;
  const r = await rest('POST', '/users', { username, password: 'pw' });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.objectId, token: r.body.sessionToken, username };
}
const as = (u, extra = {}) => ({ ...extra, headers: { 'X-Parse-Session-Token': u.token } });
const ptr = (className, objectId) => ({ __type: 'Pointer', className, objectId });

async function setClp(className, classLevelPermissions) {
  const r = await rest('PUT', `/schemas/${className}`, { classLevelPermissions }, { master: true });
  assert.equal(r.status, 200, r.text);
}

describe('security: ACLs, roles, CLPs, protected fields', () => {
  let alice;
  let bob;
  let carol;
  before(async () => {
    alice = await signUp();
    bob = await signUp();
    carol = await signUp();
  });
  after(async () => {
    for (const c of [DOC, CLP_CLASS, OWNED, LINK]) await h.dropClass(c);
  });

  test('ACL: private objects are invisible and unwritable to others on every path', async () => {
    const pub = await rest('POST', `/classes/${DOC}`, { title: 'public', kind: 'acl' });
    const priv = await rest('POST', `/classes/${DOC}`, { title: 'private', kind: 'acl', ACL: { [alice.id]: { read: true, write: true } } }, as(alice));
    const readOnly = await rest('POST', `/classes/${DOC}`, { title: 'readable', kind: 'acl', ACL: { '*': { read: true }, [alice.id]: { write: true } } });
    assert.equal(priv.status, 201, priv.text);

    const anon = await rest('GET', `/classes/${DOC}`, undefined, { query: { where: { kind: 'acl' }, order: 'title' } });
    assert.deepEqual(anon.body.results.map((o) => o.title), ['public', 'readable']);
    const byBob = await rest('GET', `/classes/${DOC}`, undefined, as(bob, { query: { where: { kind: 'acl' }, count: 1, limit: 0 } }));
    assert.equal(byBob.body.count, 2);
    const byAlice = await rest('GET', `/classes/${DOC}`, undefined, as(alice, { query: { where: { kind: 'acl' }, count: 1 } }));
    assert.equal(byAlice.body.count, 3);
    const getBob = await rest('GET', `/classes/${DOC}/${priv.body.objectId}`, undefined, as(bob));
    assert.deepEqual([getBob.status, getBob.body], [404, { code: 101, error: 'Object not found.' }]);
    // where/$or/dotted keys do not widen what is visible
    const orBob = await rest('GET', `/classes/${DOC}`, undefined, as(bob, { query: { where: { $or: [{ title: 'private' }, { objectId: priv.body.objectId }] } } }));
    assert.deepEqual(orBob.body.results, []);

    const upBob = await rest('PUT', `/classes/${DOC}/${priv.body.objectId}`, { title: 'hacked' }, as(bob));
    assert.deepEqual(upBob.body, { code: 101, error: 'Object not found.' });
    const upAnonRO = await rest('PUT', `/classes/${DOC}/${readOnly.body.objectId}`, { title: 'hacked' });
    assert.deepEqual(upAnonRO.body, { code: 101, error: 'Object not found.' });
    const delBob = await rest('DELETE', `/classes/${DOC}/${priv.body.objectId}`, undefined, as(bob));
    assert.deepEqual(delBob.body, { code: 101, error: 'Object not found.' });
    const batch = await rest('POST', '/batch', { requests: [{ method: 'PUT', path: `${MOUNT_PATH}/classes/${DOC}/${priv.body.objectId}`, body: { title: 'batch-hack' } }] }, as(bob));
    assert.equal(batch.body[0].error.code, 101);

    const upAlice = await rest('PUT', `/classes/${DOC}/${readOnly.body.objectId}`, { title: 'readable2' }, as(alice));
    assert.equal(upAlice.status, 200, upAlice.text);
    const master = await rest('GET', `/classes/${DOC}/${priv.body.objectId}`, undefined, { master: true });
    assert.equal(master.body.title, 'private');
    assert.equal(pub.status, 201);
  });

  test('ACL through include and $inQuery: a pointer to a private object stays closed', async () => {
    const secret = await rest('POST', `/classes/${DOC}`, { title: 'secret-target', kind: 'inc', ACL: { [alice.id]: { read: true, write: true } } }, as(alice));
    const link = await rest('POST', `/classes/${LINK}`, { target: ptr(DOC, secret.body.objectId), tag: 'inc' });
    assert.equal(link.status, 201, link.text);
    const inc = await rest('GET', `/classes/${LINK}`, undefined, as(bob, { query: { where: { tag: 'inc' }, include: 'target' } }));
    assert.equal(inc.body.results.length, 1);
    assert.equal(inc.body.results[0].target, undefined, 'an unreadable include is dropped, as Parse does');
    const incAlice = await rest('GET', `/classes/${LINK}`, undefined, as(alice, { query: { where: { tag: 'inc' }, include: 'target' } }));
    assert.equal(incAlice.body.results[0].target.title, 'secret-target');

    const inQuery = await rest('GET', `/classes/${LINK}`, undefined, as(bob, {
      query: { where: { target: { $inQuery: { className: DOC, where: { title: 'secret-target' } } } } },
    }));
    assert.deepEqual(inQuery.body.results, [], '$inQuery must not match objects the caller cannot read');
    const select = await rest('GET', `/classes/${LINK}`, undefined, as(bob, {
      query: { where: { tag: { $select: { query: { className: DOC, where: { kind: 'inc' } }, key: 'kind' } } } },
    }));
    assert.deepEqual(select.body.results, [], '$select must not read values from unreadable objects');
  });

  test('roles: membership and the role hierarchy grant access; others stay out', async () => {
    const mods = await rest('POST', '/roles', {
      name: `Mods_${RUN}`, ACL: { '*': { read: true } },
      users: { __op: 'AddRelation', objects: [ptr('_User', alice.id)] },
    }, { master: true });
    assert.equal(mods.status, 201, mods.text);
    const admins = await rest('POST', '/roles', {
      name: `Admins_${RUN}`, ACL: { '*': { read: true } },
      users: { __op: 'AddRelation', objects: [ptr('_User', carol.id)] },
      roles: { __op: 'AddRelation', objects: [ptr('_Role', mods.body.objectId)] },
    }, { master: true });
    assert.equal(admins.status, 201, admins.text);
    const doc = await rest('POST', `/classes/${DOC}`, { title: 'for-admins', kind: 'role', ACL: { [`role:Admins_${RUN}`]: { read: true, write: true } } }, { master: true });

    // carol is an Admin; alice is a Mod, and Mods are part of Admins, so she is one too
    for (const u of [carol, alice]) {
      const r = await rest('GET', `/classes/${DOC}/${doc.body.objectId}`, undefined, as(u));
      assert.equal(r.status, 200, `${u.username}: ${r.text}`);
    }
    const byBob = await rest('GET', `/classes/${DOC}/${doc.body.objectId}`, undefined, as(bob));
    assert.equal(byBob.body.code, 101);
    const write = await rest('PUT', `/classes/${DOC}/${doc.body.objectId}`, { title: 'edited' }, as(alice));
    assert.equal(write.status, 200, write.text);

    if (await h.isPostgres()) return; // the reference leaves role-name rules to the SDKs
    const badName = await rest('POST', '/roles', { name: 'bad/name', ACL: {} }, { master: true });
    assert.equal(badName.body.code, 139);
    const rename = await rest('PUT', `/roles/${mods.body.objectId}`, { name: 'Other' }, { master: true });
    assert.equal(rename.body.code, 139);
    const dup = await rest('POST', '/roles', { name: `Mods_${RUN}`, ACL: {} }, { master: true });
    assert.equal(dup.body.code, 137);
  });

  test('class-level permissions on every operation', async () => {
    const seed = await rest('POST', `/classes/${CLP_CLASS}`, { name: 'seed', secret: 's3', owner: ptr('_User', alice.id) }, { master: true });
    assert.equal(seed.status, 201, seed.text);
    await setClp(CLP_CLASS, {
      find: { [alice.id]: true }, count: {}, get: { '*': true }, create: { requiresAuthentication: true },
      update: {}, delete: {}, addField: {}, protectedFields: { '*': ['secret'] },
    });
    const findAnon = await rest('GET', `/classes/${CLP_CLASS}`);
    assert.deepEqual(findAnon.body, DENIED);
    const findAlice = await rest('GET', `/classes/${CLP_CLASS}`, undefined, as(alice));
    assert.equal(findAlice.body.results.length, 1);
    assert.equal(findAlice.body.results[0].secret, undefined, 'protected field hidden');
    const count = await rest('GET', `/classes/${CLP_CLASS}`, undefined, as(alice, { query: { count: 1, limit: 0 } }));
    assert.deepEqual(count.body, DENIED);
    const get = await rest('GET', `/classes/${CLP_CLASS}/${seed.body.objectId}`);
    assert.equal(get.body.name, 'seed');
    assert.equal(get.body.secret, undefined);
    const createAnon = await rest('POST', `/classes/${CLP_CLASS}`, { name: 'x' });
    assert.deepEqual([createAnon.status, createAnon.body], [404, { code: 101, error: 'Permission denied' }]);
    const createBob = await rest('POST', `/classes/${CLP_CLASS}`, { name: 'x' }, as(bob));
    assert.equal(createBob.status, 201, createBob.text);
    const addField = await rest('POST', `/classes/${CLP_CLASS}`, { name: 'y', brandNew: 1 }, as(bob));
    assert.deepEqual(addField.body, DENIED);
    const schema = await rest('GET', `/schemas/${CLP_CLASS}`, undefined, { master: true });
    assert.equal(schema.body.fields.brandNew, undefined, 'a refused write adds no field');
    const update = await rest('PUT', `/classes/${CLP_CLASS}/${seed.body.objectId}`, { name: 'z' }, as(alice));
    assert.deepEqual(update.body, DENIED);
    const del = await rest('DELETE', `/classes/${CLP_CLASS}/${seed.body.objectId}`, undefined, as(alice));
    assert.deepEqual(del.body, DENIED);
    const master = await rest('GET', `/classes/${CLP_CLASS}/${seed.body.objectId}`, undefined, { master: true });
    assert.equal(master.body.secret, 's3', 'the master key sees protected fields');
  });

  test('protected fields cannot be probed through where, $or, dotted keys or sorting', async () => {
    for (const where of [{ secret: 's3' }, { $or: [{ name: 'nope' }, { secret: { $regex: '^s' } }] }, { $and: [{ $nor: [{ 'secret.x': 1 }] }] }]) {
      const r = await rest('GET', `/classes/${CLP_CLASS}`, undefined, as(alice, { query: { where } }));
      assert.deepEqual(r.body, DENIED, JSON.stringify(where));
    }
    const sort = await rest('GET', `/classes/${CLP_CLASS}`, undefined, as(alice, { query: { order: '-secret' } }));
    assert.deepEqual(sort.body, DENIED);
    const keys = await rest('GET', `/classes/${CLP_CLASS}`, undefined, as(alice, { query: { keys: 'secret,name' } }));
    assert.equal(keys.body.results[0].secret, undefined);
  });

  test('pointer permissions: readUserFields/writeUserFields limit users to their own objects', async () => {
    const mine = await rest('POST', `/classes/${OWNED}`, { label: 'alice', owner: ptr('_User', alice.id) }, { master: true });
    const theirs = await rest('POST', `/classes/${OWNED}`, { label: 'bob', owner: ptr('_User', bob.id) }, { master: true });
    await setClp(OWNED, {
      find: {}, get: {}, count: {}, create: { '*': true }, update: {}, delete: {}, addField: {},
      readUserFields: ['owner'], writeUserFields: ['owner'],
    });
    const found = await rest('GET', `/classes/${OWNED}`, undefined, as(alice));
    assert.deepEqual(found.body.results.map((o) => o.label), ['alice']);
    const get = await rest('GET', `/classes/${OWNED}/${theirs.body.objectId}`, undefined, as(alice));
    assert.equal(get.body.code, 101);
    const anon = await rest('GET', `/classes/${OWNED}`);
    assert.deepEqual(anon.body.results, []);
    const upTheirs = await rest('PUT', `/classes/${OWNED}/${theirs.body.objectId}`, { label: 'x' }, as(alice));
    assert.equal(upTheirs.body.code, 101);
    const upMine = await rest('PUT', `/classes/${OWNED}/${mine.body.objectId}`, { label: 'alice2' }, as(alice));
    assert.equal(upMine.status, 200, upMine.text);
  });

  test('a cycle in the role hierarchy ends: members of either role get both', async () => {
    const a = await rest('POST', '/roles', { name: `CycA_${RUN}`, ACL: { '*': { read: true } }, users: { __op: 'AddRelation', objects: [ptr('_User', bob.id)] } }, { master: true });
    const b = await rest('POST', '/roles', { name: `CycB_${RUN}`, ACL: { '*': { read: true } }, roles: { __op: 'AddRelation', objects: [ptr('_Role', a.body.objectId)] } }, { master: true });
    const link = await rest('PUT', `/roles/${a.body.objectId}`, { roles: { __op: 'AddRelation', objects: [ptr('_Role', b.body.objectId)] } }, { master: true });
    assert.equal(link.status, 200, link.text);
    const doc = await rest('POST', `/classes/${DOC}`, { title: 'cycle', ACL: { [`role:CycB_${RUN}`]: { read: true } } }, { master: true });
    const r = await rest('GET', `/classes/${DOC}/${doc.body.objectId}`, undefined, as(bob));
    assert.equal(r.status, 200, r.text);
  });

  test('malformed authData and prototype-shaped keys are refused without writing anything', async () => {
    const notObject = await rest('POST', '/users', { authData: { anonymous: 'just-a-string' } });
    assert.deepEqual(notObject.body, { code: 200, error: 'bad or missing username' });
    const manyProviders = {};
    for (let i = 0; i < 500; i++) manyProviders[`p${i}`] = { id: String(i) };
    const many = await rest('POST', '/users', { authData: manyProviders });
    assert.deepEqual(many.body, { code: 252, error: 'This authentication method is unsupported.' });
    const proto = await rest('POST', '/users', { username: `proto_${RUN}`, password: 'pw', authData: JSON.parse('{"__proto__": {"id": "x"}}') });
    assert.ok(proto.status >= 400 && proto.status < 500, proto.text);
    const login = await rest('POST', '/login', { username: `proto_${RUN}`, password: 'pw' });
    assert.equal(login.body.code, 101, 'nothing was written');
  });

  test('internal and master-only classes are closed to clients', async () => {
    const join = await rest('GET', `/classes/_Join:users:_Role`);
    assert.equal(join.body.code, 119);
    const status = await rest('GET', '/classes/_JobStatus');
    assert.deepEqual(status.body, DENIED);
    const installations = await rest('GET', '/classes/_Installation');
    assert.deepEqual(installations.body, DENIED);
  });
});
