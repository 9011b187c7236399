'use strict';
/*
 * fake-push.js: local fake push services for the push tests and the push benchmark.
 *
 *   FCM  (HTTP/1.1, plain http on 127.0.0.1): POST /token (the OAuth2 JWT bearer grant; the RS256
 *        assertion is verified against the fake service account's key) and
 *        POST /v1/projects/<project>/messages:send (Bearer access token required).
 *   APNs (HTTP/2 over TLS on 127.0.0.1, a self-signed certificate for 127.0.0.1 and localhost):
 *        POST /3/device/<token> with an ES256 provider token (kid and iss checked, signature
 *        verified once per token), apns-topic required, payloads over 4096 bytes refused (413).
 *
 * In a test (same process):
 *
 *   const { startFakePush } = require('./fake-push');
 *   const fake = await startFakePush({ fcmPort: 0, apnsPort: 0, dir: '/tmp/x', record: true });
 *   fake.fcmUrl, fake.apnsUrl            'http://127.0.0.1:<port>', 'https://127.0.0.1:<port>'
 *   fake.files                           { serviceAccount, apnsKey, apnsCa }: paths of the PEM/JSON files
 *   fake.pushOption({ topic, production }) the server's push option ({android, ios}) pointing here
 *   fake.fcm / fake.apns                 arrays of what arrived (record: true; the default):
 *        fcm:  { project, token, message, at }        (message: the FCM v1 message, token included)
 *        apns: { token, headers, payload, at }        (headers: the apns-* request headers)
 *   fake.counts                          { fcm, apns, fcmRefused, apnsRefused, tokenGrants }: always kept
 *   fake.answer(token, { status, reason, errorCode, retryAfter, times })
 *        answers the next `times` requests for that device token (every one when times is omitted)
 *        with that status: APNs gets {"reason": reason}, FCM an error with that errorCode.
 *        token '*' answers for every token. Shorthands:
 *   fake.unregister(token)               FCM 404 UNREGISTERED, APNs 410 Unregistered
 *   fake.throttle(token, times, retryAfterSeconds)   429 (QUOTA_EXCEEDED / TooManyRequests)
 *   fake.waitFor(n, timeoutMs)           resolves when fcm + apns counts reach n
 *   fake.reset()                         forgets what arrived and the scripted answers
 *   await fake.close()
 *
 * From another process (the benchmark, a Java test): `node fake-push.js --fcm-port N --apns-port M
 * --dir D [--no-record]` prints one JSON line ({fcmUrl, apnsUrl, files, pushOption}) and serves
 * until killed; the same controls are HTTP on the FCM port:
 *   GET /__fake/received  -> {fcm, apns, counts}      POST /__fake/answer {token, status, ...}
 *   POST /__fake/reset                                 GET /__fake/counts -> counts and cpuMicros (CPU used)
 *
 * Built for throughput: one JSON parse per request, answers without delay, records optional.
 * The files in `dir` are kept between runs (a server that read them at its start keeps working).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const http2 = require('node:http2');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const KEY_ID = 'FAKEKEY123';
const TEAM_ID = 'FAKETEAM12';
const PROJECT = 'fake-project';
const STORE_PASS = 'fakepush';

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function fromB64url(s) {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Keys and certificate in dir: made once, reused afterwards. */
function material(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    serviceAccount: path.join(dir, 'service-account.json'),
    rsaKey: path.join(dir, 'fcm-rsa-key.pem'),
    apnsKey: path.join(dir, 'apns-key.p8'),
    apnsCa: path.join(dir, 'apns-ca.pem'),
    tls: path.join(dir, 'apns-tls.p12'),
  };
  if (!fs.existsSync(files.rsaKey)) {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(files.rsaKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  if (!fs.existsSync(files.apnsKey)) {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    fs.writeFileSync(files.apnsKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  if (!fs.existsSync(files.tls) || !fs.existsSync(files.apnsCa)) {
    // keytool comes with the JDK the build needs; node cannot make a certificate by itself.
    fs.rmSync(files.tls, { force: true });
    execFileSync('keytool', ['-genkeypair', '-alias', 'apns', '-keyalg', 'EC', '-groupname', 'secp256r1',
      '-dname', 'CN=localhost', '-ext', 'san=ip:127.0.0.1,dns:localhost', '-validity', '3650',
      '-storetype', 'PKCS12', '-keystore', files.tls, '-storepass', STORE_PASS, '-keypass', STORE_PASS],
    { stdio: 'pipe' });
    execFileSync('keytool', ['-exportcert', '-rfc', '-alias', 'apns', '-keystore', files.tls,
      '-storepass', STORE_PASS, '-file', files.apnsCa], { stdio: 'pipe' });
  }
  return files;
}

async function startFakePush(options = {}) {
  const dir = path.resolve(options.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'fake-push-')));
  const record = options.record !== false;
  const files = material(dir);
  const rsaPrivate = crypto.createPrivateKey(fs.readFileSync(files.rsaKey));
  const rsaPublic = crypto.createPublicKey(rsaPrivate);
  const apnsPublic = crypto.createPublicKey(crypto.createPrivateKey(fs.readFileSync(files.apnsKey)));

  const fake = {
    fcm: [], apns: [],
    counts: { fcm: 0, apns: 0, fcmRefused: 0, apnsRefused: 0, tokenGrants: 0 },
    answers: new Map(),
    accessTokens: new Set(),
    providerTokens: new Set(),
    waiters: [],
  };

  function scripted(token) {
    for (const key of [token, '*']) {
      const a = fake.answers.get(key);
      if (a) {
        if (a.times !== undefined) {
          if (a.times <= 0) continue;
          a.times--;
        }
        return a;
      }
    }
    return null;
  }

  function delivered(kind, entry) {
    fake.counts[kind]++;
    if (record) fake[kind].push(entry);
    if (fake.waiters.length) {
      const total = fake.counts.fcm + fake.counts.apns;
      fake.waiters = fake.waiters.filter(w => (total >= w.n ? (w.resolve(), false) : true));
    }
  }

  // ---- FCM over HTTP/1.1 ----
  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function json(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  function grant(form, res) {
    const params = new URLSearchParams(form);
    const assertion = params.get('assertion') || '';
    const [h, c, s] = assertion.split('.');
    let claims = null;
    try {
      const ok = crypto.verify('sha256', Buffer.from(h + '.' + c), rsaPublic, fromB64url(s || ''));
      claims = ok ? JSON.parse(fromB64url(c).toString('utf8')) : null;
    } catch (e) {
      claims = null;
    }
    if (params.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !claims
        || claims.scope !== 'https://www.googleapis.com/auth/firebase.messaging') {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    const token = 'ya29.fake-' + crypto.randomBytes(12).toString('hex');
    fake.accessTokens.add(token);
    fake.counts.tokenGrants++;
    return json(res, 200, { access_token: token, expires_in: options.tokenLifetime || 3599, token_type: 'Bearer' });
  }

  function fcmSend(req, body, res, project) {
    const auth = req.headers.authorization || '';
    if (!auth.startsWith('Bearer ') || !fake.accessTokens.has(auth.slice(7))) {
      fake.counts.fcmRefused++;
      return json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    }
    let message;
    try {
      message = JSON.parse(body).message;
    } catch (e) {
      message = null;
    }
    if (!message || typeof message.token !== 'string') {
      fake.counts.fcmRefused++;
      return json(res, 400, { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } });
    }
    const answer = scripted(message.token);
    if (answer) {
      fake.counts.fcmRefused++;
      const status = answer.unregistered ? 404 : answer.status;
      const errorCode = answer.errorCode || (status === 404 ? 'UNREGISTERED' : status === 429 ? 'QUOTA_EXCEEDED' : 'INTERNAL');
      const headers = answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {};
      return json(res, status, {
        error: {
          code: status, message: answer.reason || 'Scripted answer.', status: status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
          details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }],
        },
      }, headers);
    }
    delivered('fcm', { project, token: message.token, message, at: Date.now() });
    return json(res, 200, { name: `projects/${project}/messages/${fake.counts.fcm}` });
  }

  function control(req, body, res) {
    const url = req.url;
    if (url === '/__fake/received') return json(res, 200, { fcm: fake.fcm, apns: fake.apns, counts: fake.counts });
    if (url === '/__fake/counts') {
      const cpu = process.cpuUsage();
      return json(res, 200, { ...fake.counts, cpuMicros: cpu.user + cpu.system });
    }
    if (url === '/__fake/reset' && req.method === 'POST') { api.reset(); return json(res, 200, {}); }
    if (url === '/__fake/answer' && req.method === 'POST') {
      const a = JSON.parse(body);
      api.answer(a.token, a);
      return json(res, 200, {});
    }
    return json(res, 404, { error: 'unknown control' });
  }

  const fcmServer = http.createServer({ keepAliveTimeout: 60000 }, (req, res) => {
    handleFcm(req, res).catch(e => { if (!res.headersSent) json(res, 500, { error: String(e.message || e) }); });
  });
  async function handleFcm(req, res) {
    const body = await readBody(req);
    const m = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url);
    if (req.method === 'POST' && m) return fcmSend(req, body, res, m[1]);
    if (req.method === 'POST' && req.url === '/token') return grant(body, res);
    if (req.url.startsWith('/__fake/')) return control(req, body, res);
    return json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
  }
  fcmServer.keepAliveTimeout = 60000;

  // ---- APNs over HTTP/2 and TLS ----
  function providerTokenValid(auth) {
    if (!auth || !auth.startsWith('bearer ')) return false;
    const jwt = auth.slice(7);
    if (fake.providerTokens.has(jwt)) return true;
    const [h, c, s] = jwt.split('.');
    try {
      const header = JSON.parse(fromB64url(h).toString('utf8'));
      const claims = JSON.parse(fromB64url(c).toString('utf8'));
      const ok = header.alg === 'ES256' && header.kid === KEY_ID && claims.iss === TEAM_ID
        && crypto.verify('sha256', Buffer.from(h + '.' + c), { key: apnsPublic, dsaEncoding: 'ieee-p1363' }, fromB64url(s));
      if (ok) fake.providerTokens.add(jwt);
      return ok;
    } catch (e) {
      return false;
    }
  }

  const apnsServer = http2.createSecureServer({
    pfx: fs.readFileSync(files.tls), passphrase: STORE_PASS,
    settings: { maxConcurrentStreams: 1000 },
  });
  apnsServer.on('stream', (stream, headers) => {
    const chunks = [];
    stream.on('data', c => chunks.push(c));
    stream.on('end', () => {
      const answer = (status, reason, extra = {}) => {
        if (stream.destroyed) return;
        const apnsId = headers['apns-id'] || crypto.randomUUID();
        if (reason) {
          const text = JSON.stringify(status === 410 ? { reason, timestamp: Date.now() } : { reason });
          stream.respond({ ':status': status, 'apns-id': apnsId, 'content-type': 'application/json', ...extra });
          stream.end(text);
        } else {
          stream.respond({ ':status': status, 'apns-id': apnsId }, { endStream: true });
        }
      };
      const m = /^\/3\/device\/([^/?]+)$/.exec(headers[':path'] || '');
      if (headers[':method'] !== 'POST' || !m) return answer(404, 'BadPath');
      const token = decodeURIComponent(m[1]);
      const body = Buffer.concat(chunks);
      if (!providerTokenValid(headers.authorization)) { fake.counts.apnsRefused++; return answer(403, 'InvalidProviderToken'); }
      if (!headers['apns-topic']) { fake.counts.apnsRefused++; return answer(400, 'MissingTopic'); }
      if (body.length > 4096) { fake.counts.apnsRefused++; return answer(413, 'PayloadTooLarge'); }
      let payload;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch (e) {
        fake.counts.apnsRefused++;
        return answer(400, 'PayloadEmpty');
      }
      const scriptedAnswer = scripted(token);
      if (scriptedAnswer) {
        const a = scriptedAnswer.unregistered ? { ...scriptedAnswer, status: 410 } : scriptedAnswer;
        fake.counts.apnsRefused++;
        const reason = a.reason || (a.status === 410 ? 'Unregistered' : a.status === 429 ? 'TooManyRequests' : 'InternalServerError');
        return answer(a.status, reason, a.retryAfter !== undefined ? { 'retry-after': String(a.retryAfter) } : {});
      }
      const apnsHeaders = {};
      for (const k of Object.keys(headers)) if (k.startsWith('apns-')) apnsHeaders[k] = headers[k];
      delivered('apns', { token, headers: apnsHeaders, payload, at: Date.now() });
      return answer(200);
    });
    stream.on('error', () => {});
  });
  apnsServer.on('sessionError', () => {});

  await new Promise(r => fcmServer.listen(options.fcmPort || 0, '127.0.0.1', r));
  await new Promise(r => apnsServer.listen(options.apnsPort || 0, '127.0.0.1', r));
  const fcmUrl = `http://127.0.0.1:${fcmServer.address().port}`;
  const apnsUrl = `https://127.0.0.1:${apnsServer.address().port}`;

  // The service account names this fake's token endpoint; rewritten each start (the key stays).
  fs.writeFileSync(files.serviceAccount, JSON.stringify({
    type: 'service_account', project_id: PROJECT, private_key_id: 'fake',
    private_key: fs.readFileSync(files.rsaKey, 'utf8'),
    client_email: `push@${PROJECT}.iam.gserviceaccount.com`, client_id: '1',
    token_uri: `${fcmUrl}/token`,
  }, null, 2));

  const api = {
    dir, fcmUrl, apnsUrl,
    files: { serviceAccount: files.serviceAccount, apnsKey: files.apnsKey, apnsCa: files.apnsCa },
    keyId: KEY_ID, teamId: TEAM_ID, project: PROJECT,
    get fcm() { return fake.fcm; },
    get apns() { return fake.apns; },
    get counts() { return fake.counts; },
    pushOption({ topic = 'com.example.app', production = false } = {}) {
      return {
        android: { firebaseServiceAccount: files.serviceAccount, fcmEndpoint: fcmUrl },
        ios: {
          token: { key: files.apnsKey, keyId: KEY_ID, teamId: TEAM_ID },
          topic, production, apnsEndpoint: apnsUrl, apnsCaFile: files.apnsCa,
        },
      };
    },
    answer(token, { status, reason, errorCode, retryAfter, times, unregistered } = {}) {
      if (!unregistered && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
        throw new Error('fake-push: an answer needs an HTTP status (or unregistered: true)');
      }
      fake.answers.set(token, { status, reason, errorCode, retryAfter, times, unregistered });
    },
    // FCM's 404 UNREGISTERED or APNs' 410 Unregistered, whichever service is asked.
    unregister(token) { fake.answers.set(token, { unregistered: true }); },
    throttle(token, times = 1, retryAfter = 0) { api.answer(token, { status: 429, times, retryAfter }); },
    waitFor(n, timeoutMs = 10000) {
      if (fake.counts.fcm + fake.counts.apns >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake-push: ${fake.counts.fcm + fake.counts.apns} of ${n} after ${timeoutMs} ms`)), timeoutMs);
        fake.waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    reset() {
      fake.fcm = []; fake.apns = []; fake.answers.clear();
      for (const k of Object.keys(fake.counts)) fake.counts[k] = 0;
    },
    async close() {
      fcmServer.closeAllConnections?.();
      await new Promise(r => fcmServer.close(() => r()));
      await new Promise(r => apnsServer.close(() => r()));
    },
  };
  return api;
}

module.exports = { startFakePush, KEY_ID, TEAM_ID };

if (require.main === module) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  startFakePush({
    fcmPort: Number(arg('--fcm-port', 0)), apnsPort: Number(arg('--apns-port', 0)),
    dir: arg('--dir', undefined), record: !process.argv.includes('--no-record'),
  }).then(f => {
    process.stdout.write(JSON.stringify({ fcmUrl: f.fcmUrl, apnsUrl: f.apnsUrl, files: f.files, pushOption: f.pushOption() }) + '\n');
  }, e => { console.error(e); process.exit(1); });
}
