'use strict';
// A raw LiveQuery protocol client for the tests: send frames, wait for the frame that matches.
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { APP_ID, JS_KEY } = require('./helpers');

const clients = [];
/** Closes every client opened so far (call from after()). */
function closeAll() {
  clients.forEach((c) => c.close());
  clients.length = 0;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A raw protocol client: send frames, wait for the next frame that matches. */
class Raw {
  static async open(url, options = {}) {
    const raw = new Raw(new WebSocket(url, options));
    clients.push(raw);
    await new Promise((resolve, reject) => {
      raw.ws.once('open', resolve);
      raw.ws.once('error', reject);
    });
    return raw;
  }

  constructor(ws) {
    this.ws = ws;
    this.frames = [];
    this.waiters = [];
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(frame);
      else this.frames.push(frame);
    });
  }

  send(frame) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  next(match = () => true, ms = 5000) {
    const i = this.frames.findIndex(match);
    if (i >= 0) return Promise.resolve(this.frames.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const k = this.waiters.indexOf(waiter);
        if (k >= 0) {
          this.waiters.splice(k, 1);
          reject(new Error('no matching frame within ' + ms + ' ms; got ' + JSON.stringify(this.frames)));
        }
      }, ms);
    });
  }

  /** Asserts that no frame arrives (other than ones already taken) within ms. */
  async nothing(ms = 700) {
    await sleep(ms);
    assert.deepEqual(this.frames, []);
  }

  async connect(extra = {}) {
    this.send(Object.assign({ op: 'connect', applicationId: APP_ID, javascriptKey: JS_KEY }, extra));
    return this.next((f) => f.op === 'connected' || f.op === 'error');
  }

  async subscribe(requestId, query, extra = {}) {
    this.send(Object.assign({ op: 'subscribe', requestId, query }, extra));
    return this.next((f) => f.requestId === requestId && (f.op === 'subscribed' || f.op === 'error'));
  }

  event(requestId, ms) {
    return this.next((f) => f.requestId === requestId && ['create', 'update', 'enter', 'leave', 'delete'].includes(f.op), ms);
  }

  close() {
    this.ws.terminate();
  }
}

function nextEvent(emitter, name, ms = 5000) {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => reject(new Error(`no ${name} event within ${ms} ms`)), ms);
    emitter.on(name, (...args) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(args);
    });
  });
}

module.exports = { Raw, nextEvent, sleep, closeAll };
