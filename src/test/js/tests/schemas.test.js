'use strict';
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls } = h;

const M = { master: true };
const DEFAULT_CLP = {
  ACL: { '*': { read: true, write: true } },
  find: { '*': true },
  get: { '*': true },
  count: { '*': true },
  create: { '*': true },
  update: { '*': true },
  delete: { '*': true },
  addField: { '*': true },
  protectedFields: { '*': [] },
};
const DEFAULT_FIELDS = {
  objectId: { type: 'String' },
  createdAt: { type: 'Date' },
  updatedAt: { type: 'Date' },
  ACL: { type: 'ACL' },
};
const INVALID_CLASSNAME = (n) => `Invalid classname: ${n}, classnames can only have alphanumeric characters and _, and must start with an alpha character `;

const created = [];
function name(suffix) {
  const n = cls(suffix);
  created.push(n);
  return n;
}

describe('schemas', () => {
  after(async () => {
    for (const c of created) await h.dropClass(c);
  });

  test('inferred schema after the first save: exact shape, default fields and CLPs', async () => {
    const C = name('Inferred');
    const other = name('InfTarget');
    const o = await rest('POST', `/classes/${other}`, { x: 1 });
    const r = await rest('POST', `/classes/${C}`, {
      s: 'x',
      n: 1,
      b: true,
      d: { __type: 'Date', iso: '2020-01-01T00:00:00.000Z' },
      o: { k: 1 },
      a: [1],
      g: { __type: 'GeoPoint', latitude: 1, longitude: 2 },
      p: { __type: 'Pointer', className: other, objectId: o.body.objectId },
      f: { __type: 'File', name: 'f.txt' },
      by: { __type: 'Bytes', base64: 'AA==' },
      poly: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1]] },
      rel: { __op: 'AddRelation', objects: [{ __type: 'Pointer', className: other, objectId: o.body.objectId }] },
    });
    assert.equal(r.status, 201);
    const s = await rest('GET', `/schemas/${C}`, undefined, M);
    assert.equal(s.status, 200);
    assert.deepEqual(s.body, {
      className: C,
      fields: {
        ...DEFAULT_FIELDS,
        s: { type: 'String' },
        n: { type: 'Number' },
        b: { type: 'Boolean' },
        d: { type: 'Date' },
        o: { type: 'Object' },
        a: { type: 'Array' },
        g: { type: 'GeoPoint' },
        p: { type: 'Pointer', targetClass: other },
        f: { type: 'File' },
        by: { type: 'Bytes' },
        poly: { type: 'Polygon' },
        rel: { type: 'Relation', targetClass: other },
      },
      classLevelPermissions: DEFAULT_CLP,
    });
  });

  test('GET /schemas lists classes with the master key', async () => {
    const C = name('Listed');
    await rest('POST', `/classes/${C}`, { a: 1 });
    const r = await rest('GET', '/schemas', undefined, M);
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['results']);
    const mine = r.body.results.find((x) => x.className === C);
    assert.ok(mine, 'class listed');
    assert.deepEqual(mine.fields, { ...DEFAULT_FIELDS, a: { type: 'Number' } });
    assert.ok(r.body.results.some((x) => x.className === '_User'));
  });

  test('type lock-in: a String into a Number field -> 111', async () => {
    const C = name('Lock');
    await rest('POST', `/classes/${C}`, { score: 1, g: { __type: 'GeoPoint', latitude: 0, longitude: 0 } });
    let r = await rest('POST', `/classes/${C}`, { score: 'not a number' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: `schema mismatch for ${C}.score; expected Number but got String` });
    r = await rest('POST', `/classes/${C}`, { g: 'str' });
    assert.deepEqual(r.body, { code: 111, error: `schema mismatch for ${C}.g; expected GeoPoint but got String` });
    r = await rest('POST', `/classes/${C}`, { g: { __type: 'Pointer', className: 'X', objectId: 'y' } });
    assert.deepEqual(r.body, { code: 111, error: `schema mismatch for ${C}.g; expected GeoPoint but got Pointer<X>` });
    // the SDK sees the same error
    const o = new Parse.Object(C);
    o.set('score', 'nope');
    await h.expectParseError(o.save(), 111, `schema mismatch for ${C}.score; expected Number but got String`);
  });

  test('one GeoPoint per class', async () => {
    const C = name('Geo2');
    let r = await rest('POST', `/classes/${C}`, {
      a: { __type: 'GeoPoint', latitude: 1, longitude: 1 },
      b: { __type: 'GeoPoint', latitude: 2, longitude: 2 },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'there can only be one geopoint field in a class' });
    const S = name('Geo2S');
    r = await rest('POST', `/schemas/${S}`, { fields: { a: { type: 'GeoPoint' }, b: { type: 'GeoPoint' } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 111, error: 'currently, only one GeoPoint field may exist in an object. Adding b when a already exists.' });
  });

  test('invalid class names', async () => {
    for (const bad of ['1abc', 'a-b', '_Foo']) {
      const r = await rest('POST', `/schemas/${bad}`, {}, M);
      assert.equal(r.status, 400, bad);
      assert.deepEqual(r.body, { code: 103, error: INVALID_CLASSNAME(bad) }, bad);
    }
    // creating an object in such a class
    const r = await rest('POST', '/classes/1abc', { a: 1 });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: 'schema class name does not revalidate' });
  });

  test('invalid key names on objects -> 105 "Invalid field name: <k>."', async () => {
    const C = name('Keys');
    for (const bad of ['1abc', 'a-b', '$x', '_x', 'a b', '_rperm', '_id']) {
      const r = await rest('POST', `/classes/${C}`, { [bad]: 1 });
      assert.equal(r.status, 400, bad);
      assert.deepEqual(r.body, { code: 105, error: `Invalid field name: ${bad}.` }, bad);
    }
    // nested keys may not contain $ or .
    for (const nested of [{ $x: 1 }, { 'a.b': 1 }]) {
      const r = await rest('POST', `/classes/${C}`, { o: nested });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { code: 121, error: "Nested keys should not contain the '$' or '.' characters" });
    }
    // and in schema definitions
    const r = await rest('POST', `/schemas/${name('KeysS')}`, { fields: { '1abc': { type: 'String' } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 105, error: 'invalid field name: 1abc' });
  });

  test('reserved / default fields cannot be added; bad types', async () => {
    for (const f of ['ACL', 'createdAt', 'objectId']) {
      const r = await rest('POST', `/schemas/${name('Res' + f)}`, { fields: { [f]: { type: 'String' } } }, M);
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { code: 136, error: `field ${f} cannot be added` });
    }
    let r = await rest('POST', `/schemas/${name('BadType')}`, { fields: { a: { type: 'Foo' } } }, M);
    assert.deepEqual(r.body, { code: 111, error: 'invalid field type: Foo' });
    r = await rest('POST', `/schemas/${name('NoTarget')}`, { fields: { p: { type: 'Pointer' } } }, M);
    assert.deepEqual(r.body, { code: 135, error: 'type Pointer needs a class name' });
    r = await rest('POST', '/schemas', {}, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 135, error: 'POST /schemas needs a class name.' });
  });

  test('POST /schemas creates a class with fields and CLPs; conflicts', async () => {
    const C = name('Created');
    const clp = { find: { '*': true }, get: { '*': true }, count: {}, create: { '*': true }, update: { '*': true }, delete: {}, addField: {}, protectedFields: {} };
    const r = await rest(
      'POST',
      `/schemas/${C}`,
      {
        className: C,
        fields: { name: { type: 'String' }, n: { type: 'Number', required: true, defaultValue: 5 }, owner: { type: 'Pointer', targetClass: '_User' } },
        classLevelPermissions: clp,
      },
      M
    );
    assert.equal(r.status, 200);
    const expected = {
      className: C,
      fields: { ...DEFAULT_FIELDS, name: { type: 'String' }, n: { type: 'Number', required: true, defaultValue: 5 }, owner: { type: 'Pointer', targetClass: '_User' } },
      classLevelPermissions: clp,
    };
    assert.deepEqual(r.body, expected);
    assert.deepEqual((await rest('GET', `/schemas/${C}`, undefined, M)).body, expected);

    // className in the body only
    const C2 = name('BodyName');
    const r2 = await rest('POST', '/schemas', { className: C2 }, M);
    assert.equal(r2.status, 200);
    assert.deepEqual(r2.body, { className: C2, fields: DEFAULT_FIELDS, classLevelPermissions: DEFAULT_CLP });

    let e = await rest('POST', `/schemas/${C}`, { className: C }, M);
    assert.equal(e.status, 400);
    assert.deepEqual(e.body, { code: 103, error: `Class ${C} already exists.` });
    e = await rest('POST', `/schemas/${C}`, { className: 'Other' }, M);
    assert.deepEqual(e.body, { code: 103, error: `Class name mismatch between Other and ${C}.` });

    // defaultValue applies on create and is echoed in the create answer
    const o = await rest('POST', `/classes/${C}`, { name: 'x' });
    assert.equal(o.status, 201);
    assert.deepEqual(Object.keys(o.body).sort(), ['createdAt', 'n', 'objectId']);
    assert.equal(o.body.n, 5);

    // addField CLP is empty: a client cannot add a new field
    const nf = await rest('POST', `/classes/${C}`, { name: 'y', brandNew: 1 });
    assert.equal(nf.status, 400);
    assert.deepEqual(nf.body, { code: 119, error: 'Permission denied' });
    // delete CLP is empty
    const del = await rest('DELETE', `/classes/${C}/${o.body.objectId}`);
    assert.equal(del.status, 400);
    assert.equal(del.body.code, 119);
  });

  test('PUT /schemas: add a field, delete a field, errors', async () => {
    const C = name('Put');
    await rest('POST', `/schemas/${C}`, { fields: { keep: { type: 'String' } } }, M);
    let r = await rest('PUT', `/schemas/${C}`, { fields: { extra: { type: 'Date' } } }, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.fields, { ...DEFAULT_FIELDS, keep: { type: 'String' }, extra: { type: 'Date' } });
    // data in the deleted field disappears too
    const o = await rest('POST', `/classes/${C}`, { keep: 'k', extra: { __type: 'Date', iso: '2020-01-01T00:00:00.000Z' } });
    r = await rest('PUT', `/schemas/${C}`, { fields: { extra: { __op: 'Delete' } } }, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.fields, { ...DEFAULT_FIELDS, keep: { type: 'String' } });
    const g = await rest('GET', `/classes/${C}/${o.body.objectId}`);
    assert.equal('extra' in g.body, false);
    assert.equal(g.body.keep, 'k');

    r = await rest('PUT', `/schemas/${C}`, { fields: { nope: { __op: 'Delete' } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 255, error: 'Field nope does not exist, cannot delete.' });
    r = await rest('PUT', `/schemas/${C}`, { fields: { objectId: { __op: 'Delete' } } }, M);
    assert.deepEqual(r.body, { code: 136, error: 'field objectId cannot be changed' });
    r = await rest('PUT', `/schemas/${cls('PutMissing')}`, { fields: { a: { type: 'String' } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 103, error: `Class ${cls('PutMissing')} does not exist.` });
    r = await rest('GET', `/schemas/${cls('PutMissing')}`, undefined, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 103, error: `Class ${cls('PutMissing')} does not exist.` });
  });

  test('indexes: add, list, delete, errors', async () => {
    const C = name('Idx');
    await rest('POST', `/schemas/${C}`, { fields: { name: { type: 'String' } } }, M);
    let r = await rest('PUT', `/schemas/${C}`, { indexes: { name_idx: { name: 1 } } }, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.indexes, { _id_: { _id: 1 }, name_idx: { name: 1 } });
    assert.deepEqual((await rest('GET', `/schemas/${C}`, undefined, M)).body.indexes, { _id_: { _id: 1 }, name_idx: { name: 1 } });
    r = await rest('PUT', `/schemas/${C}`, { indexes: { name_idx: { name: 1 } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 102, error: 'Index name_idx exists, cannot update.' });
    r = await rest('PUT', `/schemas/${C}`, { indexes: { bad_idx: { nofield: 1 } } }, M);
    assert.deepEqual(r.body, { code: 102, error: 'Field nofield does not exist, cannot add index.' });
    r = await rest('PUT', `/schemas/${C}`, { indexes: { zzz: { __op: 'Delete' } } }, M);
    assert.deepEqual(r.body, { code: 102, error: 'Index zzz does not exist, cannot delete.' });
    r = await rest('PUT', `/schemas/${C}`, { indexes: { name_idx: { __op: 'Delete' } } }, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.indexes, { _id_: { _id: 1 } });
  });

  test('classLevelPermissions stored and returned; invalid CLP operation', async () => {
    const C = name('Clp');
    await rest('POST', `/classes/${C}`, { a: 1 });
    const clp = { find: { '*': true }, get: { '*': true }, count: { '*': true }, create: { '*': true }, update: { '*': true }, delete: { '*': true }, addField: {}, protectedFields: { '*': ['a'] } };
    let r = await rest('PUT', `/schemas/${C}`, { classLevelPermissions: clp }, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.classLevelPermissions, clp);
    assert.deepEqual((await rest('GET', `/schemas/${C}`, undefined, M)).body.classLevelPermissions, clp);
    // protectedFields hides "a" from clients but not from the master key
    const list = await rest('GET', `/classes/${C}`);
    assert.equal('a' in list.body.results[0], false);
    const mlist = await rest('GET', `/classes/${C}`, undefined, M);
    assert.equal(mlist.body.results[0].a, 1);
    r = await rest('PUT', `/schemas/${C}`, { classLevelPermissions: { foo: { '*': true } } }, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 107, error: 'foo is not a valid operation for class level permissions' });
  });

  test('DELETE /schemas/<Class> on a non-empty class -> 255; purge then drop', async () => {
    const C = name('Drop');
    await h.createMany(C, [{ a: 1 }, { a: 2 }, { a: 3 }]);
    let r = await rest('DELETE', `/schemas/${C}`, undefined, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 255, error: `Class ${C} is not empty, contains 3 objects, cannot drop schema.` });
    r = await rest('DELETE', `/purge/${C}`, undefined, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    const cnt = await rest('GET', `/classes/${C}`, undefined, { query: { count: '1', limit: '0' } });
    assert.equal(cnt.body.count, 0);
    // schema survives a purge
    assert.equal((await rest('GET', `/schemas/${C}`, undefined, M)).status, 200);
    r = await rest('DELETE', `/schemas/${C}`, undefined, M);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    r = await rest('GET', `/schemas/${C}`, undefined, M);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 103, error: `Class ${C} does not exist.` });
    // dropping / purging an absent class succeeds
    assert.equal((await rest('DELETE', `/schemas/${C}`, undefined, M)).status, 200);
    assert.equal((await rest('DELETE', `/purge/${C}`, undefined, M)).status, 200);
  });

  test('schemas and purge without the master key -> 403 {"error":"Permission denied"}', async () => {
    const C = name('NoMaster');
    await rest('POST', `/classes/${C}`, { a: 1 });
    for (const [method, path, body] of [
      ['GET', '/schemas', undefined],
      ['GET', `/schemas/${C}`, undefined],
      ['POST', `/schemas/${cls('NoMaster2')}`, {}],
      ['PUT', `/schemas/${C}`, { fields: { b: { type: 'String' } } }],
      ['DELETE', `/schemas/${C}`, undefined],
      ['DELETE', `/purge/${C}`, undefined],
    ]) {
      const r = await rest(method, path, body);
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.deepEqual(r.body, { error: 'Permission denied' }, `${method} ${path}`);
    }
    // nothing changed
    const s = await rest('GET', `/schemas/${C}`, undefined, M);
    assert.equal('b' in s.body.fields, false);
    const cnt = await rest('GET', `/classes/${C}`, undefined, { query: { count: '1', limit: '0' } });
    assert.equal(cnt.body.count, 1);
  });
});
