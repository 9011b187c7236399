'use strict';
// A database written by Parse Server must be readable by us, and the other way round.
// These tests talk to the server's MongoDB store directly (the embedded store listens on
// PARSE_DB_PORT): documents laid out exactly as Parse Server 9.10 writes them (shapes from
// shared/reference/mongo-format) are read through REST, and what REST writes is checked raw.
// They need direct database access, so they run only when PARSE_DB_PORT or PARSE_DB_URI is set
// and the server stores in MongoDB's format.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { MongoClient, Binary, Int32, Double, ObjectId } = require('mongodb');
const h = require('./helpers');
const { rest, cls } = h;

const DB_URI = process.env.PARSE_DB_URI || (process.env.PARSE_DB_PORT ? `mongodb://127.0.0.1:${process.env.PARSE_DB_PORT}/parse` : null);

const SHAPE = cls('Shape');
const PLAYER = cls('Player');

describe('storage format: Parse Server documents <-> our REST API', { skip: !DB_URI && 'no PARSE_DB_PORT/PARSE_DB_URI' }, () => {
  let client;
  let db;
  before(async () => {
    if (await h.isPostgres()) return;
    client = new MongoClient(DB_URI, { serverSelectionTimeoutMS: 5000, directConnection: true });
    await client.connect();
    db = client.db();
  });
  after(async () => {
    if (client) {
      await h.dropClass(SHAPE);
      await h.dropClass(PLAYER);
      await client.close();
    }
  });

  test('documents written the way Parse Server writes them read back through REST', async (t) => {
    if (!db) return t.skip('reference server stores in PostgreSQL');
    const created = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const updated = new Date(created.getTime() + 66);
    await db.collection('_SCHEMA').insertMany([
      { _id: PLAYER, objectId: 'string', updatedAt: 'date', createdAt: 'date', name: 'string' },
      {
        _id: SHAPE, objectId: 'string', updatedAt: 'date', createdAt: 'date', date: 'date', geo: 'geopoint',
        poly: 'polygon', file: 'file', str: 'string', obj: 'object', bytes: 'bytes', bool: 'boolean',
        ptr: `*${PLAYER}`, rel: `relation<${PLAYER}>`, arr: 'array', num: 'number', int: 'number',
        _metadata: { class_permissions: { find: { '*': true }, count: { '*': true }, get: { '*': true }, create: { '*': true }, update: { '*': true }, delete: { '*': true }, addField: { '*': true }, protectedFields: { '*': [] } } },
      },
    ]);
    await db.collection(PLAYER).insertOne({ _id: 'plAyer0001', name: 'alice', _created_at: created, _updated_at: created });
    await db.collection(SHAPE).insertMany([
      {
        _id: 'sHape00001',
        date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
        arr: [new Int32(1), 'a', { x: new Int32(1) }, 'z'],
        obj: { nested: { deep: [new Int32(1), new Int32(2)] } },
        geo: [new Int32(20), new Int32(10)],
        poly: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] },
        bytes: new Binary(Buffer.from([0, 1, 2])),
        file: 'abc_hello.txt',
        str: 's',
        num: new Double(1.5),
        int: new Int32(10),
        bool: true,
        _p_ptr: `${PLAYER}$plAyer0001`,
        _wperm: ['uSer000001'],
        _rperm: ['*', 'uSer000001', 'role:Editors'],
        _acl: { '*': { r: true }, uSer000001: { w: true, r: true }, 'role:Editors': { r: true } },
        _created_at: created,
        _updated_at: updated,
      },
      // Readable only by one user: an anonymous client must not see it.
      { _id: 'sHape00002', str: 'private', _rperm: ['uSer000001'], _wperm: ['uSer000001'], _acl: { uSer000001: { r: true, w: true } }, _created_at: created, _updated_at: created },
    ]);
    await db.collection(`_Join:rel:${SHAPE}`).insertOne({ _id: new ObjectId(), relatedId: 'plAyer0001', owningId: 'sHape00001' });

    const r = await rest('GET', `/classes/${SHAPE}/sHape00001`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, {
      objectId: 'sHape00001',
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-02T03:04:05.744Z',
      date: { __type: 'Date', iso: '2024-01-02T03:04:05.678Z' },
      arr: [1, 'a', { x: 1 }, 'z'],
      obj: { nested: { deep: [1, 2] } },
      geo: { __type: 'GeoPoint', latitude: 10, longitude: 20 },
      poly: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]] },
      bytes: { __type: 'Bytes', base64: 'AAEC' },
      file: { __type: 'File', name: 'abc_hello.txt', url: r.body.file && r.body.file.url },
      str: 's',
      num: 1.5,
      int: 10,
      bool: true,
      ptr: { __type: 'Pointer', className: PLAYER, objectId: 'plAyer0001' },
      rel: { __type: 'Relation', className: PLAYER },
      ACL: { '*': { read: true }, uSer000001: { read: true, write: true }, 'role:Editors': { read: true } },
    });
    assert.match(r.body.file.url, /\/files\/APPLICATION_ID\/abc_hello\.txt$/);

    const list = await rest('GET', `/classes/${SHAPE}`);
    assert.deepEqual(list.body.results.map((o) => o.objectId), ['sHape00001'], 'the ACL-protected document stays hidden');
    const asMaster = await rest('GET', `/classes/${SHAPE}`, undefined, { master: true, query: { order: 'objectId' } });
    assert.deepEqual(asMaster.body.results.map((o) => o.objectId), ['sHape00001', 'sHape00002']);

    const related = await rest('GET', `/classes/${PLAYER}`, undefined, {
      query: { where: { $relatedTo: { object: { __type: 'Pointer', className: SHAPE, objectId: 'sHape00001' }, key: 'rel' } } },
    });
    assert.deepEqual(related.body.results.map((o) => o.name), ['alice']);

    const byPointer = await rest('GET', `/classes/${SHAPE}`, undefined, {
      query: { where: { ptr: { __type: 'Pointer', className: PLAYER, objectId: 'plAyer0001' } }, include: 'ptr' },
    });
    assert.equal(byPointer.body.results[0].ptr.name, 'alice');

    const schema = await rest('GET', `/schemas/${SHAPE}`, undefined, { master: true });
    assert.deepEqual(schema.body.fields.ptr, { type: 'Pointer', targetClass: PLAYER });
    assert.deepEqual(schema.body.fields.rel, { type: 'Relation', targetClass: PLAYER });
    assert.deepEqual(schema.body.fields.poly, { type: 'Polygon' });

    const inc = await rest('PUT', `/classes/${SHAPE}/sHape00001`, { int: { __op: 'Increment', amount: 5 } }, { master: true });
    assert.equal(inc.status, 200, inc.text);
    assert.equal(inc.body.int, 15);
    const raw = await db.collection(SHAPE).findOne({ _id: 'sHape00001' });
    assert.equal(raw.int, 15);
    assert.equal(raw._p_ptr, `${PLAYER}$plAyer0001`, 'untouched fields keep their stored form');
  });

  test('a user migrated from Parse Server logs in with the password Parse Server hashed', async (t) => {
    if (!db) return t.skip('reference server stores in PostgreSQL');
    const username = `migrated_${h.RUN}`;
    const created = new Date();
    // Hash of "S3cret-pw!" made by Parse Server's own bcrypt library (shared/reference/mongo-format).
    await db.collection('_User').insertOne({
      _id: `mIgr${h.RUN.slice(0, 6)}`.slice(0, 10), username, email: `${username}@example.com`,
      _hashed_password: '$2y$10$1nREOAstzsDFK0b1yDZ6LOyw342e5gsw/tc9qGrqGHprxsZTNhxku',
      _wperm: [], _rperm: [], _acl: {}, _created_at: created, _updated_at: created,
    });
    const wrong = await rest('POST', '/login', { username, password: 'not-it' });
    assert.equal(wrong.body.code, 101);
    // An empty ACL locks a user out for clients; the master key may still log them in.
    const locked = await rest('POST', '/login', { username, password: 'S3cret-pw!' });
    assert.equal(locked.body.code, 101);
    await db.collection('_User').updateOne({ username }, { $set: { _rperm: ['*'], _acl: { '*': { r: true } } } });
    const ok = await rest('POST', '/login', { username, password: 'S3cret-pw!' });
    assert.equal(ok.status, 200, ok.text);
    assert.match(ok.body.sessionToken, /^r:[0-9a-f]{32}$/);
    const session = await db.collection('_Session').findOne({ _session_token: ok.body.sessionToken });
    assert.equal(session._p_user, `_User$${ok.body.objectId}`);
    assert.ok(session.expiresAt instanceof Date);
    assert.deepEqual(session.createdWith, { action: 'login', authProvider: 'password' });
    await db.collection('_User').deleteOne({ username });
  });

  test('a legacy session token upgrades to a revocable session, once', async (t) => {
    if (!db) return t.skip('reference server stores in PostgreSQL');
    const created = new Date();
    const legacy = `legacy${h.RUN}`;
    const id = `lEg${h.RUN}`.slice(0, 10);
    await db.collection('_User').insertOne({
      _id: id, username: `legacy_${h.RUN}`, _session_token: legacy, _wperm: [id], _rperm: [id],
      _acl: { [id]: { r: true, w: true } }, _created_at: created, _updated_at: created,
    });
    const asLegacy = { headers: { 'X-Parse-Session-Token': legacy } };
    const normal = await rest('GET', '/users/me', undefined, asLegacy);
    assert.equal(normal.body.code, 209, 'legacy tokens only work for the upgrade');
    const up = await rest('POST', '/upgradeToRevocableSession', {}, asLegacy);
    assert.equal(up.status, 200, up.text);
    assert.match(up.body.sessionToken, /^r:[0-9a-f]{32}$/);
    assert.deepEqual(up.body.createdWith, { action: 'upgrade' });
    assert.equal(up.body.user.objectId, id);
    const me = await rest('GET', '/users/me', undefined, { headers: { 'X-Parse-Session-Token': up.body.sessionToken } });
    assert.equal(me.body.objectId, id);
    const again = await rest('POST', '/upgradeToRevocableSession', {}, asLegacy);
    assert.deepEqual(again.body, { code: 209, error: 'invalid legacy session token' });
    const none = await rest('POST', '/upgradeToRevocableSession', {});
    assert.deepEqual(none.body, { code: 101, error: 'invalid session' });
    assert.equal((await db.collection('_User').findOne({ _id: id }))._session_token, undefined);
  });

  test('config is one _GlobalConfig document with the numeric id 1, as Parse Server keeps it', async (t) => {
    if (!db) return t.skip('reference server stores in PostgreSQL');
    const r = await rest('PUT', '/config', { params: { [`fmt${h.RUN}`]: { __type: 'Date', iso: '2024-01-02T03:04:05.006Z' } }, masterKeyOnly: { [`fmt${h.RUN}`]: true } }, { master: true });
    assert.deepEqual(r.body, { result: true });
    const raw = await db.collection('_GlobalConfig').findOne({ _id: 1 });
    assert.ok(raw, 'stored under _id 1 (a number)');
    assert.ok(raw.params[`fmt${h.RUN}`] instanceof Date);
    assert.equal(raw.masterKeyOnly[`fmt${h.RUN}`], true);
  });

  test('what REST writes is stored exactly as Parse Server stores it', async (t) => {
    if (!db) return t.skip('reference server stores in PostgreSQL');
    const player = await rest('POST', `/classes/${PLAYER}`, { name: 'bob' });
    const body = {
      date: { __type: 'Date', iso: '2024-05-06T07:08:09.123Z' },
      geo: { __type: 'GeoPoint', latitude: 40.5, longitude: -30.25 },
      poly: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1]] },
      bytes: { __type: 'Bytes', base64: 'AAEC+v8=' },
      file: { __type: 'File', name: 'def_doc.txt', url: 'http://example.com/def_doc.txt' },
      ptr: { __type: 'Pointer', className: PLAYER, objectId: player.body.objectId },
      obj: { a: { b: [1, 'c'] } },
      arr: [1, 'two'],
      num: 2.5,
      bool: false,
      ACL: { '*': { read: true }, uSer000001: { read: true, write: true } },
    };
    const c = await rest('POST', `/classes/${SHAPE}`, body);
    assert.equal(c.status, 201, c.text);
    const id = c.body.objectId;
    const rel = await rest('PUT', `/classes/${SHAPE}/${id}`, { rel: { __op: 'AddRelation', objects: [{ __type: 'Pointer', className: PLAYER, objectId: player.body.objectId }] } }, { master: true });
    assert.equal(rel.status, 200, rel.text);

    const raw = await db.collection(SHAPE).findOne({ _id: id });
    assert.ok(raw._created_at instanceof Date && raw._updated_at instanceof Date);
    assert.equal(raw._created_at.toISOString(), c.body.createdAt);
    assert.equal(raw.date.toISOString(), '2024-05-06T07:08:09.123Z');
    assert.deepEqual(raw.geo, [-30.25, 40.5]);
    assert.deepEqual(raw.poly, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    assert.ok(raw.bytes instanceof Binary);
    assert.equal(Buffer.from(raw.bytes.buffer).toString('base64'), 'AAEC+v8=');
    assert.equal(raw.file, 'def_doc.txt');
    assert.equal(raw._p_ptr, `${PLAYER}$${player.body.objectId}`);
    assert.equal(raw.ptr, undefined);
    assert.deepEqual(raw.obj, { a: { b: [1, 'c'] } });
    assert.deepEqual(raw.arr, [1, 'two']);
    assert.equal(raw.num, 2.5);
    assert.equal(raw.bool, false);
    assert.deepEqual([...raw._rperm].sort(), ['*', 'uSer000001']);
    assert.deepEqual(raw._wperm, ['uSer000001']);
    assert.deepEqual(raw._acl, { '*': { r: true }, uSer000001: { r: true, w: true } });
    assert.equal(raw.ACL, undefined);
    assert.equal(raw.rel, undefined, 'relations live only in the join collection');
    for (const k of ['objectId', 'createdAt', 'updatedAt']) assert.equal(raw[k], undefined, k);

    const join = await db.collection(`_Join:rel:${SHAPE}`).find({ owningId: id }).toArray();
    assert.deepEqual(join.map((j) => j.relatedId), [player.body.objectId]);

    const schema = await db.collection('_SCHEMA').findOne({ _id: SHAPE });
    assert.equal(schema.ptr, `*${PLAYER}`);
    assert.equal(schema.rel, `relation<${PLAYER}>`);
    assert.equal(schema.geo, 'geopoint');
    assert.equal(schema.poly, 'polygon');
    assert.equal(schema.bytes, 'bytes');
    assert.equal(schema.file, 'file');
    assert.equal(schema.date, 'date');
  });

  test('files are stored in GridFS by name, as Parse Server\'s GridFSBucketAdapter stores them, both ways', async () => {
    const user = await h.rest('POST', '/users', { username: `gridfs_${h.RUN}`, password: 'pw' });
    const res = await h.rest('POST', '/files/grid.txt', Buffer.from('grid contents'),
      { headers: { 'Content-Type': 'text/plain', 'X-Parse-Session-Token': user.body.sessionToken } });
    assert.equal(res.status, 201);
    const { GridFSBucket } = require('mongodb');
    const bucket = new GridFSBucket(db);
    const stored = await bucket.find({ filename: res.body.name }).toArray();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].length, 'grid contents'.length);
    // A file Parse Server wrote (straight into GridFS) is served by name.
    const name = `0123456789abcdef0123456789abcdef_parse-${h.RUN}.txt`;
    await new Promise((resolve, reject) => {
      const up = bucket.openUploadStream(name, { metadata: {} });
      up.on('finish', resolve).on('error', reject);
      up.end(Buffer.from('written by Parse Server'));
    });
    const got = await fetch(`${h.SERVER_URL}/files/${h.APP_ID}/${name}`);
    assert.equal(await got.text(), 'written by Parse Server');
  });
});
