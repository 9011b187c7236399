'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls } = h;

const C = cls('Types');
// Its own class: MongoDB storage allows one GeoPoint field per class, and C already has one.
const SDK = cls('TypesSdk');
const OTHER = cls('Other');

describe('types: exact round trip', () => {
  let otherId;
  before(async () => {
    const r = await rest('POST', `/classes/${OTHER}`, { name: 'target' });
    otherId = r.body.objectId;
  });
  after(async () => {
    await h.dropClass(C);
    await h.dropClass(SDK);
    await h.dropClass(OTHER);
  });

  test('REST: every type comes back exactly as sent', async () => {
    const ptr = { __type: 'Pointer', className: OTHER, objectId: otherId };
    const body = {
      d: { __type: 'Date', iso: '2024-05-06T07:08:09.123Z' },
      b: { __type: 'Bytes', base64: 'AAEC+v8=' },
      g: { __type: 'GeoPoint', latitude: 40.5, longitude: -30.25 },
      ptr,
      t: true,
      fa: false,
      i: 42,
      fl: 1.5,
      neg: -7,
      big: 9007199254740991,
      s: 'héllo wörld ✓ 😀 中文 "quoted" \\ back\nslash',
      empty: '',
      o: { a: { b: [1, { c: 'd' }] }, e: null, dd: { __type: 'Date', iso: '2020-01-01T00:00:00.000Z' } },
      arr: [1, 'two', { three: 3 }, [4], null, ptr, true, 2.5],
      eo: {},
      ea: [],
    };
    const c = await rest('POST', `/classes/${C}`, body);
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.equal(g.status, 200);
    const expected = Object.assign({ objectId: c.body.objectId, createdAt: c.body.createdAt, updatedAt: c.body.createdAt }, body);
    assert.deepEqual(g.body, expected);
    // integer stays integer (no "42.0"), float stays float
    assert.match(g.text, /"i":42[,}]/);
    assert.match(g.text, /"fl":1.5[,}]/);
  });

  test('REST: a float with no fractional part comes back as a plain number (2.0 -> 2)', async () => {
    const c = await rest('POST', `/classes/${C}`, '{"whole": 2.0, "tiny": 1e-7, "exp": 1e21}', { headers: { 'Content-Type': 'application/json' } });
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.equal(g.body.whole, 2);
    assert.equal(g.body.tiny, 1e-7);
    assert.equal(g.body.exp, 1e21);
  });

  test('REST: Date values are normalised to UTC with exactly 3 fractional digits', async () => {
    const c = await rest('POST', `/classes/${C}`, {
      d4: { __type: 'Date', iso: '2024-05-06T07:08:09Z' },
      d5: { __type: 'Date', iso: '2024-05-06T07:08:09.123456Z' },
      d6: { __type: 'Date', iso: '2024-05-06T09:08:09.123+02:00' },
    });
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.deepEqual(g.body.d4, { __type: 'Date', iso: '2024-05-06T07:08:09.000Z' });
    assert.deepEqual(g.body.d5, { __type: 'Date', iso: '2024-05-06T07:08:09.123Z' });
    assert.deepEqual(g.body.d6, { __type: 'Date', iso: '2024-05-06T07:08:09.123Z' });
  });

  test('REST: a Date without iso -> 111 "This is not a valid Date"', async () => {
    const r = await rest('POST', `/classes/${C}`, { dBad: { __type: 'Date' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'This is not a valid Date' });
  });

  test('REST: Bytes without base64 / File without name / unknown __type -> 111', async () => {
    let r = await rest('POST', `/classes/${C}`, { byBad: { __type: 'Bytes' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'This is not a valid Bytes' });
    r = await rest('POST', `/classes/${C}`, { fBad: { __type: 'File', url: 'http://example.com/x.txt' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'This is not a valid File' });
    r = await rest('POST', `/classes/${C}`, { uBad: { __type: 'Foo', x: 1 } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'This is not a valid Foo' });
  });

  test('REST: top-level null', async () => {
    const c = await rest('POST', `/classes/${C}`, { nul: null, keep: 1 });
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    assert.equal(g.body.keep, 1);
    if (await h.isPostgres()) {
      // PostgreSQL reference: a null top-level field is not stored and comes back absent.
      assert.equal('nul' in g.body, false);
    } else {
      // MongoDB behaviour (what our server must do): the null is stored and returned.
      assert.equal(g.body.nul, null);
    }
  });

  test('REST: File reference saved without upload comes back with the server-built url', async () => {
    const c = await rest('POST', `/classes/${C}`, { f: { __type: 'File', name: 'abc.txt', url: 'http://example.com/abc.txt' } });
    assert.equal(c.status, 201);
    const g = await rest('GET', `/classes/${C}/${c.body.objectId}`);
    // The client's url is ignored; the server answers its own files URL for that name.
    assert.deepEqual(g.body.f, { __type: 'File', name: 'abc.txt', url: `${h.SERVER_URL}/files/${h.APP_ID}/abc.txt` });
    // A File with a name but no url is accepted too.
    const c2 = await rest('POST', `/classes/${C}`, { f: { __type: 'File', name: 'nourl.txt' } });
    assert.equal(c2.status, 201);
    const g2 = await rest('GET', `/classes/${C}/${c2.body.objectId}`);
    assert.deepEqual(g2.body.f, { __type: 'File', name: 'nourl.txt', url: `${h.SERVER_URL}/files/${h.APP_ID}/nourl.txt` });
  });

  test('REST: Polygon round trip (the ring is closed by the server)', async () => {
    const P = cls('Poly');
    try {
      const c = await rest('POST', `/classes/${P}`, { p: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [1, 0]] } });
      assert.equal(c.status, 201);
      const g = await rest('GET', `/classes/${P}/${c.body.objectId}`);
      assert.deepEqual(g.body.p, { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]] });
      // already closed: unchanged
      const c2 = await rest('POST', `/classes/${P}`, { p: { __type: 'Polygon', coordinates: [[0, 0], [0, 2], [2, 2], [0, 0]] } });
      const g2 = await rest('GET', `/classes/${P}/${c2.body.objectId}`);
      assert.deepEqual(g2.body.p.coordinates, [[0, 0], [0, 2], [2, 2], [0, 0]]);
      // fewer than 3 points
      const bad = await rest('POST', `/classes/${P}`, { p: { __type: 'Polygon', coordinates: [[0, 0], [1, 1]] } });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body, { code: 107, error: 'Polygon must have at least 3 values' });
    } finally {
      await h.dropClass(P);
    }
  });

  test('SDK: every type round-trips through save + query', async () => {
    const other = Parse.Object.extend(OTHER).createWithoutData(otherId);
    const o = new Parse.Object(SDK);
    const date = new Date('2023-02-03T04:05:06.789Z');
    o.set({
      date,
      bytes: { __type: 'Bytes', base64: 'aGVsbG8=' },
      geo: new Parse.GeoPoint(12.5, -45.25),
      poly: new Parse.Polygon([
        [1, 1],
        [1, 2],
        [2, 2],
      ]),
      pointer: other,
      nested: { x: { y: [1, 2, { z: 'deep' }] }, when: date },
      list: ['a', 1, false, null, { k: 'v' }],
      yes: true,
      no: false,
      int: 7,
      float: 3.25,
      text: 'Ünïcödé 🎉 ñ',
    });
    await o.save();
    const got = await new Parse.Query(SDK).get(o.id);
    assert.ok(got.get('date') instanceof Date);
    assert.equal(got.get('date').toISOString(), '2023-02-03T04:05:06.789Z');
    assert.deepEqual(got.get('bytes'), { __type: 'Bytes', base64: 'aGVsbG8=' });
    assert.ok(got.get('geo') instanceof Parse.GeoPoint);
    assert.equal(got.get('geo').latitude, 12.5);
    assert.equal(got.get('geo').longitude, -45.25);
    assert.ok(got.get('poly') instanceof Parse.Polygon);
    assert.deepEqual(got.get('poly').coordinates, [
      [1, 1],
      [1, 2],
      [2, 2],
      [1, 1],
    ]);
    assert.equal(got.get('pointer').className, OTHER);
    assert.equal(got.get('pointer').id, otherId);
    assert.deepEqual(got.get('nested').x, { y: [1, 2, { z: 'deep' }] });
    assert.ok(got.get('nested').when instanceof Date);
    assert.equal(got.get('nested').when.toISOString(), date.toISOString());
    assert.deepEqual(got.get('list'), ['a', 1, false, null, { k: 'v' }]);
    assert.equal(got.get('yes'), true);
    assert.equal(got.get('no'), false);
    assert.equal(got.get('int'), 7);
    assert.equal(got.get('float'), 3.25);
    assert.equal(got.get('text'), 'Ünïcödé 🎉 ñ');
  });

  test('SDK: GeoPoint out of range is refused client side (TypeError)', () => {
    assert.throws(() => new Parse.GeoPoint(91, 0), { name: 'TypeError', message: 'GeoPoint latitude out of bounds: 91 > 90.0.' });
    assert.throws(() => new Parse.GeoPoint(-91, 0), { name: 'TypeError', message: 'GeoPoint latitude out of bounds: -91 < -90.0.' });
    assert.throws(() => new Parse.GeoPoint(0, 181), { name: 'TypeError', message: 'GeoPoint longitude out of bounds: 181 > 180.0.' });
    assert.throws(() => new Parse.GeoPoint(0, -181), { name: 'TypeError', message: 'GeoPoint longitude out of bounds: -181 < -180.0.' });
  });

  test('REST: GeoPoint at the limits is accepted and round-trips', async () => {
    const G = cls('GeoLim');
    try {
      for (const [lat, lng] of [
        [90, 180],
        [-90, -180],
        [0, 0],
      ]) {
        const c = await rest('POST', `/classes/${G}`, { g: { __type: 'GeoPoint', latitude: lat, longitude: lng } });
        assert.equal(c.status, 201);
        const g = await rest('GET', `/classes/${G}/${c.body.objectId}`);
        assert.deepEqual(g.body.g, { __type: 'GeoPoint', latitude: lat, longitude: lng });
      }
    } finally {
      await h.dropClass(G);
    }
  });

  test('SDK: Relation add / remove / query, and the field reads back as {__type: Relation}', async () => {
    const members = [];
    for (let i = 0; i < 3; i++) {
      const m = new Parse.Object(OTHER);
      m.set('name', `m${i}`);
      members.push(m);
    }
    await Parse.Object.saveAll(members);
    const team = new Parse.Object(C);
    const rel = team.relation('members');
    rel.add(members);
    await team.save();

    let found = await team.relation('members').query().ascending('name').find();
    assert.deepEqual(
      found.map((x) => x.get('name')),
      ['m0', 'm1', 'm2']
    );

    team.relation('members').remove(members[1]);
    await team.save();
    found = await team.relation('members').query().ascending('name').find();
    assert.deepEqual(
      found.map((x) => x.get('name')),
      ['m0', 'm2']
    );

    const g = await rest('GET', `/classes/${C}/${team.id}`);
    assert.deepEqual(g.body.members, { __type: 'Relation', className: OTHER });

    const schema = await rest('GET', `/schemas/${C}`, undefined, { master: true });
    assert.deepEqual(schema.body.fields.members, { type: 'Relation', targetClass: OTHER });
    const sdkSchema = await rest('GET', `/schemas/${SDK}`, undefined, { master: true });
    assert.deepEqual(sdkSchema.body.fields.pointer, { type: 'Pointer', targetClass: OTHER });
  });

  test('REST: AddRelation / RemoveRelation answer {updatedAt} only', async () => {
    const c = await rest('POST', `/classes/${C}`, { name: 'relrest' });
    const ptr = { __type: 'Pointer', className: OTHER, objectId: otherId };
    let u = await rest('PUT', `/classes/${C}/${c.body.objectId}`, { rel: { __op: 'AddRelation', objects: [ptr] } });
    assert.equal(u.status, 200);
    assert.deepEqual(Object.keys(u.body), ['updatedAt']);
    const q = await rest('GET', `/classes/${OTHER}`, undefined, {
      query: { where: { $relatedTo: { object: { __type: 'Pointer', className: C, objectId: c.body.objectId }, key: 'rel' } } },
    });
    assert.deepEqual(
      q.body.results.map((x) => x.objectId),
      [otherId]
    );
    u = await rest('PUT', `/classes/${C}/${c.body.objectId}`, { rel: { __op: 'RemoveRelation', objects: [ptr] } });
    assert.equal(u.status, 200);
    assert.deepEqual(Object.keys(u.body), ['updatedAt']);
    const q2 = await rest('GET', `/classes/${OTHER}`, undefined, {
      query: { where: { $relatedTo: { object: { __type: 'Pointer', className: C, objectId: c.body.objectId }, key: 'rel' } } },
    });
    assert.deepEqual(q2.body.results, []);
  });
});
