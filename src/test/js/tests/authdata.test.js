'use strict';
// authData: anonymous users through the SDK, and Apple / Google / Facebook log-in verified against a
// local fake of each provider (key sets and Graph API) that this file serves on
// PARSE_FAKE_PROVIDER_PORT; the server under test is configured to use it (src/test/liberty/server.env).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const h = require('./helpers');
const { Parse, rest, RUN } = h;

const FAKE_PORT = process.env.PARSE_FAKE_PROVIDER_PORT;
// Keys are made as PEM and read back: Node 20 can deadlock when the garbage collector finalises
// the key generation job while a key object it returned is being exported as a JWK (seen here once).
function rsaKeyPair() {
  const pem = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey: crypto.createPrivateKey(pem.privateKey), publicKey: crypto.createPublicKey(pem.publicKey) };
}
const { privateKey, publicKey } = rsaKeyPair();
// A new key id per run, as providers do when they rotate keys (the server caches key sets).
const KID = `test-key-${RUN}`;
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
const { privateKey: otherKey } = rsaKeyPair();

function b64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}
function idToken(claims, key = privateKey, kid = KID) {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64url({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, ...claims });
  const sig = crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url');
  return `${head}.${body}.${sig}`;
}

// Facebook Graph fake: token "fb-token-<id>" belongs to user <id> and to app fb-app.
function graph(req, res) {
  const url = new URL(req.url, 'http://x');
  const token = url.searchParams.get('access_token') || '';
  const m = /^fb-token-(.+)$/.exec(token);
  res.setHeader('Content-Type', 'application/json');
  if (!m) {
    res.statusCode = 400;
    return res.end(JSON.stringify({ error: { message: 'Invalid OAuth access token.' } }));
  }
  if (url.pathname.endsWith('/me')) return res.end(JSON.stringify({ id: m[1] }));
  if (url.pathname.endsWith('/app')) return res.end(JSON.stringify({ id: m[1] === 'otherapp' ? 'other-app' : 'fb-app' }));
  res.statusCode = 404;
  res.end('{}');
}

describe('authData: anonymous and third-party log-in', { skip: !FAKE_PORT && 'no PARSE_FAKE_PROVIDER_PORT (fake providers)' }, () => {
  let server;
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url.startsWith('/apple/keys') || req.url.startsWith('/google/certs')) {
        res.setHeader('Content-Type', 'application/json');
        return res.end(JSON.stringify({ keys: [jwk] }));
      }
      if (req.url.startsWith('/graph/')) return graph(req, res);
      res.statusCode = 404;
      res.end();
    });
    await new Promise((resolve) => server.listen(Number(FAKE_PORT), '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('anonymous: the SDK signs up, logs back in with the same id, and gets 201 then 200', async () => {
    const user = await Parse.AnonymousUtils.logIn();
    assert.ok(user.id);
    assert.match(user.getSessionToken(), /^r:[0-9a-f]{32}$/);
    assert.equal(user.get('username').length, 25);
    const anonId = user.get('authData').anonymous.id;
    await Parse.User.logOut();

    const first = await rest('POST', '/users', { authData: { anonymous: { id: `anon-${RUN}` } } });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(Object.keys(first.body), ['objectId', 'createdAt', 'username', 'sessionToken', 'authDataResponse']);
    const again = await rest('POST', '/users', { authData: { anonymous: { id: `anon-${RUN}` } } });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.objectId, first.body.objectId);
    assert.deepEqual(again.body.authData, { anonymous: { id: `anon-${RUN}` } });
    assert.notEqual(again.body.sessionToken, first.body.sessionToken);
    const session = await rest('GET', '/sessions/me', undefined, { headers: { 'X-Parse-Session-Token': again.body.sessionToken } });
    assert.deepEqual(session.body.createdWith, { action: 'login', authProvider: 'anonymous' });
    assert.ok(anonId);
  });

  test('bad authData: unknown provider 252, non-string id 162, empty authData', async () => {
    const unknown = await rest('POST', '/users', { authData: { myspace: { id: '1', token: 'x' } } });
    assert.deepEqual(unknown.body, { code: 252, error: 'This authentication method is unsupported.' });
    const badId = await rest('POST', '/users', { authData: { anonymous: { id: { $ne: null } } } });
    assert.deepEqual(badId.body, { code: 162, error: "Invalid authData id for provider 'anonymous'." });
    const numeric = await rest('POST', '/users', { authData: { anonymous: { id: 123 } } });
    assert.equal(numeric.body.code, 162);
    // authData without any provider data is no credential: the username/password rules apply
    const empty = await rest('POST', '/users', { authData: { anonymous: {} } });
    assert.deepEqual(empty.body, { code: 200, error: 'bad or missing username' });
  });

  test('Apple and Google: a signed ID token for the right audience logs in; anything else is 101', async (t) => {
    if (await h.isPostgres()) return t.skip('the reference is not configured with the fake providers');
    const sub = `apple-${RUN}`;
    const good = idToken({ iss: 'https://appleid.apple.com', aud: 'com.example.app', sub });
    const signUp = await rest('POST', '/users', { authData: { apple: { id: sub, token: good } } });
    assert.equal(signUp.status, 201, signUp.text);
    const logIn = await rest('POST', '/users', { authData: { apple: { id: sub, token: good } } });
    assert.equal(logIn.status, 200, logIn.text);
    assert.equal(logIn.body.objectId, signUp.body.objectId);

    const cases = [
      [idToken({ iss: 'https://appleid.apple.com', aud: 'com.example.app', sub }, otherKey), 'invalid signature'],
      [idToken({ iss: 'https://appleid.apple.com', aud: 'someone-else', sub }), 'jwt audience invalid. expected: com.example.app'],
      [idToken({ iss: 'https://evil.example', aud: 'com.example.app', sub }), 'id token not issued by correct OpenID provider - expected: https://appleid.apple.com | from: https://evil.example'],
      [idToken({ iss: 'https://appleid.apple.com', aud: 'com.example.app', sub: 'someone-else' }), 'auth data is invalid for this user.'],
      [idToken({ iss: 'https://appleid.apple.com', aud: 'com.example.app', sub, exp: 1000 }), 'jwt expired'],
      [idToken({ iss: 'https://appleid.apple.com', aud: 'com.example.app', sub }, privateKey, 'unknown-kid'), 'Unable to find matching key for Key ID: unknown-kid'],
      ['not-a-jwt', 'jwt malformed'],
    ];
    for (const [token, error] of cases) {
      const r = await rest('POST', '/users', { authData: { apple: { id: sub, token } } });
      assert.deepEqual([r.status, r.body], [404, { code: 101, error }], error);
    }
    const noToken = await rest('POST', '/users', { authData: { apple: { id: sub } } });
    assert.deepEqual(noToken.body, { code: 101, error: 'id token is invalid for this user.' });

    const gsub = `google-${RUN}`;
    const g = await rest('POST', '/users', { authData: { google: { id: gsub, token: idToken({ iss: 'accounts.google.com', aud: 'google-client', sub: gsub }) } } });
    assert.equal(g.status, 201, g.text);
    const gBad = await rest('POST', '/users', { authData: { google: { id: gsub, token: idToken({ iss: 'https://appleid.apple.com', aud: 'google-client', sub: gsub }) } } });
    assert.equal(gBad.body.error, 'id token not issued by correct provider - expected: accounts.google.com or https://accounts.google.com | from: https://appleid.apple.com');
  });

  test('Facebook: the Graph API must confirm the user and the app', async (t) => {
    if (await h.isPostgres()) return t.skip('the reference is not configured with the fake providers');
    const id = `fb${RUN}`;
    const ok = await rest('POST', '/users', { authData: { facebook: { id, access_token: `fb-token-${id}` } } });
    assert.equal(ok.status, 201, ok.text);
    const wrongUser = await rest('POST', '/users', { authData: { facebook: { id, access_token: 'fb-token-someoneelse' } } });
    assert.deepEqual(wrongUser.body, { code: 101, error: 'Facebook auth is invalid for this user.' });
    const wrongApp = await rest('POST', '/users', { authData: { facebook: { id: 'otherapp', access_token: 'fb-token-otherapp' } } });
    assert.deepEqual(wrongApp.body, { code: 101, error: 'Facebook auth is invalid for this user.' });
  });

  test('linking and unlinking: 208 when another user owns the id; only the owner may link', async () => {
    const a = await rest('POST', '/users', { username: `link_a_${RUN}`, password: 'pw' });
    const b = await rest('POST', '/users', { username: `link_b_${RUN}`, password: 'pw' });
    const asA = { headers: { 'X-Parse-Session-Token': a.body.sessionToken } };
    const asB = { headers: { 'X-Parse-Session-Token': b.body.sessionToken } };
    const link = await rest('PUT', `/users/${a.body.objectId}`, { authData: { anonymous: { id: `link-${RUN}` } } }, asA);
    assert.equal(link.status, 200, link.text);
    const steal = await rest('PUT', `/users/${b.body.objectId}`, { authData: { anonymous: { id: `link-${RUN}` } } }, asB);
    assert.deepEqual(steal.body, { code: 208, error: 'this auth is already used' });
    const viaAnon = await rest('POST', '/users', { authData: { anonymous: { id: `link-${RUN}` } } });
    assert.equal(viaAnon.body.objectId, a.body.objectId, 'the linked id logs in as its owner');
    const me = await rest('GET', `/users/${a.body.objectId}`, undefined, asB);
    assert.equal(me.body.authData, undefined, "other users never see a user's authData");
    const unlink = await rest('PUT', `/users/${a.body.objectId}`, { authData: { anonymous: null } }, asA);
    assert.equal(unlink.status, 200, unlink.text);
    const after = await rest('GET', `/users/${a.body.objectId}`, undefined, asA);
    assert.equal(after.body.authData, undefined);
    const fresh = await rest('POST', '/users', { authData: { anonymous: { id: `link-${RUN}` } } });
    assert.equal(fresh.status, 201, 'after unlinking, the id is free again');
  });
});
