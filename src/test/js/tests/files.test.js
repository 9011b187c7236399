'use strict';
// Files: upload (raw body, and the JavaScript SDK's Parse.File), download by URL, delete with the
// master key, the fileUpload rules and file names Parse Server checks, and the file triggers of
// src/test/java/dev/jakartaparse/examples/ExampleCloudCode.java.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const NAME_RE = /^[0-9a-f]{32}_/;

async function signUp(name) {
  const u = await rest('POST', '/users', { username: `${name}_${RUN}`, password: 'pw' });
  return { 'X-Parse-Session-Token': u.body.sessionToken };
}

const upload = (name, data, headers = {}, opts = {}) => rest('POST', `/files/${name}`, Buffer.from(data),
  { ...opts, headers: { 'Content-Type': 'text/plain', ...headers } });

describe('files', () => {
  let skip = false;
  let user;
  before(async () => {
    skip = await h.isPostgres();
    user = await signUp('filer');
  });

  test('a user uploads, anyone with the URL downloads, the master key deletes', async (t) => {
    if (skip) return t.skip('the reference allows public uploads and runs its own cloud code');
    const res = await upload('hello.txt', `hello ${RUN}`, user);
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body), ['url', 'name']);
    assert.match(res.body.name, NAME_RE);
    assert.ok(res.body.name.endsWith('_hello.txt'));
    assert.equal(res.body.url, `${h.SERVER_URL}/files/${h.APP_ID}/${res.body.name}`);
    assert.equal(res.headers.get('location'), res.body.url);

    const got = await fetch(res.body.url);
    assert.equal(got.status, 200);
    assert.match(got.headers.get('content-type'), /^text\/plain/);
    assert.equal(await got.text(), `hello ${RUN}`);
    const wrongApp = await fetch(`${h.SERVER_URL}/files/OTHER_APP/${res.body.name}`);
    assert.equal(wrongApp.status, 403);

    assert.equal((await rest('DELETE', `/files/${res.body.name}`)).status, 403, 'clients cannot delete files');
    assert.deepEqual((await rest('DELETE', `/files/${res.body.name}`, undefined, { master: true })).body, {});
    const gone = await fetch(res.body.url);
    assert.equal(gone.status, 404);
    assert.equal(await gone.text(), 'File not found.');
    assert.deepEqual((await rest('DELETE', `/files/${res.body.name}`, undefined, { master: true })).body,
      { code: 153, error: 'FileNotFound' });
  });

  test('the JavaScript SDK saves a Parse.File and an object that points to it', async (t) => {
    if (skip) return t.skip('the reference allows public uploads and runs its own cloud code');
    const me = await Parse.User.logIn(`filer_${RUN}`, 'pw');
    const file = new Parse.File('note.txt', { base64: Buffer.from(`sdk ${RUN}`).toString('base64') }, 'text/plain');
    await file.save({ sessionToken: me.getSessionToken() });
    assert.match(file.name(), NAME_RE);
    assert.equal(await (await fetch(file.url())).text(), `sdk ${RUN}`);
    const doc = new Parse.Object('Document');
    doc.set('attachment', file);
    await doc.save(null, { sessionToken: me.getSessionToken() });
    const back = await new Parse.Query('Document').get(doc.id, { sessionToken: me.getSessionToken() });
    assert.equal(back.get('attachment').url(), file.url());
    await Parse.User.logOut();
  });

  test('who may upload, file names and extensions, as Parse Server checks them', async (t) => {
    if (skip) return t.skip('the reference allows public uploads and runs its own cloud code');
    assert.deepEqual((await upload('public.txt', 'x')).body, { code: 130, error: 'File upload by public is disabled.' });
    const anon = await rest('POST', '/users', { authData: { anonymous: { id: `anon-file-${RUN}` } } });
    assert.deepEqual((await upload('anon.txt', 'x', { 'X-Parse-Session-Token': anon.body.sessionToken })).body,
      { code: 130, error: 'File upload by anonymous user is disabled.' });
    assert.equal((await upload('by-master.txt', 'x', {}, { master: true })).status, 201);

    assert.deepEqual((await upload('bad%20name!.txt', 'x', user)).body,
      { code: 122, error: 'Filename contains invalid characters.' });
    assert.deepEqual((await upload('a'.repeat(129), 'x', user)).body, { code: 122, error: 'Filename too long.' });
    assert.deepEqual((await rest('POST', '/files', 'x', { headers: user })).body, { code: 122, error: 'Filename not provided.' });
    assert.deepEqual((await upload('page.html', '<b>x</b>', user)).body, { code: 130, error: 'File upload of extension html is disabled.' });
    assert.deepEqual((await upload('image.SVG', '<svg/>', user)).body, { code: 130, error: 'File upload of extension SVG is disabled.' });
    assert.deepEqual((await upload('noext', '<b>x</b>', { ...user, 'Content-Type': 'text/html' })).body,
      { code: 130, error: 'File upload of extension html is disabled.' });
    assert.equal((await upload('page.html', '<b>x</b>', {}, { master: true })).status, 201, 'the master key may upload any type');
    assert.deepEqual((await rest('POST', '/files/empty.txt', '', { headers: user })).body, { code: 130, error: 'Invalid file upload.' });
  });

  test('file triggers: beforeSaveFile refuses, replaces or renames; afterSaveFile and the delete triggers run', async (t) => {
    if (skip) return t.skip('the reference allows public uploads and runs its own cloud code');
    assert.deepEqual((await upload(`refuse_${RUN}.txt`, 'x', user)).body, { code: 130, error: 'files named refuse* are not accepted' });
    const upper = await upload(`upper_${RUN}.txt`, 'make me loud', user);
    assert.equal(await (await fetch(upper.body.url)).text(), 'MAKE ME LOUD');
    const renamed = await upload(`rename_${RUN}.txt`, 'x', user);
    assert.ok(renamed.body.name.endsWith(`_renamed_rename_${RUN}.txt`), renamed.body.name);
    const kept = await upload(`keep_${RUN}.txt`, 'x', user);
    assert.deepEqual((await rest('DELETE', `/files/${kept.body.name}`, undefined, { master: true })).body,
      { code: 153, error: 'this file is kept' });
    assert.equal((await fetch(kept.body.url)).status, 200, 'a refused delete deletes nothing');
    await rest('DELETE', `/files/${upper.body.name}`, undefined, { master: true });
    const events = (await rest('POST', '/functions/fileEvents', {}, { master: true })).body.result;
    assert.ok(events.includes(`saved ${upper.body.name} 12 ${upper.body.url}`), JSON.stringify(events));
    assert.ok(events.includes(`deleted ${upper.body.name}`));
    assert.ok(!events.some((e) => e.includes(`refuse_${RUN}`)), 'a refused file is not saved');
  });
});
