'use strict';
// Issue 19, the query items: relation queries (redirectClassNameForKey, $relatedTo without an
// objectId, $relatedTo on an owner the caller cannot read), internal fields in order/where,
// the text score of $text queries, and permission errors on the master-only classes.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls } = h;

const CAR = cls('SwCar');
const WHEEL = cls('SwWheel');
const TEXT = cls('SwText');
const SEC = cls('SwSec');

const ptr = (className, objectId) => ({ __type: 'Pointer', className, objectId });
const relatedTo = (owner, key) => ({ $relatedTo: { object: owner, key } });

describe('sweep: queries', () => {
  let wheelIds;
  let openCar; // readable by everyone
  let hiddenCar; // ACL: nobody but the master key

  before(async () => {
    wheelIds = [];
    for (const n of [1, 2]) {
      const w = await rest('POST', `/classes/${WHEEL}`, { n }, { master: true });
      wheelIds.push(w.body.objectId);
    }
    const wheels = { __op: 'AddRelation', objects: wheelIds.map((id) => ptr(WHEEL, id)) };
    openCar = (await rest('POST', `/classes/${CAR}`, { name: 'open', wheels }, { master: true })).body.objectId;
    hiddenCar = (await rest('POST', `/classes/${CAR}`, { name: 'hidden', wheels, ACL: {} }, { master: true })).body.objectId;
    assert.ok(openCar && hiddenCar);
  });

  after(async () => {
    for (const c of [CAR, WHEEL, TEXT, SEC, `${CAR}Locked`]) await h.dropClass(c);
  });

  // ---- item 2: redirectClassNameForKey ----

  test('relation.query() of an object whose relation target is unknown (redirectClassNameForKey)', async () => {
    // An object made from its id alone does not know the relation's target class: the SDK then
    // queries the owner's class with redirectClassNameForKey and builds objects from className.
    const car = Parse.Object.extend(CAR).createWithoutData(openCar);
    const wheels = await car.relation('wheels').query().ascending('n').find();
    assert.deepEqual(wheels.map((w) => [w.className, w.id, w.get('n')]), [
      [WHEEL, wheelIds[0], 1],
      [WHEEL, wheelIds[1], 2],
    ]);
  });

  test('REST: redirectClassNameForKey answers the related objects, each with its className', async () => {
    const r = await rest('GET', `/classes/${CAR}`, undefined, {
      query: { redirectClassNameForKey: 'wheels', where: relatedTo(ptr(CAR, openCar), 'wheels'), order: 'n' },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.results.map((o) => [o.objectId, o.n, o.className]), [
      [wheelIds[0], 1, WHEEL],
      [wheelIds[1], 2, WHEEL],
    ]);
    // A key that is not a relation leaves the class as it is, still naming it in each object.
    const same = await rest('GET', `/classes/${CAR}`, undefined, {
      query: { redirectClassNameForKey: 'name', where: { name: 'open' } },
    });
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.body.results.map((o) => [o.objectId, o.className]), [[openCar, CAR]]);
  });

  // ---- item 3: $relatedTo with a pointer without objectId ----

  test('$relatedTo with a pointer that has no objectId answers an empty result', async () => {
    for (const object of [{ __type: 'Pointer', className: CAR }, ptr(CAR, null)]) {
      const r = await rest('GET', `/classes/${WHEEL}`, undefined, { query: { where: relatedTo(object, 'wheels') } });
      assert.deepEqual([r.status, r.body], [200, { results: [] }], JSON.stringify(object));
      const c = await rest('GET', `/classes/${WHEEL}`, undefined, {
        query: { where: relatedTo(object, 'wheels'), count: 1, limit: 0 },
      });
      assert.deepEqual([c.status, c.body], [200, { results: [], count: 0 }]);
    }
    // Through the SDK's query conditions.
    const viaSdk = await new Parse.Query(WHEEL)
      ._addCondition('$relatedTo', 'object', { __type: 'Pointer', className: CAR })
      ._addCondition('$relatedTo', 'key', 'wheels')
      .find();
    assert.deepEqual(viaSdk, []);
  });

  // ---- item 19: $relatedTo needs a readable owner ----

  test('$relatedTo lists nothing when the caller cannot read the owning object (ACL)', async () => {
    const asClient = await rest('GET', `/classes/${WHEEL}`, undefined, { query: { where: relatedTo(ptr(CAR, hiddenCar), 'wheels') } });
    assert.deepEqual([asClient.status, asClient.body], [200, { results: [] }]);
    // Not as a membership oracle either, nor hidden inside an $or.
    const oracle = await rest('GET', `/classes/${WHEEL}`, undefined, {
      query: { where: { ...relatedTo(ptr(CAR, hiddenCar), 'wheels'), objectId: wheelIds[0] } },
    });
    assert.deepEqual(oracle.body, { results: [] });
    const inOr = await rest('GET', `/classes/${WHEEL}`, undefined, {
      query: { where: { $or: [relatedTo(ptr(CAR, hiddenCar), 'wheels'), { n: 99 }] } },
    });
    assert.deepEqual(inOr.body, { results: [] });
    // The SDK's relation query, as a client.
    const car = Parse.Object.extend(CAR).createWithoutData(hiddenCar);
    assert.deepEqual(await new Parse.Query(WHEEL)._addCondition('$relatedTo', 'object', car.toPointer())._addCondition('$relatedTo', 'key', 'wheels').find(), []);
    // The master key still sees the members; a readable owner still lists them.
    const master = await rest('GET', `/classes/${WHEEL}`, undefined, { master: true, query: { where: relatedTo(ptr(CAR, hiddenCar), 'wheels') } });
    assert.equal(master.body.results.length, 2);
    const open = await rest('GET', `/classes/${WHEEL}`, undefined, { query: { where: relatedTo(ptr(CAR, openCar), 'wheels') } });
    assert.equal(open.body.results.length, 2);
  });

  test('$relatedTo: owner class closed to get lists nothing; a protected relation key is refused (119)', async () => {
    const LOCKED = `${CAR}Locked`;
    const wheels = { __op: 'AddRelation', objects: wheelIds.map((id) => ptr(WHEEL, id)) };
    const owner = (await rest('POST', `/classes/${LOCKED}`, { wheels }, { master: true })).body.objectId;
    const all = { '*': true };
    const clp = (over) => ({ get: all, find: all, count: all, create: all, update: all, delete: all, addField: all, protectedFields: {}, ...over });
    let r = await rest('PUT', `/schemas/${LOCKED}`, { classLevelPermissions: clp({ get: {} }) }, { master: true });
    assert.equal(r.status, 200, r.text);
    r = await rest('GET', `/classes/${WHEEL}`, undefined, { query: { where: relatedTo(ptr(LOCKED, owner), 'wheels') } });
    assert.deepEqual([r.status, r.body], [200, { results: [] }]);
    await rest('PUT', `/schemas/${LOCKED}`, { classLevelPermissions: clp({ protectedFields: { '*': ['wheels'] } }) }, { master: true });
    r = await rest('GET', `/classes/${WHEEL}`, undefined, { query: { where: relatedTo(ptr(LOCKED, owner), 'wheels') } });
    assert.deepEqual([r.status, r.body], [400, { code: 119, error: 'Permission denied' }]);
    r = await rest('GET', `/classes/${WHEEL}`, undefined, { master: true, query: { where: relatedTo(ptr(LOCKED, owner), 'wheels') } });
    assert.equal(r.body.results.length, 2);
  });

  // ---- item 4: internal fields ----

  test('order on an internal field: 105 "Invalid field name: X." (client and master)', async () => {
    await rest('POST', `/classes/${SEC}`, { a: 1 }, { master: true });
    await rest('POST', `/classes/${SEC}`, { a: 2 }, { master: true });
    for (const master of [false, true]) {
      for (const className of [SEC, '_User']) {
        for (const f of ['_password', '_hashed_password', '-_hashed_password', '_email_verify_token', '_perishable_token', '_rperm', '_wperm', '_tombstone', '_session_token', '_id', '_acl', '_auth_data_facebook', '_failed_login_count', '_p.x']) {
          const r = await rest('GET', `/classes/${className}`, undefined, { master, query: { order: f } });
          const name = f.replace(/^-/, '');
          assert.deepEqual([r.status, r.body], [400, { code: 105, error: `Invalid field name: ${name}.` }], `${className} order=${f} master=${master}`);
        }
        const auth = await rest('GET', `/classes/${className}`, undefined, { master, query: { order: 'authData.facebook.id' } });
        assert.deepEqual(auth.body, { code: 105, error: 'Cannot sort by authData.facebook.id' });
      }
    }
    // _created_at and _updated_at stand for createdAt and updatedAt.
    const desc = await rest('GET', `/classes/${SEC}`, undefined, { query: { order: '-_created_at', keys: 'a' } });
    assert.deepEqual(desc.body.results.map((o) => o.a), [2, 1]);
    const asc = await rest('GET', `/classes/${SEC}`, undefined, { query: { order: '_updated_at', keys: 'a' } });
    assert.deepEqual(asc.body.results.map((o) => o.a), [1, 2]);
  });

  test('where on an internal field: 105 "Invalid key name"; the master key may query the ones Parse lets it', async () => {
    for (const f of ['_password', '_hashed_password', '_email_verify_token', '_perishable_token', '_session_token', '_tombstone', '_failed_login_count']) {
      const r = await rest('GET', `/classes/_User`, undefined, { query: { where: { [f]: 'x' } } });
      assert.deepEqual([r.status, r.body], [400, { code: 105, error: `Invalid key name: ${f}` }], f);
    }
    for (const f of ['_password', '_hashed_password']) {
      const r = await rest('GET', `/classes/_User`, undefined, { master: true, query: { where: { [f]: { $exists: true } } } });
      assert.deepEqual([r.status, r.body], [400, { code: 105, error: `Invalid key name: ${f}` }], f);
    }
    for (const f of ['_email_verify_token', '_perishable_token', '_session_token', '_tombstone', '_failed_login_count', '_password_history']) {
      const r = await rest('GET', `/classes/${SEC}`, undefined, { master: true, query: { where: { [f]: 'nothing-like-this' } } });
      assert.deepEqual([r.status, r.body], [200, { results: [] }], f);
    }
    // A client may name _rperm: the ACL constraint replaces it.
    const rperm = await rest('GET', `/classes/${SEC}`, undefined, { query: { where: { _rperm: { $in: ['nobody'] } } } });
    assert.equal(rperm.status, 200);
    assert.equal(rperm.body.results.length, 2);
  });

  test('keys and include naming internal fields reveal nothing', async () => {
    const user = new Parse.User();
    await user.signUp({ username: `sw${h.RUN}`, password: 'pw-sweep-1' });
    const id = user.id;
    await Parse.User.logOut();
    for (const opts of [{ keys: '_hashed_password,_session_token,_email_verify_token' }, { include: '_hashed_password' }, { keys: '_password' }]) {
      const r = await rest('GET', '/classes/_User', undefined, { master: true, query: { where: { objectId: id }, ...opts } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.results.length, 1);
      const o = r.body.results[0];
      for (const k of Object.keys(o)) assert.ok(!k.startsWith('_') && k !== 'sessionToken' && k !== 'password', `${JSON.stringify(opts)} -> ${k}`);
    }
    await rest('DELETE', `/classes/_User/${id}`, undefined, { master: true });
  });

  // ---- item 9: $text with $score ----

  test('$text with order=$score and keys=$score answers the text score (MongoDB\'s), highest first', async () => {
    const rows = [
      { subject: 'milk', k: 'single' },
      { subject: 'hot milk', k: 'half' },
      { subject: 'milk milk tea', k: 'twice' },
      { subject: 'green tea', k: 'none' },
    ];
    for (const row of rows) await rest('POST', `/classes/${TEXT}`, row, { master: true });
    const where = { subject: { $text: { $search: { $term: 'milk' } } } };
    const r = await rest('GET', `/classes/${TEXT}`, undefined, { query: { where, order: '$score', keys: '$score,k' } });
    assert.equal(r.status, 200, r.text);
    const got = r.body.results.map((o) => [o.k, o.score]);
    assert.equal(got.length, 3);
    for (const [, s] of got) assert.equal(typeof s, 'number');
    assert.ok(got[0][1] >= got[1][1] && got[1][1] >= got[2][1], JSON.stringify(got));
    if (!(await h.isPostgres())) {
      // MongoDB: per term, weight * frequency * (0.5 * count / words + 0.5), 1.1 times for a field that is just the word.
      assert.deepEqual(got, [['twice', 1.25], ['single', 1.1], ['half', 0.75]]);
    }
    // "-$score" also sorts by score, highest first (MongoDB has no other direction for it).
    const desc = await rest('GET', `/classes/${TEXT}`, undefined, { query: { where, order: '-$score', keys: '$score,k' } });
    assert.deepEqual(desc.body.results.map((o) => o.k), got.map(([k]) => k));
    // Without keys=$score the score is used for sorting but not answered (the PostgreSQL adapter
    // answers nothing at all here).
    if (await h.isPostgres()) return;
    const noKeys = await rest('GET', `/classes/${TEXT}`, undefined, { query: { where, order: '$score' } });
    assert.deepEqual(noKeys.body.results.map((o) => o.k), got.map(([k]) => k));
    for (const o of noKeys.body.results) assert.equal(o.score, undefined);
  });

  test('SDK: fullText + sortByTextScore returns each object\'s score', async () => {
    const results = await new Parse.Query(TEXT).fullText('subject', 'milk').sortByTextScore().select('k').find();
    assert.equal(results.length, 3);
    const scores = results.map((o) => o.get('score'));
    for (const s of scores) assert.equal(typeof s, 'number');
    assert.ok(scores[0] >= scores[1] && scores[1] >= scores[2], JSON.stringify(scores));
    if (!(await h.isPostgres())) assert.deepEqual(results.map((o) => o.get('k')), ['twice', 'single', 'half']);
  });

  test('order=$score without a $text query is no server error', async () => {
    if (await h.isPostgres()) return; // the PostgreSQL adapter answers 500 for this
    const r = await rest('GET', `/classes/${TEXT}`, undefined, { query: { order: '$score', keys: '$score,k' } });
    assert.equal(r.status, 200, r.text);
  });

  // ---- item 12: permission errors ----

  test('clients reading the master-only classes get 119, as Parse answers', async () => {
    for (const className of ['_Hooks', '_GlobalConfig', '_GraphQLConfig', '_JobStatus', '_PushStatus', '_JobSchedule', '_Audience', '_Idempotency']) {
      const find = await rest('GET', `/classes/${className}`);
      assert.deepEqual([find.status, find.body], [400, { code: 119, error: 'Permission denied' }], `find ${className}`);
      const get = await rest('GET', `/classes/${className}/abc`);
      assert.deepEqual([get.status, get.body], [400, { code: 119, error: 'Permission denied' }], `get ${className}`);
      const create = await rest('POST', `/classes/${className}`, { a: 1 });
      assert.deepEqual([create.status, create.body], [400, { code: 119, error: 'Permission denied' }], `create ${className}`);
    }
  });

  test('class-level permission denials: 119 for each action; ACL-hidden objects: 101', async () => {
    const P = `${SEC}Perm`;
    const id = (await rest('POST', `/classes/${P}`, { a: 1 }, { master: true })).body.objectId;
    const none = { get: {}, find: {}, count: {}, create: {}, update: {}, delete: {}, addField: {}, protectedFields: {} };
    await rest('PUT', `/schemas/${P}`, { classLevelPermissions: none }, { master: true });
    const denied = [400, { code: 119, error: 'Permission denied' }];
    const call = async (...args) => { const r = await rest(...args); return [r.status, r.body]; };
    assert.deepEqual(await call('POST', `/classes/${P}`, { a: 1 }), denied);
    assert.deepEqual(await call('GET', `/classes/${P}/${id}`), denied);
    assert.deepEqual(await call('GET', `/classes/${P}`), denied);
    assert.deepEqual(await call('GET', `/classes/${P}`, undefined, { query: { count: 1, limit: 0 } }), denied);
    assert.deepEqual(await call('PUT', `/classes/${P}/${id}`, { a: 2 }), denied);
    assert.deepEqual(await call('DELETE', `/classes/${P}/${id}`), denied);
    const open = { '*': true };
    await rest('PUT', `/schemas/${P}`, { classLevelPermissions: { ...none, get: open, find: open, create: open, update: open, delete: open } }, { master: true });
    assert.deepEqual(await call('POST', `/classes/${P}`, { b: 1 }), denied);
    assert.deepEqual(await call('PUT', `/classes/${P}/${id}`, { b: 1 }), denied);
    const hidden = (await rest('POST', `/classes/${P}`, { a: 1, ACL: { '*': { read: true } } }, { master: true })).body.objectId;
    const notFound = [404, { code: 101, error: 'Object not found.' }];
    assert.deepEqual(await call('PUT', `/classes/${P}/${hidden}`, { a: 2 }), notFound);
    assert.deepEqual(await call('DELETE', `/classes/${P}/${hidden}`), notFound);
    const secret = (await rest('POST', `/classes/${P}`, { a: 1, ACL: {} }, { master: true })).body.objectId;
    assert.deepEqual(await call('GET', `/classes/${P}/${secret}`), notFound);
    await h.dropClass(P);
  });
});
