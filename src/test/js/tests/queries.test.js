'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, cls } = h;

const Q = cls('Score');
const P = cls('Player');
const TEAM = cls('Team');
const SHAPE = cls('Shape');
const MANY = cls('Many');

const names = (list) => list.map((o) => o.get('name'));
const sorted = (list) => names(list).sort();

describe('queries', () => {
  const players = {};
  const items = {};
  let team;

  before(async () => {
    team = new Parse.Object(TEAM);
    team.set({ name: 'reds', city: 'Paris' });
    await team.save();
    for (const n of ['alice', 'bob', 'carol']) {
      const p = new Parse.Object(P);
      p.set({ name: n, team, rank: n.length });
      players[n] = p;
    }
    await Parse.Object.saveAll(Object.values(players));
    const rows = [
      { name: 'alice', score: 10, group: 'g1', when: new Date('2020-01-01T00:00:00.000Z'), tags: ['a', 'b'], loc: new Parse.GeoPoint(40, -30), meta: { lvl: 1, sub: { x: 'p' } }, player: players.alice, desc: 'The quick brown fox jumps' },
      { name: 'bob', score: 20, group: 'g1', when: new Date('2021-01-01T00:00:00.000Z'), tags: ['b', 'c'], loc: new Parse.GeoPoint(40.1, -30.1), meta: { lvl: 2, sub: { x: 'q' } }, player: players.bob, desc: 'lazy dogs are sleeping' },
      { name: 'carol', score: 30, group: 'g2', when: new Date('2022-01-01T00:00:00.000Z'), tags: ['a', 'b', 'c'], loc: new Parse.GeoPoint(10, 10), meta: { lvl: 3, sub: { x: 'p' } }, player: players.alice, desc: 'quick thinking wins', optional: 'yes' },
      { name: 'dave', score: 40, group: 'g2', when: new Date('2023-01-01T00:00:00.000Z'), tags: [], loc: new Parse.GeoPoint(40.05, -30.05), meta: { lvl: 4, sub: { x: 'r' } }, desc: 'nothing to see' },
      { name: 'Alfred', score: 50, group: 'g1', when: new Date('2024-01-01T00:00:00.000Z'), tags: ['c'], meta: { lvl: 5, sub: { x: 's' } }, player: players.carol, desc: 'Alfred the great', ratio: 0.5 },
    ];
    for (const row of rows) {
      const o = new Parse.Object(Q);
      o.set(row);
      await o.save(); // sequential: distinct createdAt order
      items[row.name] = o;
    }
  });

  after(async () => {
    for (const c of [Q, P, TEAM, SHAPE, MANY]) await h.dropClass(c);
  });

  const q = () => new Parse.Query(Q);

  test('equalTo / notEqualTo', async () => {
    assert.deepEqual(names(await q().equalTo('name', 'bob').find()), ['bob']);
    assert.deepEqual(sorted(await q().notEqualTo('name', 'bob').find()), ['Alfred', 'alice', 'carol', 'dave']);
    assert.deepEqual(names(await q().equalTo('score', 30).find()), ['carol']);
    assert.deepEqual(await q().equalTo('name', 'nobody').find(), []);
  });

  test('lessThan / lessThanOrEqualTo / greaterThan / greaterThanOrEqualTo on numbers', async () => {
    assert.deepEqual(sorted(await q().lessThan('score', 30).find()), ['alice', 'bob']);
    assert.deepEqual(sorted(await q().lessThanOrEqualTo('score', 30).find()), ['alice', 'bob', 'carol']);
    assert.deepEqual(sorted(await q().greaterThan('score', 30).find()), ['Alfred', 'dave']);
    assert.deepEqual(sorted(await q().greaterThanOrEqualTo('score', 30).find()), ['Alfred', 'carol', 'dave']);
    assert.deepEqual(sorted(await q().greaterThan('score', 15).lessThan('score', 45).find()), ['bob', 'carol', 'dave']);
  });

  test('comparisons on dates, createdAt and updatedAt', async () => {
    assert.deepEqual(sorted(await q().lessThan('when', new Date('2022-01-01T00:00:00.000Z')).find()), ['alice', 'bob']);
    assert.deepEqual(sorted(await q().lessThanOrEqualTo('when', new Date('2022-01-01T00:00:00.000Z')).find()), ['alice', 'bob', 'carol']);
    assert.deepEqual(sorted(await q().greaterThan('when', new Date('2022-06-01T00:00:00.000Z')).find()), ['Alfred', 'dave']);
    assert.deepEqual(names(await q().equalTo('when', new Date('2021-01-01T00:00:00.000Z')).find()), ['bob']);
    // createdAt: saved sequentially, so strictly ordered
    assert.deepEqual(sorted(await q().greaterThan('createdAt', items.carol.createdAt).find()), ['Alfred', 'dave']);
    assert.deepEqual(sorted(await q().lessThanOrEqualTo('createdAt', items.bob.createdAt).find()), ['alice', 'bob']);
    assert.deepEqual(names(await q().equalTo('createdAt', items.carol.createdAt).find()), ['carol']);
    assert.equal((await q().greaterThan('updatedAt', new Date(Date.now() + 3600e3)).find()).length, 0);
    assert.equal((await q().lessThan('createdAt', new Date(Date.now() + 3600e3)).find()).length, 5);
    // REST with a Date object in the where clause
    const r = await rest('GET', `/classes/${Q}`, undefined, {
      query: { where: { createdAt: { $gte: { __type: 'Date', iso: items.dave.createdAt.toISOString() } } }, order: 'createdAt' },
    });
    assert.deepEqual(
      r.body.results.map((x) => x.name),
      ['dave', 'Alfred']
    );
  });

  test('containedIn / notContainedIn', async () => {
    assert.deepEqual(sorted(await q().containedIn('name', ['alice', 'carol', 'zed']).find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().notContainedIn('name', ['alice', 'carol']).find()), ['Alfred', 'bob', 'dave']);
    assert.deepEqual(sorted(await q().containedIn('score', [10, 50]).find()), ['Alfred', 'alice']);
    // on an array field: any element in the list
    assert.deepEqual(sorted(await q().containedIn('tags', ['a']).find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().containedIn('tags', ['c', 'zzz']).find()), ['Alfred', 'bob', 'carol']);
  });

  test('containsAll / containsAllStartingWith / containedBy', async () => {
    assert.deepEqual(sorted(await q().containsAll('tags', ['a', 'b']).find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().containsAll('tags', ['a', 'c']).find()), ['carol']);
    assert.deepEqual(sorted(await q().containsAllStartingWith('tags', ['a', 'b']).find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().containedBy('tags', ['a', 'b']).find()), ['alice', 'dave']);
    assert.deepEqual(sorted(await q().containedBy('tags', ['c']).find()), ['Alfred', 'dave']);
  });

  test('array equality and array contains', async () => {
    if (await h.isPostgres()) {
      // The PostgreSQL reference cannot do equality on an array field: 500 (and the SDK retries 5xx,
      // so check it through REST only).
      const r = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { tags: 'c' } } });
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, { code: 1, error: 'An internal server error occurred' });
      return;
    }
    // MongoDB: a scalar matches arrays containing it; an array matches exactly.
    assert.deepEqual(names(await q().equalTo('tags', 'a').find()).sort(), ['alice', 'carol']);
    assert.deepEqual(names(await q().equalTo('tags', ['a', 'b']).find()), ['alice']);
    const r = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { tags: 'c' }, order: 'score' } });
    assert.deepEqual(
      r.body.results.map((x) => x.name),
      ['bob', 'carol', 'Alfred']
    );
  });

  test('exists / doesNotExist', async () => {
    assert.deepEqual(names(await q().exists('optional').find()), ['carol']);
    assert.deepEqual(sorted(await q().doesNotExist('optional').find()), ['Alfred', 'alice', 'bob', 'dave']);
    assert.deepEqual(sorted(await q().doesNotExist('player').find()), ['dave']);
    assert.deepEqual(sorted(await q().doesNotExist('loc').find()), ['Alfred']);
  });

  test('startsWith / endsWith / matches (with options)', async () => {
    assert.deepEqual(names(await q().startsWith('name', 'Al').find()), ['Alfred']);
    assert.deepEqual(sorted(await q().startsWith('name', 'al').find()), ['alice']);
    assert.deepEqual(sorted(await q().endsWith('name', 'e').find()), ['alice', 'dave']);
    assert.deepEqual(sorted(await q().matches('name', /^al/i).find()), ['Alfred', 'alice']);
    assert.deepEqual(sorted(await q().matches('name', '^AL', 'i').find()), ['Alfred', 'alice']);
    assert.deepEqual(sorted(await q().matches('name', 'o').find()), ['bob', 'carol']);
    // regex metacharacters are quoted by startsWith
    assert.deepEqual(await q().startsWith('name', 'a.').find(), []);
    // multiline and extended options
    assert.deepEqual(sorted(await q().matches('desc', '^lazy', 'm').find()), ['bob']);
    assert.deepEqual(sorted(await q().matches('desc', 'qu ick # comment', 'x').find()), ['alice', 'carol']);
  });

  test('matchesQuery / doesNotMatchQuery (pointer into another class)', async () => {
    const inner = new Parse.Query(P).equalTo('name', 'alice');
    assert.deepEqual(sorted(await q().matchesQuery('player', inner).find()), ['alice', 'carol']);
    if (await h.isPostgres()) {
      // PostgreSQL reference: objects without the pointer are not returned.
      assert.deepEqual(sorted(await q().doesNotMatchQuery('player', inner).find()), ['Alfred', 'bob']);
    } else {
      // MongoDB ($nin): objects without the pointer match too.
      assert.deepEqual(sorted(await q().doesNotMatchQuery('player', inner).find()), ['Alfred', 'bob', 'dave']);
    }
  });

  test('matchesKeyInQuery / doesNotMatchKeyInQuery', async () => {
    const inner = new Parse.Query(P).lessThan('rank', 5); // bob (3) and alice (5)? rank = name length
    assert.deepEqual(sorted(await q().matchesKeyInQuery('name', 'name', inner).find()), ['bob']);
    const all = new Parse.Query(P);
    assert.deepEqual(sorted(await q().doesNotMatchKeyInQuery('name', 'name', all).find()), ['Alfred', 'dave']);
    assert.deepEqual(sorted(await q().matchesKeyInQuery('name', 'name', all).find()), ['alice', 'bob', 'carol']);
  });

  test('relation queries ($relatedTo) and equality on a relation field', async () => {
    const owner = new Parse.Object(TEAM);
    owner.set('name', 'owners');
    owner.relation('members').add([players.alice, players.carol]);
    await owner.save();
    const members = await owner.relation('members').query().ascending('name').find();
    assert.deepEqual(names(members), ['alice', 'carol']);
    const teams = await new Parse.Query(TEAM).equalTo('members', players.alice).find();
    assert.deepEqual(names(teams), ['owners']);
    const none = await new Parse.Query(TEAM).equalTo('members', players.bob).find();
    assert.deepEqual(none, []);
  });

  test('or / and / nor, nested', async () => {
    const low = q().lessThan('score', 15);
    const high = q().greaterThan('score', 45);
    assert.deepEqual(sorted(await Parse.Query.or(low, high).find()), ['Alfred', 'alice']);
    assert.deepEqual(sorted(await Parse.Query.and(q().greaterThan('score', 15), q().lessThan('score', 45)).find()), ['bob', 'carol', 'dave']);
    assert.deepEqual(sorted(await Parse.Query.nor(low, high).find()), ['bob', 'carol', 'dave']);
    // (score < 15 or score > 45) and group = g1 -> alice, Alfred; nested inside an or
    const nested = Parse.Query.or(Parse.Query.and(Parse.Query.or(low, high), q().equalTo('group', 'g1')), q().equalTo('name', 'dave'));
    assert.deepEqual(sorted(await nested.find()), ['Alfred', 'alice', 'dave']);
    // or combined with a top-level constraint
    const combined = Parse.Query.or(low, high);
    combined.equalTo('group', 'g1');
    assert.deepEqual(sorted(await combined.find()), ['Alfred', 'alice']);
  });

  test('dotted keys into objects', async () => {
    assert.deepEqual(sorted(await q().greaterThan('meta.lvl', 3).find()), ['Alfred', 'dave']);
    assert.deepEqual(sorted(await q().equalTo('meta.sub.x', 'p').find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().lessThanOrEqualTo('meta.lvl', 1).find()), ['alice']);
    // MongoDB: $exists on a dotted key works (5); the PostgreSQL reference answers none.
    assert.equal((await q().exists('meta.sub').find()).length, (await h.isPostgres()) ? 0 : 5);
  });

  test('pointer equality', async () => {
    assert.deepEqual(sorted(await q().equalTo('player', players.alice).find()), ['alice', 'carol']);
    assert.deepEqual(sorted(await q().notEqualTo('player', players.alice).find()), ['Alfred', 'bob', 'dave']);
    assert.deepEqual(sorted(await q().containedIn('player', [players.bob, players.carol]).find()), ['Alfred', 'bob']);
    const r = await rest('GET', `/classes/${Q}`, undefined, {
      query: { where: { player: { __type: 'Pointer', className: P, objectId: players.bob.id } } },
    });
    assert.deepEqual(
      r.body.results.map((x) => x.name),
      ['bob']
    );
  });

  test('geo: near orders by distance; near + maxDistance', async () => {
    const origin = new Parse.GeoPoint(40, -30);
    assert.deepEqual(names(await q().near('loc', origin).find()), ['alice', 'dave', 'bob', 'carol']);
    assert.deepEqual(names(await q().near('loc', origin).limit(2).find()), ['alice', 'dave']);
    assert.deepEqual(names(await q().withinKilometers('loc', origin, 20, true).find()), ['alice', 'dave', 'bob']);
  });

  test('geo: withinKilometers / withinMiles / withinRadians', async () => {
    const origin = new Parse.GeoPoint(40, -30);
    // bob is ~13.9 km, dave ~7 km from the origin
    assert.deepEqual(sorted(await q().withinKilometers('loc', origin, 10, false).find()), ['alice', 'dave']);
    assert.deepEqual(sorted(await q().withinKilometers('loc', origin, 20, false).find()), ['alice', 'bob', 'dave']);
    assert.deepEqual(sorted(await q().withinMiles('loc', origin, 5, false).find()), ['alice', 'dave']);
    assert.deepEqual(sorted(await q().withinMiles('loc', origin, 10, false).find()), ['alice', 'bob', 'dave']);
    assert.deepEqual(sorted(await q().withinRadians('loc', origin, 0.001, false).find()), ['alice']);
    assert.deepEqual(sorted(await q().withinRadians('loc', origin, 1, false).find()), ['alice', 'bob', 'carol', 'dave']);
  });

  test('geo: withinGeoBox', async () => {
    const sw = new Parse.GeoPoint(39, -31);
    const ne = new Parse.GeoPoint(41, -29);
    assert.deepEqual(sorted(await q().withinGeoBox('loc', sw, ne).find()), ['alice', 'bob', 'dave']);
    const sw2 = new Parse.GeoPoint(5, 5);
    const ne2 = new Parse.GeoPoint(15, 15);
    assert.deepEqual(sorted(await q().withinGeoBox('loc', sw2, ne2).find()), ['carol']);
  });

  test('geo: withinPolygon', async () => {
    const poly = [new Parse.GeoPoint(39, -31), new Parse.GeoPoint(39, -29), new Parse.GeoPoint(41, -29), new Parse.GeoPoint(41, -31)];
    assert.deepEqual(sorted(await q().withinPolygon('loc', poly).find()), ['alice', 'bob', 'dave']);
    const tri = [new Parse.GeoPoint(0, 0), new Parse.GeoPoint(20, 0), new Parse.GeoPoint(0, 20)];
    assert.deepEqual(sorted(await q().withinPolygon('loc', tri).find()), ['carol']);
  });

  test('geo: polygonContains', async () => {
    const a = new Parse.Object(SHAPE);
    a.set({ name: 'square', area: new Parse.Polygon([[0, 0], [0, 10], [10, 10], [10, 0]]) });
    const b = new Parse.Object(SHAPE);
    b.set({ name: 'far', area: new Parse.Polygon([[50, 50], [50, 60], [60, 60], [60, 50]]) });
    await Parse.Object.saveAll([a, b]);
    const hit = await new Parse.Query(SHAPE).polygonContains('area', new Parse.GeoPoint(5, 5)).find();
    assert.deepEqual(names(hit), ['square']);
    const miss = await new Parse.Query(SHAPE).polygonContains('area', new Parse.GeoPoint(30, 30)).find();
    assert.deepEqual(miss, []);
  });

  test('fullText', async () => {
    const found = await q().fullText('desc', 'quick').find();
    assert.deepEqual(sorted(found), ['alice', 'carol']);
    const stem = await q().fullText('desc', 'sleep').find();
    assert.deepEqual(sorted(stem), ['bob']); // stemming: sleeping ~ sleep
    assert.deepEqual(await q().fullText('desc', 'zebra').find(), []);
  });

  test('ascending / descending on several keys', async () => {
    assert.deepEqual(names(await q().ascending('score').find()), ['alice', 'bob', 'carol', 'dave', 'Alfred']);
    assert.deepEqual(names(await q().descending('score').find()), ['Alfred', 'dave', 'carol', 'bob', 'alice']);
    assert.deepEqual(names(await q().ascending('group').addDescending('score').find()), ['Alfred', 'bob', 'alice', 'dave', 'carol']);
    assert.deepEqual(names(await q().descending('group').addAscending('name').find()), ['carol', 'dave', 'Alfred', 'alice', 'bob']);
    assert.deepEqual(names(await q().ascending('when').find()), ['alice', 'bob', 'carol', 'dave', 'Alfred']);
    assert.deepEqual(names(await q().descending('createdAt').find()), ['Alfred', 'dave', 'carol', 'bob', 'alice']);
    const r = await rest('GET', `/classes/${Q}`, undefined, { query: { order: 'group,-score', keys: 'name' } });
    assert.deepEqual(
      r.body.results.map((x) => x.name),
      ['Alfred', 'bob', 'alice', 'dave', 'carol']
    );
  });

  test('skip and limit', async () => {
    assert.deepEqual(names(await q().ascending('score').skip(1).limit(2).find()), ['bob', 'carol']);
    assert.deepEqual(names(await q().ascending('score').skip(4).find()), ['Alfred']);
    assert.deepEqual(await q().ascending('score').skip(10).find(), []);
    assert.equal((await q().limit(0).find()).length, 0);
  });

  test('default limit is 100; explicit limit goes beyond', async () => {
    await h.createMany(
      MANY,
      Array.from({ length: 120 }, (_, i) => ({ i }))
    );
    const r = await rest('GET', `/classes/${MANY}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.results.length, 100);
    assert.equal((await new Parse.Query(MANY).find()).length, 100);
    assert.equal((await new Parse.Query(MANY).limit(1000).find()).length, 120);
    assert.equal(await new Parse.Query(MANY).count(), 120);
    const all = await new Parse.Query(MANY).findAll({ batchSize: 50 });
    assert.equal(all.length, 120);
  });

  test('select (keys) and exclude', async () => {
    const [o] = await q().equalTo('name', 'bob').select('score', 'meta.lvl').find();
    assert.equal(o.get('score'), 20);
    assert.equal(o.get('name'), undefined);
    assert.equal(o.get('tags'), undefined);
    if (await h.isPostgres()) {
      // PostgreSQL reference returns the whole object for a dotted key.
      assert.deepEqual(o.get('meta'), { lvl: 2, sub: { x: 'q' } });
    } else {
      // MongoDB projection on a dotted key returns only that sub-field.
      assert.deepEqual(o.get('meta'), { lvl: 2 });
    }
    assert.ok(o.createdAt instanceof Date);
    assert.ok(o.updatedAt instanceof Date);
    const r = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { name: 'bob' }, keys: 'score' } });
    assert.deepEqual(Object.keys(r.body.results[0]).sort(), ['createdAt', 'objectId', 'score', 'updatedAt']);

    const [e] = await q().equalTo('name', 'bob').exclude('tags', 'meta').find();
    assert.equal(e.get('name'), 'bob');
    assert.equal(e.get('score'), 20);
    assert.equal(e.has('tags'), false);
    assert.equal(e.has('meta'), false);
  });

  test('include: pointer, nested a.b, and *', async () => {
    const [c] = await q().equalTo('name', 'carol').include('player').find();
    assert.equal(c.get('player').get('name'), 'alice');
    assert.equal(c.get('player').get('team').get('name'), undefined); // team not included

    const [n] = await q().equalTo('name', 'carol').include('player.team').find();
    assert.equal(n.get('player').get('name'), 'alice');
    assert.equal(n.get('player').get('team').get('name'), 'reds');
    assert.equal(n.get('player').get('team').get('city'), 'Paris');

    const [s] = await q().equalTo('name', 'bob').include('*').find();
    assert.equal(s.get('player').get('name'), 'bob');

    // REST shape of an included pointer: a full object with __type Object and className
    const r = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { name: 'bob' }, include: 'player' } });
    const pl = r.body.results[0].player;
    assert.equal(pl.__type, 'Object');
    assert.equal(pl.className, P);
    assert.equal(pl.objectId, players.bob.id);
    assert.equal(pl.name, 'bob');
    assert.equal(typeof pl.createdAt, 'string');
    // without include: a bare pointer
    const r2 = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { name: 'bob' } } });
    assert.deepEqual(r2.body.results[0].player, { __type: 'Pointer', className: P, objectId: players.bob.id });
    // include of a missing pointer key is ignored
    const [d] = await q().equalTo('name', 'dave').include('player').find();
    assert.equal(d.get('player'), undefined);
  });

  test('count and withCount', async () => {
    assert.equal(await q().count(), 5);
    assert.equal(await q().greaterThan('score', 25).count(), 3);
    const r = await rest('GET', `/classes/${Q}`, undefined, { query: { where: { score: { $gt: 25 } }, count: '1', limit: '0' } });
    assert.deepEqual(r.body, { results: [], count: 3 });
    const wc = await q().ascending('score').limit(2).withCount().find();
    assert.equal(wc.count, 3 + 2);
    assert.deepEqual(names(wc.results), ['alice', 'bob']);
    const r2 = await rest('GET', `/classes/${Q}`, undefined, { query: { count: '1', limit: '1', order: 'score', keys: 'name' } });
    assert.equal(r2.body.count, 5);
    assert.equal(r2.body.results.length, 1);
  });

  test('distinct (master key)', async () => {
    const groups = await q().distinct('group', { useMasterKey: true });
    assert.deepEqual([...groups].sort(), ['g1', 'g2']);
    const filtered = await q().lessThan('score', 35).distinct('name', { useMasterKey: true });
    assert.deepEqual([...filtered].sort(), ['alice', 'bob', 'carol']);
    const r = await rest('GET', `/aggregate/${Q}`, undefined, { master: true, query: { distinct: 'score', where: { group: 'g2' } } });
    assert.equal(r.status, 200);
    assert.deepEqual([...r.body.results].sort(), [30, 40]);
  });

  test('aggregate (master key): $group, $sort, $project', async () => {
    const res = await q().aggregate([{ $group: { _id: '$group', total: { $sum: '$score' }, n: { $sum: 1 } } }], { useMasterKey: true });
    const byId = Object.fromEntries(res.map((x) => [x.objectId, x]));
    assert.deepEqual(Object.keys(byId).sort(), ['g1', 'g2']);
    assert.equal(byId.g1.total, 80);
    assert.equal(byId.g1.n, 3);
    assert.equal(byId.g2.total, 70);
    assert.equal(byId.g2.n, 2);
    const r = await rest('GET', `/aggregate/${Q}`, undefined, {
      master: true,
      query: { pipeline: [{ $project: { name: 1, score: 1 } }, { $sort: { score: -1 } }, { $limit: 2 }] },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.results.map((x) => [x.name, x.score]),
      [
        ['Alfred', 50],
        ['dave', 40],
      ]
    );
    assert.ok(r.body.results.every((x) => typeof x.objectId === 'string'));
  });

  test('aggregate without master key -> 403 {"error":"Permission denied"}', async () => {
    const r = await rest('GET', `/aggregate/${Q}`, undefined, { query: { distinct: 'score' } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error: 'Permission denied' });

  });

  test('Query.get on a missing id -> 101; first', async () => {
    await h.expectParseError(q().get('abcdefghij'), 101, 'Object not found.');
    const first = await q().ascending('score').first();
    assert.equal(first.get('name'), 'alice');
    const none = await q().equalTo('name', 'nobody').first();
    assert.equal(none, undefined);
    const g = await q().get(items.dave.id);
    assert.equal(g.get('name'), 'dave');
  });
});
