'use strict';
// The fake push services (fake-push.js) that the push tests and the push benchmark send to: they
// must refuse what FCM and APNs refuse, or a push test against them proves nothing. The server's
// adapters themselves are tested against this fake by the Java unit tests
// (PushAdaptersAgainstFakeTest); /push end to end comes with the push pipeline.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http2 = require('node:http2');
const os = require('node:os');
const path = require('node:path');
const { startFakePush } = require('./fake-push');

const b64url = (b) => Buffer.from(b).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

function jwt(header, claims, key, dsaEncoding) {
  const input = b64url(JSON.stringify(header)) + '.' + b64url(JSON.stringify(claims));
  const signature = crypto.sign('sha256', Buffer.from(input), dsaEncoding ? { key, dsaEncoding } : key);
  return input + '.' + b64url(signature);
}

function apnsRequest(fake, token, headers, body) {
  return new Promise((resolve, reject) => {
    const session = http2.connect(fake.apnsUrl, { ca: fs.readFileSync(fake.files.apnsCa) });
    session.on('error', reject);
    const req = session.request({ ':method': 'POST', ':path': `/3/device/${token}`, ...headers });
    let status;
    const chunks = [];
    req.on('response', (h) => { status = h[':status']; });
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      session.close();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status, body: text ? JSON.parse(text) : null });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('fake push services', () => {
  let fake;
  let dir;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-push-test-'));
    fake = await startFakePush({ dir });
  });
  after(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('FCM: the JWT bearer grant checks the service account signature; messages need its access token', async () => {
    const account = JSON.parse(fs.readFileSync(fake.files.serviceAccount, 'utf8'));
    assert.equal(account.token_uri, `${fake.fcmUrl}/token`);
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: account.client_email, scope: 'https://www.googleapis.com/auth/firebase.messaging', aud: account.token_uri, iat: now, exp: now + 3600 };
    const grant = (assertion) => fetch(account.token_uri, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:jwt-bearer')}&assertion=${assertion}`,
    });
    const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    assert.equal((await grant(jwt({ alg: 'RS256', typ: 'JWT' }, claims, otherKey))).status, 400);
    const ok = await grant(jwt({ alg: 'RS256', typ: 'JWT' }, claims, crypto.createPrivateKey(account.private_key)));
    assert.equal(ok.status, 200);
    const { access_token: accessToken, expires_in: expiresIn } = await ok.json();
    assert.ok(expiresIn > 0);

    const send = (token, auth) => fetch(`${fake.fcmUrl}/v1/projects/${account.project_id}/messages:send`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ message: { token, android: { priority: 'high', data: { data: '{"alert":"hi"}' } } } }),
    });
    assert.equal((await send('t1', 'not-issued')).status, 401);
    const sent = await send('t1', accessToken);
    assert.equal(sent.status, 200);
    assert.match((await sent.json()).name, /^projects\/fake-project\/messages\//);
    assert.equal(fake.fcm.length, 1);
    assert.equal(fake.fcm[0].message.android.data.data, '{"alert":"hi"}');

    fake.unregister('gone');
    const gone = await send('gone', accessToken);
    assert.equal(gone.status, 404);
    assert.equal((await gone.json()).error.details[0].errorCode, 'UNREGISTERED');
    fake.throttle('busy', 1, 3);
    const busy = await send('busy', accessToken);
    assert.equal(busy.status, 429);
    assert.equal(busy.headers.get('retry-after'), '3');
    assert.equal((await send('busy', accessToken)).status, 200, 'a throttle lasts the times asked');
  });

  test('APNs: HTTP/2 over TLS with a trusted test certificate; provider token, topic and size checked', async () => {
    const key = crypto.createPrivateKey(fs.readFileSync(fake.files.apnsKey));
    const token = jwt({ alg: 'ES256', kid: fake.keyId }, { iss: fake.teamId, iat: Math.floor(Date.now() / 1000) }, key, 'ieee-p1363');
    const headers = { authorization: `bearer ${token}`, 'apns-topic': 'com.example.app', 'apns-push-type': 'alert' };
    const payload = JSON.stringify({ aps: { alert: { body: 'hi' } }, custom: 1 });

    const ok = await apnsRequest(fake, 'dev1', headers, payload);
    assert.equal(ok.status, 200);
    assert.deepEqual(fake.apns.at(-1).payload, { aps: { alert: { body: 'hi' } }, custom: 1 });
    assert.equal(fake.apns.at(-1).headers['apns-topic'], 'com.example.app');

    const wrongTeam = jwt({ alg: 'ES256', kid: fake.keyId }, { iss: 'OTHER', iat: 1 }, key, 'ieee-p1363');
    const refused = await apnsRequest(fake, 'dev1', { ...headers, authorization: `bearer ${wrongTeam}` }, payload);
    assert.deepEqual([refused.status, refused.body.reason], [403, 'InvalidProviderToken']);
    const { 'apns-topic': _omitted, ...noTopic } = headers;
    assert.deepEqual((await apnsRequest(fake, 'dev1', noTopic, payload)).body.reason, 'MissingTopic');
    const big = await apnsRequest(fake, 'dev1', headers, JSON.stringify({ aps: { alert: 'x'.repeat(4100) } }));
    assert.deepEqual([big.status, big.body.reason], [413, 'PayloadTooLarge']);

    fake.unregister('old');
    const old = await apnsRequest(fake, 'old', headers, payload);
    assert.deepEqual([old.status, old.body.reason], [410, 'Unregistered']);
    fake.answer('bad', { status: 400, reason: 'BadDeviceToken' });
    assert.deepEqual((await apnsRequest(fake, 'bad', headers, payload)).body.reason, 'BadDeviceToken');
    assert.equal(fake.apns.length, 1, 'refused requests are not recorded as delivered');
  });

  test('the push option it hands out points the server at it', () => {
    const option = fake.pushOption({ topic: 'com.example.app' });
    assert.equal(option.android.fcmEndpoint, fake.fcmUrl);
    assert.equal(option.android.firebaseServiceAccount, fake.files.serviceAccount);
    assert.equal(option.ios.apnsEndpoint, fake.apnsUrl);
    assert.equal(option.ios.apnsCaFile, fake.files.apnsCa);
    assert.deepEqual(option.ios.token, { key: fake.files.apnsKey, keyId: fake.keyId, teamId: fake.teamId });
  });
});
