'use strict';
// Shared helpers for the black-box compatibility suite.
// The same tests run against the real Parse Server (reference) and against our server.

const http = require('node:http');
const Parse = require('parse/node');

const SERVER_URL = (process.env.PARSE_SERVER_URL || 'http://localhost:1338/parse').replace(/\/+$/, '');
const APP_ID = process.env.PARSE_APP_ID || 'APPLICATION_ID';
const JS_KEY = process.env.PARSE_JS_KEY || 'JS_KEY';
const REST_KEY = process.env.PARSE_REST_KEY || 'REST_KEY';
const MASTER_KEY = process.env.PARSE_MASTER_KEY || 'MASTER_KEY';

// Mount path of the server, e.g. "/parse" (batch paths carry it).
const MOUNT_PATH = new URL(SERVER_URL).pathname.replace(/\/+$/, '');

Parse.initialize(APP_ID, JS_KEY, MASTER_KEY);
Parse.serverURL = SERVER_URL;

// Unique per process (each test file runs in its own process) so that repeated runs
// against the same database never collide.
const RUN = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

/** A class name unique to this run: cls('Obj') -> "T<run>Obj". */
function cls(name) {
  return `T${RUN}${name}`;
}

/**
 * Plain HTTP call. path is relative to the server URL ("/classes/X").
 * body: object (JSON-encoded), string/Buffer (sent as is) or undefined.
 * opts.master: use the master key; opts.keys === false: send no keys at all;
 * opts.headers: extra/overriding headers; opts.query: object of query params (values JSON-encoded if not strings).
 */
async function rest(method, path, body, opts = {}) {
  let url = SERVER_URL + path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      qs.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    url += (url.includes('?') ? '&' : '?') + qs.toString();
  }
  const headers = {};
  if (opts.keys !== false) {
    headers['X-Parse-Application-Id'] = APP_ID;
    if (opts.master) headers['X-Parse-Master-Key'] = MASTER_KEY;
    else headers['X-Parse-REST-API-Key'] = REST_KEY;
  }
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
  }
  Object.assign(headers, opts.headers || {});
  for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text.length ? JSON.parse(text) : text;
  } catch (_) {
    /* keep text */
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** SDK-style call: POST text/plain with the envelope fields in the body. */
async function sdkStyle(path, payload, extra = {}) {
  const body = Object.assign({ _ApplicationId: APP_ID, _JavaScriptKey: JS_KEY, _ClientVersion: 'js8.6.2' }, payload, extra);
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  const res = await fetch(SERVER_URL + path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch (_) {
    /* keep text */
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Expect a promise to reject with a Parse.Error of the given code (and message if given). */
async function expectParseError(promise, code, message) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  if (!err) throw new Error(`expected Parse error ${code} but the call succeeded`);
  if (err.code !== code || (message !== undefined && (message instanceof RegExp ? !message.test(err.message) : err.message !== message))) {
    const e = new Error(`expected Parse error ${code} ${message || ''} but got ${err.code} ${err.message}`);
    e.cause = err;
    throw e;
  }
  return err;
}

/** Deletes every object of a class and the class schema itself (best effort). */
async function dropClass(className) {
  try {
    await rest('DELETE', `/purge/${className}`, undefined, { master: true });
    await rest('DELETE', `/schemas/${className}`, undefined, { master: true });
  } catch (_) {
    /* best effort */
  }
}

/** Creates objects via REST batch (chunks of 50). Returns their objectIds in order. */
async function createMany(className, bodies) {
  const ids = [];
  for (let i = 0; i < bodies.length; i += 50) {
    const chunk = bodies.slice(i, i + 50);
    const r = await rest('POST', '/batch', {
      requests: chunk.map((b) => ({ method: 'POST', path: `${MOUNT_PATH}/classes/${className}`, body: b })),
    });
    if (r.status !== 200 || !Array.isArray(r.body)) throw new Error('batch failed: ' + r.text);
    for (const item of r.body) {
      if (!item.success) throw new Error('batch item failed: ' + JSON.stringify(item));
      ids.push(item.success.objectId);
    }
  }
  return ids;
}

let flavorPromise;
/**
 * Storage flavour of the server under test: 'postgres' or 'mongo'.
 * The reference runs on PostgreSQL, our server follows MongoDB behaviour; a few answers legitimately
 * differ (PostgreSQL-only errors like code 119 "Postgres doesn't support ..."). Detected from the
 * answer to an unknown query operator: PostgreSQL says "Postgres doesn't support this query type yet",
 * MongoDB says 107 "bad constraint: $foo".
 */
function dbFlavor() {
  if (!flavorPromise) {
    // A case-sensitive $text search: MongoDB (and our server) answer it, the PostgreSQL adapter
    // refuses it ("$caseSensitive not supported", reported as an internal error).
    const probe = cls('Flavor');
    flavorPromise = rest('POST', `/classes/${probe}`, { s: 'x' }, { master: true })
      .then(() => rest('GET', `/classes/${probe}`, undefined, { master: true, query: { where: { s: { $text: { $search: { $term: 'x', $caseSensitive: true } } } } } }))
      .then((r) => (r.status === 200 ? 'mongo' : 'postgres'));
  }
  return flavorPromise;
}
async function isPostgres() {
  return (await dbFlavor()) === 'postgres';
}

const OBJECT_ID_RE = /^[A-Za-z0-9]{10}$/;
const ISO_MS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Asserts that no error body leaks a stack trace or internal paths. */
function assertNoStack(text) {
  const t = typeof text === 'string' ? text : JSON.stringify(text);
  if (/\n\s+at\s|\bat [A-Za-z_$.<>]+ \(|node_modules|\.java:\d+|Exception\b|\.js:\d+:\d+/.test(t)) {
    throw new Error('error body leaks internals: ' + t.slice(0, 500));
  }
}

/**
 * Sends the request line exactly as given (no URL normalisation or encoding), like curl -g --path-as-is.
 * pathAndQuery is below the mount path; opts.keys: 'rest' (default), 'master' or false for none.
 */
function rawRequest(method, pathAndQuery, { headers = {}, body, keys = 'rest' } = {}) {
  const url = new URL(SERVER_URL);
  const all = { ...headers };
  if (keys) {
    all['X-Parse-Application-Id'] = APP_ID;
    if (keys === 'master') all['X-Parse-Master-Key'] = MASTER_KEY;
    else all['X-Parse-REST-API-Key'] = REST_KEY;
  }
  if (body !== undefined && all['Content-Type'] === undefined) all['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: MOUNT_PATH + pathAndQuery, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        try {
          parsed = JSON.parse(text);
        } catch (_) {
          /* keep text */
        }
        resolve({ status: res.statusCode, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

module.exports = {
  rawRequest,
  Parse,
  SERVER_URL,
  APP_ID,
  JS_KEY,
  REST_KEY,
  MASTER_KEY,
  MOUNT_PATH,
  RUN,
  cls,
  rest,
  sdkStyle,
  expectParseError,
  dropClass,
  createMany,
  OBJECT_ID_RE,
  ISO_MS_RE,
  dbFlavor,
  isPostgres,
  assertNoStack,
};
