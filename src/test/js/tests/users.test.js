'use strict';
// Users and sessions through the official SDK and plain HTTP: sign-up, log-in, log-out, /users/me,
// become, uniqueness, who may modify a user, password changes, and the _Session rules.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const TOKEN_RE = /^r:[0-9a-f]{32}$/;
let counter = 0;
function uname(prefix = 'user') {
  counter += 1;
  return `${prefix}_${RUN}_${counter}`;
}

/** Signs up over REST; returns {id, token, username}. */
async function signUp(fields = {}) {
  const username = fields.username || uname();
  const r = await rest('POST', '/users', { username, password: 'pw-1', ...fields });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.objectId, token: r.body.sessionToken, username };
}

function asUser(token) {
  return { headers: { 'X-Parse-Session-Token': token } };
}

Parse.User.enableUnsafeCurrentUser();

describe('users: sign-up, log-in, sessions', () => {
  test('SDK sign-up, current user, log-out, log-in and become', async () => {
    const username = uname('sdk');
    const user = new Parse.User();
    user.set({ username, password: 'S3cret!', email: `${username}@example.com`, nickname: 'nick' });
    await user.signUp();
    assert.match(user.getSessionToken(), TOKEN_RE);
    assert.equal(user.get('password'), undefined);
    assert.equal(Parse.User.current().id, user.id);
    await Parse.User.logOut();
    assert.equal(Parse.User.current(), null);

    const again = await Parse.User.logIn(username, 'S3cret!');
    assert.equal(again.id, user.id);
    assert.equal(again.get('nickname'), 'nick');
    assert.equal(again.get('email'), `${username}@example.com`, 'users see their own email');
    assert.equal(again.get('_hashed_password'), undefined);
    const token = again.getSessionToken();

    const became = await Parse.User.become(token);
    assert.equal(became.id, user.id);
    became.set('nickname', 'changed');
    await became.save();
    const fetched = await new Parse.Query(Parse.User).get(user.id, { sessionToken: token });
    assert.equal(fetched.get('nickname'), 'changed');
    await Parse.User.logOut();
  });

  test('sign-up answers 201 with a session token and a Location under /users', async () => {
    const username = uname();
    const r = await rest('POST', '/users', { username, password: 'pw' });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body), ['objectId', 'createdAt', 'sessionToken']);
    assert.match(r.body.sessionToken, TOKEN_RE);
    assert.match(r.headers.get('location'), new RegExp(`/users/${r.body.objectId}$`));
  });

  test('sign-up errors: 200, 201, 125, and case-insensitive 202/203', async () => {
    const missingName = await rest('POST', '/users', { password: 'x' });
    assert.deepEqual([missingName.status, missingName.body], [400, { code: 200, error: 'bad or missing username' }]);
    const missingPw = await rest('POST', '/users', { username: uname() });
    assert.deepEqual(missingPw.body, { code: 201, error: 'password is required' });
    const badEmail = await rest('POST', '/users', { username: uname(), password: 'x', email: 'not-an-email' });
    assert.deepEqual(badEmail.body, { code: 125, error: 'Email address format is invalid.' });

    const first = uname('Mixed');
    await signUp({ username: first, email: `${first}@Example.com` });
    if (await h.isPostgres()) return; // the reference's PostgreSQL adapter compares case-sensitively
    const sameName = await rest('POST', '/users', { username: first.toUpperCase(), password: 'x' });
    assert.deepEqual(sameName.body, { code: 202, error: 'Account already exists for this username.' });
    const sameEmail = await rest('POST', '/users', { username: uname(), password: 'x', email: `${first}@example.COM`.toLowerCase() });
    assert.deepEqual(sameEmail.body, { code: 203, error: 'Account already exists for this email address.' });
  });

  test('log-in: POST and GET, by username or email; one message for every failure', async () => {
    const u = await signUp({ email: `${uname('mail')}@example.com` });
    const post = await rest('POST', '/login', { username: u.username, password: 'pw-1' });
    assert.equal(post.status, 200, post.text);
    assert.equal(post.body.objectId, u.id);
    assert.match(post.body.sessionToken, TOKEN_RE);
    assert.notEqual(post.body.sessionToken, u.token);
    assert.equal(post.body.password, undefined);

    const get = await rest('GET', '/login', undefined, { query: { username: u.username, password: 'pw-1' } });
    assert.equal(get.status, 200, get.text);
    assert.equal(get.body.objectId, u.id);

    const wrong = await rest('POST', '/login', { username: u.username, password: 'nope' });
    assert.deepEqual([wrong.status, wrong.body], [404, { code: 101, error: 'Invalid username/password.' }]);
    const unknown = await rest('POST', '/login', { username: uname('ghost'), password: 'nope' });
    assert.deepEqual([unknown.status, unknown.body], [404, { code: 101, error: 'Invalid username/password.' }]);
    const noName = await rest('POST', '/login', { password: 'x' });
    assert.deepEqual(noName.body, { code: 200, error: 'username/email is required.' });
    const noPw = await rest('POST', '/login', { username: u.username });
    assert.deepEqual(noPw.body, { code: 201, error: 'password is required.' });
    const typed = await rest('POST', '/login', { username: u.username, password: { $ne: 1 } });
    assert.deepEqual(typed.body, { code: 101, error: 'Invalid username/password.' });
  });

  test('/users/me, /sessions/me and log-out', async () => {
    const u = await signUp();
    const me = await rest('GET', '/users/me', undefined, asUser(u.token));
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.objectId, u.id);
    assert.equal(me.body.sessionToken, u.token);

    const session = await rest('GET', '/sessions/me', undefined, asUser(u.token));
    assert.equal(session.status, 200, session.text);
    assert.equal(session.body.sessionToken, u.token);
    assert.deepEqual(session.body.user, { __type: 'Pointer', className: '_User', objectId: u.id });
    assert.deepEqual(session.body.createdWith, { action: 'signup', authProvider: 'password' });
    assert.equal(session.body.expiresAt.__type, 'Date');

    // Parse Server sanitizes access-control messages by default (enableSanitizedErrorResponse).
    const noToken = await rest('GET', '/users/me');
    assert.deepEqual([noToken.status, noToken.body], [400, { code: 209, error: 'Permission denied' }]);
    const bogus = await rest('GET', '/users/me', undefined, asUser('r:00000000000000000000000000000000'));
    assert.deepEqual(bogus.body, { code: 209, error: 'Invalid session token' });

    const out = await rest('POST', '/logout', {}, asUser(u.token));
    assert.deepEqual([out.status, out.body], [200, {}]);
    const after = await rest('GET', '/users/me', undefined, asUser(u.token));
    assert.deepEqual(after.body, { code: 209, error: 'Invalid session token' });
  });

  test('a user is modified only by themselves: 206 without a session, 101 for another user', async () => {
    const a = await signUp();
    const b = await signUp();
    const anon = await rest('PUT', `/users/${a.id}`, { nickname: 'x' });
    assert.deepEqual(anon.body, { code: 206, error: 'Permission denied' });
    const other = await rest('PUT', `/users/${a.id}`, { nickname: 'x' }, asUser(b.token));
    assert.deepEqual(other.body, { code: 206, error: 'Permission denied' }); // "Insufficient auth.", sanitized
    const delAnon = await rest('DELETE', `/users/${a.id}`);
    assert.deepEqual(delAnon.body, { code: 206, error: 'Insufficient auth to delete user' });
    const delOther = await rest('DELETE', `/users/${a.id}`, undefined, asUser(b.token));
    assert.deepEqual(delOther.body, { code: 206, error: 'Permission denied' });
    const own = await rest('PUT', `/users/${a.id}`, { nickname: 'mine' }, asUser(a.token));
    assert.equal(own.status, 200, own.text);
    const verified = await rest('PUT', `/users/${a.id}`, { emailVerified: true }, asUser(a.token));
    assert.deepEqual(verified.body, { code: 119, error: 'Permission denied' });
  });

  test("other users never see a user's email; the user does", async () => {
    const email = `${uname('priv')}@example.com`;
    const a = await signUp({ email });
    const b = await signUp();
    await rest('PUT', `/users/${a.id}`, { ACL: { '*': { read: true } } }, asUser(a.token));
    const byB = await rest('GET', `/users/${a.id}`, undefined, asUser(b.token));
    assert.equal(byB.status, 200, byB.text);
    assert.equal(byB.body.email, undefined);
    assert.equal(byB.body.username, a.username);
    const byA = await rest('GET', `/users/${a.id}`, undefined, asUser(a.token));
    assert.equal(byA.body.email, email);
    const query = await rest('GET', '/users', undefined, { ...asUser(b.token), query: { where: { email } } });
    assert.deepEqual(query.body, { code: 119, error: 'Permission denied' });
  });

  test('a password change ends the other sessions and answers a new token', async () => {
    const a = await signUp();
    const second = await rest('POST', '/login', { username: a.username, password: 'pw-1' });
    const r = await rest('PUT', `/users/${a.id}`, { password: 'pw-2' }, asUser(a.token));
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.sessionToken, TOKEN_RE);
    const old = await rest('GET', '/users/me', undefined, asUser(second.body.sessionToken));
    assert.equal(old.body.code, 209);
    const fresh = await rest('GET', '/users/me', undefined, asUser(r.body.sessionToken));
    assert.equal(fresh.body.objectId, a.id);
    const oldPw = await rest('POST', '/login', { username: a.username, password: 'pw-1' });
    assert.equal(oldPw.body.code, 101);
    const newPw = await rest('POST', '/login', { username: a.username, password: 'pw-2' });
    assert.equal(newPw.body.objectId, a.id);
  });

  test('sessions: only your own, and their protected keys', async () => {
    const a = await signUp();
    const b = await signUp();
    const mine = await rest('GET', '/sessions', undefined, asUser(a.token));
    assert.ok(mine.body.results.length >= 1);
    assert.ok(mine.body.results.every((s) => s.user.objectId === a.id));
    const sessionId = mine.body.results[0].objectId;
    const byOther = await rest('GET', `/sessions/${sessionId}`, undefined, asUser(b.token));
    assert.equal(byOther.body.code, 101);
    const delOther = await rest('DELETE', `/sessions/${sessionId}`, undefined, asUser(b.token));
    assert.equal(delOther.body.code, 101);
    const setToken = await rest('PUT', `/sessions/${sessionId}`, { sessionToken: 'r:mine' }, asUser(a.token));
    assert.deepEqual(setToken.body, { code: 105, error: 'Invalid key name: sessionToken' });
    const setUser = await rest('PUT', `/sessions/${sessionId}`, { user: { __type: 'Pointer', className: '_User', objectId: b.id } }, asUser(a.token));
    assert.deepEqual(setUser.body, { code: 105, error: 'Invalid key name: user' });
    const anon = await rest('GET', '/sessions');
    assert.deepEqual(anon.body, { code: 209, error: 'Permission denied' });

    const created = await rest('POST', '/sessions', { note: 'device' }, asUser(a.token));
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.sessionToken, TOKEN_RE);
    assert.deepEqual(created.body.createdWith, { action: 'create' });
    assert.equal(created.body.user.objectId, a.id);
    const acl = await rest('POST', '/sessions', { ACL: {} }, asUser(a.token));
    assert.deepEqual(acl.body, { code: 105, error: 'Cannot set ACL on a Session.' });
    const noUser = await rest('POST', '/sessions', {});
    assert.deepEqual(noUser.body, { code: 209, error: 'Session token required.' });
  });

  test('a new log-in on the same installation replaces that installation\'s session', async () => {
    const a = await signUp();
    const inst = { 'X-Parse-Installation-Id': `inst-${RUN}-${counter}` };
    const one = await rest('POST', '/login', { username: a.username, password: 'pw-1' }, { headers: inst });
    const two = await rest('POST', '/login', { username: a.username, password: 'pw-1' }, { headers: inst });
    assert.notEqual(one.body.sessionToken, two.body.sessionToken);
    const first = await rest('GET', '/users/me', undefined, asUser(one.body.sessionToken));
    assert.equal(first.body.code, 209);
    const second = await rest('GET', '/users/me', undefined, asUser(two.body.sessionToken));
    assert.equal(second.body.objectId, a.id);
  });
});
