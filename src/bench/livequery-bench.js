#!/usr/bin/env node
// LiveQuery fan-out benchmark client. See src/bench/README.md; livequery-bench.sh runs it for both
// servers and several N and prints the table.
//
//   node livequery-bench.js run      one server, one N: prints a summary, writes the result as JSON (OUT_JSON)
//   node livequery-bench.js report   reads the JSON files named on the command line, prints the markdown tables
//
// `run` opens N WebSocket connections (one subscription each, all on LQTest where {"bench": <run id>}),
// then POSTs objects {"bench": <run id>, "lqk": k} through REST and times every subscriber's "create"
// event against the write's HTTP response:
//   - series: WRITES writes, one at a time: each waits until all N events arrived (or EVENT_TIMEOUT_MS)
//     plus GAP_MS, so that writes never overlap; time-to-last-event and per-subscriber latency;
//   - burst: BURST writes sent back-to-back (each as soon as the previous answered); events/s = events
//     received / (last event - first write's HTTP response).
// Before both, WARMUP_WRITES writes (not reported). Server memory: VmRSS of SERVER_PID before the
// connections and after all N subscribed.
//
// The subscribers live apart from the writer (whose event loop must stay free to timestamp HTTP
// responses): by default in WORKERS native processes (lq-subscribers.c, built here with gcc), with
// CLIENT=node in WORKERS worker threads. Neither parses events: an event is recognised by its leading
// {"op":"create" and its write by the "lqk": marker. All times are CLOCK_MONOTONIC (process.hrtime in
// node), one clock for every thread and process.
//
// Env of `run` (defaults): URL=http://localhost:1337/parse LABEL=ours N=1000 SERVER_PID= (no RSS/CPU)
//   WRITES=30 GAP_MS=250 BURST=20 WARMUP_WRITES=5 WORKERS=1 CONCURRENCY=200 (handshakes in flight)
//   EVENT_TIMEOUT_MS=20000 (per series write; the burst gets BURST times that, at most 60 s)
//   CONNECT_TIMEOUT_MS=30000 (one connection: handshake + connect + subscribe) SETTLE_MS=2000
//   MASTER=0 (1: subscribers connect with the master key) APP_ID=APPLICATION_ID MASTER_KEY=MASTER_KEY
//   CLASS=LQTest OUT_JSON= (file for the result) CLK_TCK=100
//   STORE_PID= (the store's process when it is not the server: our JVM in the reference's runs; CPU only)
//   QUIET_PCT=25 QUIET_MAX_S=300 (wait first until the machine uses at most QUIET_PCT % of a core)
//   HEAP=0 (1, JVM servers: jcmd GC.run before each RSS reading, and the live heap and direct buffers per connection)
'use strict';

const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const os = require('os');
const dns = require('dns').promises;

const MARK = Buffer.from('"lqk":');
const CREATE = Buffer.from('{"op":"create"');

// ---------------------------------------------------------------------------------------------
// Subscriber worker: opens its share of the connections, records the arrival time of every event.
// ---------------------------------------------------------------------------------------------
function subscriberWorker(cfg) {
  const { RawWebSocket } = require('./raw-websocket');
  const BASE = cfg.base;
  const now = () => Number(process.hrtime.bigint() - BASE) / 1e6;
  const n = cfg.count;
  const sockets = new Array(n);
  const arrivals = new Map(); // lqk -> Float64Array(n) of arrival times (NaN: not yet)
  const counts = new Map(); // lqk -> events received (first per subscriber)
  const lastAt = new Map(); // lqk -> latest arrival
  const stats = {
    duplicates: 0, otherEvents: 0, unexpectedFrames: 0, errorFrames: 0, closedAfterSubscribe: 0,
    connectFailures: 0, pings: 0, samples: [],
  };
  // The server's pings: the last PING_RING arrival times of each connection, to set beside lost events.
  const PING_RING = 8;
  const pingTimes = new Float64Array(n * PING_RING).fill(NaN);
  const pingCount = new Uint32Array(n);
  let subscribedCount = 0;
  let closing = false;
  const sample = (s) => { if (stats.samples.length < 10) stats.samples.push(String(s).slice(0, 400)); };

  function onEvent(i, data) {
    // "lqk":<digits>
    const at = data.indexOf(MARK);
    if (at < 0) { stats.otherEvents++; return; }
    let k = 0;
    for (let p = at + MARK.length; p < data.length; p++) {
      const c = data[p];
      if (c < 48 || c > 57) break;
      k = k * 10 + (c - 48);
    }
    const t = now();
    let arr = arrivals.get(k);
    if (arr === undefined) {
      arr = new Float64Array(n).fill(NaN);
      arrivals.set(k, arr);
      counts.set(k, 0);
      lastAt.set(k, -Infinity);
    }
    if (arr[i] === arr[i]) { stats.duplicates++; return; } // not NaN: already had it
    arr[i] = t;
    const c = counts.get(k) + 1;
    counts.set(k, c);
    if (t > lastAt.get(k)) lastAt.set(k, t);
    if (c === subscribedCount) parentPort.postMessage({ type: 'complete', k, last: lastAt.get(k) });
  }

  function isCreate(data) {
    if (data.length < CREATE.length) return false;
    for (let j = 0; j < CREATE.length; j++) if (data[j] !== CREATE[j]) return false;
    return true;
  }

  function open(i) {
    return new Promise((resolve) => {
      let done = false;
      let failed = false;
      let stage = 'no WebSocket handshake answer'; // how far it got, for the failure message
      const t0 = Date.now();
      const finish = (err) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) {
          failed = true;
          stats.connectFailures++;
          sample(`connection ${cfg.offset + i}: ${err} (after ${Date.now() - t0} ms; ${stage})`);
          try { ws.terminate(); } catch (e) { /* gone */ }
        } else {
          subscribedCount++;
          ws.subscribed = true;
        }
        resolve();
      };
      const timer = setTimeout(() => finish(`no "subscribed" within ${cfg.connectTimeoutMs} ms`), cfg.connectTimeoutMs);
      const ws = new RawWebSocket(cfg.wsUrl, {
        onOpen: () => { stage = 'handshake done, "connect" sent, no "connected"'; ws.send(cfg.connectFrame); },
        onMessage: (data, isBinary) => {
          if (!isBinary && isCreate(data)) { onEvent(i, data); return; }
          // Control frames (and anything unexpected): rare, so parse them.
          let m;
          try { m = JSON.parse(data.toString()); } catch (e) { stats.unexpectedFrames++; sample(`unparsable frame: ${data.toString()}`); return; }
          if (m.op === 'connected' && !done) {
            stage = '"connected" received, "subscribe" sent, no "subscribed"';
            ws.send(cfg.subscribeFrame);
          } else if (m.op === 'subscribed' && !done) {
            finish(null);
          } else if (m.op === 'error') {
            stats.errorFrames++;
            sample(`error frame on connection ${cfg.offset + i}: ${data.toString()}`);
            if (!done) finish(`error frame ${data.toString()}`);
          } else if (['update', 'enter', 'leave', 'delete'].includes(m.op)) {
            stats.otherEvents++;
          } else {
            stats.unexpectedFrames++;
            sample(`unexpected frame: ${data.toString()}`);
          }
        },
        onPing: () => { pingTimes[i * PING_RING + (pingCount[i]++ % PING_RING)] = now(); stats.pings++; },
        onError: (e) => { if (!done) finish(`socket error: ${e.message}`); else sample(`socket error after subscribe: ${e.message}`); },
        onClose: (code, reason) => {
          if (ws.onClosed) ws.onClosed();
          if (!done) finish(`closed before subscribed: ${code} ${reason}`);
          else if (!closing && !failed) {
            stats.closedAfterSubscribe++;
            sample(`connection ${cfg.offset + i} closed by the server at +${(now() / 1000).toFixed(1)} s: ${code} ${reason}`);
          }
        },
      }, cfg.connectTimeoutMs);
      sockets[i] = ws;
    });
  }

  async function openAll() {
    let next = 0;
    let lastReport = 0;
    const lane = async () => {
      while (next < n) {
        const i = next++;
        await open(i);
        const settled = subscribedCount + stats.connectFailures;
        if (settled - lastReport >= 1000 || settled === n) {
          lastReport = settled;
          parentPort.postMessage({ type: 'progress', settled, subscribed: subscribedCount });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, cfg.concurrency) }, lane));
    parentPort.postMessage({ type: 'ready', subscribed: subscribedCount, failed: stats.connectFailures, samples: stats.samples.slice() });
  }

  parentPort.on('message', (msg) => {
    if (msg.type === 'collect') {
      const out = {};
      const transfer = [];
      for (const k of msg.ks) {
        const arr = arrivals.get(k) || new Float64Array(n).fill(NaN);
        // Subscribers (global numbers) that never got write k, not counting failed connections.
        const miss = [];
        for (let i = 0; i < n && miss.length < 20; i++) {
          if (arr[i] !== arr[i] && sockets[i] && sockets[i].subscribed) {
            const pings = Array.from(pingTimes.subarray(i * PING_RING, (i + 1) * PING_RING)).filter((t) => t === t).sort((a, b) => a - b);
            miss.push({ subscriber: cfg.offset + i, pingsAtS: pings.map((t) => Math.round(t) / 1000) });
          }
        }
        if (miss.length) (stats.missing || (stats.missing = {}))[k] = miss;
        out[k] = arr;
        transfer.push(arr.buffer);
        arrivals.delete(k);
      }
      parentPort.postMessage({ type: 'collected', arrivals: out, stats }, transfer);
    } else if (msg.type === 'close') {
      closing = true;
      let live = 0;
      let closed = 0;
      const check = () => { if (closed >= live) parentPort.postMessage({ type: 'closed', live }); };
      for (const ws of sockets) {
        if (!ws || ws.readyState === RawWebSocket.CLOSED) continue;
        live++;
        ws.onClosed = () => { closed++; check(); };
        ws.close(1000);
      }
      check();
      // Servers that do not answer the close frame: cut them off.
      setTimeout(() => { for (const ws of sockets) if (ws && ws.readyState !== RawWebSocket.CLOSED) ws.terminate(); }, 5000).unref();
    }
  });

  openAll();
}

// ---------------------------------------------------------------------------------------------
// CLIENT=c: the subscribers as one native process (lq-subscribers.c), which costs the machine a
// third of what the node worker does per event. It stands in for the worker thread: the same
// messages, as JSON lines on its stdout; commands as lines on its stdin.
// ---------------------------------------------------------------------------------------------
function nativeSubscribersBinary() {
  const { execFileSync } = require('child_process');
  const src = `${__dirname}/lq-subscribers.c`;
  const bin = `${__dirname}/../../target/lq-subscribers`;
  const stale = !fs.existsSync(bin) || fs.statSync(bin).mtimeMs < fs.statSync(src).mtimeMs;
  if (stale) {
    fs.mkdirSync(`${__dirname}/../../target`, { recursive: true });
    execFileSync(process.env.CC || 'gcc', ['-O2', '-o', bin, src, '-lm'], { stdio: 'inherit' });
  }
  return bin;
}

class NativeSubscribers extends require('events').EventEmitter {
  constructor(bin, d) {
    super();
    const { spawn } = require('child_process');
    const u = new URL(d.wsUrl);
    const args = [u.hostname.replace(/^\[|\]$/g, ''), u.port || '80', `${u.pathname}${u.search}`, d.count, d.offset,
      d.concurrency, d.connectTimeoutMs, d.base, d.connectFrame, d.subscribeFrame].map(String);
    this.child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pid = this.child.pid;
    this.elu = { idle: 0, active: 0 };
    this.child.on('error', (e) => this.emit('error', e));
    this.child.on('exit', (code, signal) => { if (!this.terminated) this.emit('error', new Error(`lq-subscribers exited: ${code ?? signal}`)); });
    let rest = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        if (!line) continue;
        const m = JSON.parse(line);
        if (m.type === 'elu') { this.elu = { idle: m.idleMs, active: m.busyMs }; continue; }
        if (m.type === 'collected') {
          for (const k of Object.keys(m.arrivals)) m.arrivals[k] = Float64Array.from(m.arrivals[k], (t) => (t === null ? NaN : t));
        }
        this.emit('message', m);
      }
    });
    // The worker's performance.eventLoopUtilization(): how much of its time the process was not waiting.
    this.performance = {
      eventLoopUtilization: (before) => {
        const idle = this.elu.idle - (before ? before.idle : 0);
        const active = this.elu.active - (before ? before.active : 0);
        return { idle, active, utilization: idle + active > 0 ? active / (idle + active) : 0 };
      },
    };
  }

  postMessage(msg) {
    if (msg.type === 'collect') this.child.stdin.write(`collect ${msg.ks.join(' ')}\n`);
    else if (msg.type === 'close') this.child.stdin.write('close\n');
  }

  terminate() {
    this.terminated = true;
    this.child.kill();
    return Promise.resolve();
  }
}

// ---------------------------------------------------------------------------------------------
// Main thread: the writer and the coordinator.
// ---------------------------------------------------------------------------------------------
function env(name, def) { const v = process.env[name]; return v === undefined || v === '' ? def : v; }
function envInt(name, def) { return parseInt(env(name, String(def)), 10); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readRssKb(pid) {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? parseInt(m[1], 10) : null;
  } catch (e) { return null; }
}
function cpuTicks(pid) {
  if (!pid) return null;
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return parseInt(f[11], 10) + parseInt(f[12], 10); // utime + stime (fields 14, 15)
  } catch (e) { return null; }
}
// HEAP=1 probes only JVMs: jcmd sends another process a SIGQUIT, which kills node.
function isJvm(pid) {
  try {
    return /(^|\/)java$/.test(fs.readlinkSync(`/proc/${pid}/exe`));
  } catch (e) { return false; }
}
// HEAP=1, for a JVM server: a full GC (jcmd GC.run), then the heap in use (jcmd GC.heap_info), in kB.
function jvmHeapUsedKb(pid) {
  const { execFileSync } = require('child_process');
  if (!isJvm(pid)) return null;
  try {
    execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'pipe', timeout: 60000 });
    const m = /heap\s+total \d+K, used (\d+)K/.exec(execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8', timeout: 60000 }));
    return m ? parseInt(m[1], 10) : null;
  } catch (e) { return null; }
}
// HEAP=1, for a JVM server: its direct (off-heap) buffers in use, in kB, which GC.heap_info does not
// count. Read from a one-event JFR recording (jdk.DirectBufferStatistics every second), taken for 2 s.
const DIRECT_JFC = `<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="direct buffers" description="direct buffers in use, every second" provider="livequery-bench">
  <event name="jdk.DirectBufferStatistics"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
</configuration>
`;
function jvmDirectKb(pid) {
  const { execFileSync } = require('child_process');
  if (!isJvm(pid)) return null;
  const dir = fs.mkdtempSync(`${os.tmpdir()}/lq-direct-`);
  const jcmd = (...args) => execFileSync('jcmd', [String(pid), ...args], { stdio: 'pipe', timeout: 60000 });
  try {
    fs.writeFileSync(`${dir}/direct.jfc`, DIRECT_JFC);
    fs.chmodSync(dir, 0o755); // the server may run as another user
    jcmd('JFR.start', 'name=lq-direct', `settings=${dir}/direct.jfc`);
    execFileSync('sleep', ['2']);
    jcmd('JFR.dump', 'name=lq-direct', `filename=${dir}/direct.jfr`);
    jcmd('JFR.stop', 'name=lq-direct');
    const events = JSON.parse(execFileSync('jfr', ['print', '--json', '--events', 'jdk.DirectBufferStatistics', `${dir}/direct.jfr`],
      { encoding: 'utf8', timeout: 60000 })).recording.events;
    return events.length ? Math.round(events[events.length - 1].values.memoryUsed / 1024) : null;
  } catch (e) {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
// All CPUs, from /proc/stat: time charged to processes (user nice system steal) and the kernel's
// interrupt work (irq softirq: mostly the loopback TCP traffic here), which no process is charged with.
function machineTicks() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { tasks: f[0] + f[1] + f[2] + (f[7] || 0), irq: f[5] + f[6] };
}
function pct(sorted, p) { // nearest rank
  if (sorted.length === 0) return null;
  const r = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, r)) - 1];
}
function sortNum(a) { return Float64Array.from(a).sort(); }
const r1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10) / 10);

async function main() {
  const cfg = {
    url: env('URL', 'http://localhost:1337/parse').replace(/\/+$/, ''),
    label: env('LABEL', 'ours'),
    n: envInt('N', 1000),
    pid: envInt('SERVER_PID', 0) || null,
    writes: envInt('WRITES', 30),
    gapMs: envInt('GAP_MS', 250),
    burst: envInt('BURST', 20),
    warmup: envInt('WARMUP_WRITES', 5),
    workers: Math.max(1, Math.min(envInt('WORKERS', 1), envInt('N', 1000))),
    concurrency: Math.max(1, envInt('CONCURRENCY', 200)),
    eventTimeoutMs: envInt('EVENT_TIMEOUT_MS', 20000),
    connectTimeoutMs: envInt('CONNECT_TIMEOUT_MS', 30000),
    settleMs: envInt('SETTLE_MS', 2000),
    master: env('MASTER', '0') === '1',
    appId: env('APP_ID', 'APPLICATION_ID'),
    masterKey: env('MASTER_KEY', 'MASTER_KEY'),
    className: env('CLASS', 'LQTest'),
    outJson: env('OUT_JSON', ''),
    clkTck: envInt('CLK_TCK', 100),
    storePid: envInt('STORE_PID', 0) || null,
    quietPct: envInt('QUIET_PCT', 25),
    quietMaxS: envInt('QUIET_MAX_S', 300),
    heap: env('HEAP', '0') === '1',
    client: env('CLIENT', 'c'),
  };
  if (!['c', 'node'].includes(cfg.client)) throw new Error(`CLIENT must be c or node: ${cfg.client}`);
  const BASE = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - BASE) / 1e6;
  const log = (s) => console.error(`[${cfg.label} N=${cfg.n} ${(now() / 1000).toFixed(1)}s] ${s}`);
  const runId = `lq-${cfg.label}-${cfg.n}-${Date.now().toString(36)}`;
  const storePid = cfg.storePid && cfg.storePid !== cfg.pid ? cfg.storePid : null;
  const workers = []; // the subscribers: worker threads, or with CLIENT=c processes, whose CPU is the client's too
  const cpuSnap = () => {
    const c = process.cpuUsage();
    const children = workers.reduce((a, w) => a + (w instanceof NativeSubscribers ? cpuTicks(w.pid) || 0 : 0), 0);
    return { t: now(), machine: machineTicks(), server: cpuTicks(cfg.pid), store: cpuTicks(storePid), client: (c.user + c.system) / 1e6 * cfg.clkTck + children };
  };
  // CPU used between two snapshots, in % of one core: the server, the store (when it is another
  // process: our JVM in the reference's runs), this client, every other process, and the kernel's
  // interrupt work (irq + softirq: network processing, charged to no process).
  const cpuShare = (a, b) => {
    const toPct = (ticks) => r1((ticks * 1000 / cfg.clkTck) / (b.t - a.t) * 100);
    const server = a.server !== null && b.server !== null ? b.server - a.server : null;
    const store = a.store !== null && b.store !== null ? b.store - a.store : null;
    const client = b.client - a.client;
    const tasks = b.machine.tasks - a.machine.tasks;
    const irq = b.machine.irq - a.machine.irq;
    return {
      serverPct: server === null ? null : toPct(server), storePct: store === null ? null : toPct(store), clientPct: toPct(client),
      otherPct: server === null ? null : toPct(Math.max(0, tasks - server - (store || 0) - client)), irqPct: toPct(irq),
      machinePct: toPct(tasks + irq),
    };
  };

  // One DNS lookup for all the connections (not one per socket).
  const u = new URL(cfg.url);
  const { address, family } = await dns.lookup(u.hostname);
  const wsUrl = `${u.protocol === 'https:' ? 'wss' : 'ws'}://${family === 6 ? `[${address}]` : address}:${u.port || (u.protocol === 'https:' ? 443 : 80)}${u.pathname}`;

  const headers = { 'X-Parse-Application-Id': cfg.appId, 'X-Parse-Master-Key': cfg.masterKey, 'Content-Type': 'application/json' };
  const health = await fetch(`${cfg.url}/health`).then((r) => r.text()).catch((e) => `unreachable: ${e.message}`);
  if (!/"ok"/.test(health)) throw new Error(`${cfg.url}/health: ${health}`);

  const connect = { op: 'connect', applicationId: cfg.appId };
  if (cfg.master) connect.masterKey = cfg.masterKey;
  const connectFrame = JSON.stringify(connect);
  const subscribeFrame = JSON.stringify({ op: 'subscribe', requestId: 1, query: { className: cfg.className, where: { bench: runId } } });

  const result = {
    label: cfg.label, url: cfg.url, wsUrl, n: cfg.n, runId, pid: cfg.pid, date: new Date().toISOString(),
    settings: { client: cfg.client, writes: cfg.writes, gapMs: cfg.gapMs, burst: cfg.burst, warmup: cfg.warmup, workers: cfg.workers, concurrency: cfg.concurrency, master: cfg.master },
  };

  // ---- wait for a quiet machine (other work distorts everything on 2 cores) ----
  const tQuiet0 = now();
  let busy = null;
  for (;;) {
    const a = cpuSnap();
    await sleep(3000);
    busy = cpuShare(a, cpuSnap()).machinePct;
    if (busy <= cfg.quietPct) break;
    if (now() - tQuiet0 > cfg.quietMaxS * 1000) { log(`WARNING: the machine is still busy (${busy}% of a core), measuring anyway`); break; }
    log(`waiting for a quiet machine: ${busy}% of a core busy over 3 s (want <= ${cfg.quietPct}%)`);
  }
  result.quiet = { busyPct: busy, waitedS: r1((now() - tQuiet0) / 1000 - 3) };

  // ---- connect ----
  // HEAP=1: a full GC first, both times, so that heap and RSS are those of live data.
  const heapBefore = cfg.heap ? jvmHeapUsedKb(cfg.pid) : null;
  const directBefore = cfg.heap ? jvmDirectKb(cfg.pid) : null;
  const rssBefore = readRssKb(cfg.pid);
  log(`server pid ${cfg.pid || '?'} RSS before: ${rssBefore === null ? '?' : (rssBefore / 1024).toFixed(1) + ' MB'}; opening ${cfg.n} connections to ${wsUrl} (${cfg.concurrency} handshakes in flight, ${cfg.workers} ${cfg.client === 'c' ? 'native subscriber process(es)' : 'worker thread(s)'})`);
  const completions = new Map(); // k -> {workers done, last}
  const waiters = new Map(); // k -> resolve
  const share = (w) => Math.floor(cfg.n / cfg.workers) + (w < cfg.n % cfg.workers ? 1 : 0);
  const nativeBin = cfg.client === 'c' ? nativeSubscribersBinary() : null;
  const tConnect0 = now();
  let offset = 0;
  const readies = [];
  const progress = new Array(cfg.workers).fill(0);
  for (let w = 0; w < cfg.workers; w++) {
    const count = share(w);
    const data = {
      base: BASE, count, offset, wsUrl, connectFrame, subscribeFrame, connectTimeoutMs: cfg.connectTimeoutMs,
      concurrency: Math.max(1, Math.round(cfg.concurrency / cfg.workers)),
    };
    const worker = cfg.client === 'c' ? new NativeSubscribers(nativeBin, data) : new Worker(__filename, { workerData: data });
    offset += count;
    worker.count = count;
    workers.push(worker);
    readies.push(new Promise((resolve) => {
      worker.on('message', (m) => {
        if (m.type === 'ready') resolve(m);
        else if (m.type === 'progress') {
          progress[w] = m.settled;
          log(`${progress.reduce((a, b) => a + b, 0)}/${cfg.n} connections settled`);
        } else if (m.type === 'complete') {
          let c = completions.get(m.k);
          if (!c) completions.set(m.k, (c = { workers: 0, last: -Infinity }));
          c.workers++;
          if (m.last > c.last) c.last = m.last;
          if (c.workers === workers.length && waiters.has(m.k)) waiters.get(m.k)();
        }
      });
    }));
    worker.on('error', (e) => { console.error('worker error', e); process.exit(1); });
  }
  const ready = await Promise.all(readies);
  const subscribed = ready.reduce((a, r) => a + r.subscribed, 0);
  const failed = ready.reduce((a, r) => a + r.failed, 0);
  result.connect = { subscribed, failed, seconds: r1((now() - tConnect0) / 1000), samples: ready.flatMap((r) => r.samples).slice(0, 10) };
  log(`${subscribed} subscribed, ${failed} failed, in ${result.connect.seconds} s`);
  if (failed) for (const s of result.connect.samples) log(`  ${s}`);
  await sleep(cfg.settleMs);
  const heapAfter = cfg.heap ? jvmHeapUsedKb(cfg.pid) : null;
  const directAfter = cfg.heap ? jvmDirectKb(cfg.pid) : null;
  const rssAfter = readRssKb(cfg.pid);
  result.memory = {
    rssBeforeKb: rssBefore, rssAfterKb: rssAfter,
    perConnectionKb: rssBefore !== null && rssAfter !== null && subscribed > 0 ? r1((rssAfter - rssBefore) / subscribed) : null,
    fullGcFirst: cfg.heap, heapBeforeKb: heapBefore, heapAfterKb: heapAfter,
    heapPerConnectionKb: heapBefore !== null && heapAfter !== null && subscribed > 0 ? r1((heapAfter - heapBefore) / subscribed) : null,
    directBeforeKb: directBefore, directAfterKb: directAfter,
    directPerConnectionKb: directBefore !== null && directAfter !== null && subscribed > 0 ? r1((directAfter - directBefore) / subscribed) : null,
  };
  if (heapBefore !== null) log(`JVM heap in use after a full GC: ${heapBefore} kB -> ${heapAfter} kB = ${result.memory.heapPerConnectionKb} kB per connection`);
  if (directBefore !== null) log(`JVM direct buffers: ${directBefore} kB -> ${directAfter} kB = ${result.memory.directPerConnectionKb} kB per connection`);
  log(`RSS after all subscribed: ${rssAfter === null ? '?' : (rssAfter / 1024).toFixed(1) + ' MB'} (${result.memory.perConnectionKb} kB per connection)`);

  // ---- writes ----
  let seq = 0;
  const created = [];
  const writeErrors = [];
  async function write() {
    const k = seq++;
    const tSend = now();
    const res = await fetch(`${cfg.url}/classes/${cfg.className}`, { method: 'POST', headers, body: JSON.stringify({ bench: runId, lqk: k }) });
    const body = await res.text();
    const tResp = now();
    if (res.status !== 201) writeErrors.push(`write ${k}: HTTP ${res.status} ${body.slice(0, 200)}`);
    else { try { created.push(JSON.parse(body).objectId); } catch (e) { /* ignore */ } }
    return { k, tSend, tResp, ok: res.status === 201 };
  }
  function allArrived(k, timeoutMs) { // resolves true when every worker reported k complete, false on timeout
    const c = completions.get(k);
    if (subscribed === 0) return Promise.resolve(true);
    if (c && c.workers === workers.length) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => { waiters.delete(k); resolve(false); }, timeoutMs);
      waiters.set(k, () => { clearTimeout(t); waiters.delete(k); resolve(true); });
    });
  }
  async function series(count, what) {
    const ws = [];
    for (let j = 0; j < count; j++) {
      const w = await write();
      w.complete = await allArrived(w.k, cfg.eventTimeoutMs);
      if (!w.complete) log(`${what} write ${j}: not all events within ${cfg.eventTimeoutMs} ms`);
      ws.push(w);
      await sleep(cfg.gapMs);
    }
    return ws;
  }

  log(`${cfg.warmup} warm-up writes`);
  const warm = await series(cfg.warmup, 'warm-up');
  log(`${cfg.writes} writes, one at a time, ${cfg.gapMs} ms apart`);
  // How busy the subscribers' event loops were (1 = always busy: the client would be the bottleneck).
  const elu = () => workers.map((w) => w.performance.eventLoopUtilization());
  const eluMax = (before) => r1(Math.max(...workers.map((w, j) => w.performance.eventLoopUtilization(before[j]).utilization)) * 100);
  const cpuSeries0 = cpuSnap();
  const eluSeries0 = elu();
  const ser = await series(cfg.writes, 'series');
  result.cpuSeries = cpuShare(cpuSeries0, cpuSnap());
  result.cpuSeries.clientLoopBusyPct = eluMax(eluSeries0);

  log(`burst of ${cfg.burst} writes back-to-back`);
  const cpuBurst0 = cpuSnap();
  const eluBurst0 = elu();
  const tBurst0 = now();
  const bw = [];
  for (let j = 0; j < cfg.burst; j++) bw.push(await write());
  const tBurstWritten = now();
  const burstTimeout = Math.min(60000, cfg.eventTimeoutMs * Math.max(1, cfg.burst));
  const burstDone = await Promise.all(bw.map((w) => allArrived(w.k, Math.max(1, burstTimeout - (now() - tBurst0)))));
  const tBurstEnd = now();
  const cpuBurst = cpuShare(cpuBurst0, cpuSnap());
  cpuBurst.clientLoopBusyPct = eluMax(eluBurst0);
  if (burstDone.some((d) => !d)) log(`burst: not all events within ${burstTimeout} ms`);
  await sleep(1000); // stragglers

  // ---- collect ----
  const allKs = [...warm, ...ser, ...bw].map((w) => w.k);
  const parts = await Promise.all(workers.map((worker) => new Promise((resolve) => {
    const h = (m) => { if (m.type === 'collected') { worker.off('message', h); resolve(m); } };
    worker.on('message', h);
    worker.postMessage({ type: 'collect', ks: allKs });
  })));
  const arrivalsOf = (k) => parts.map((p) => p.arrivals[k]);
  const sumStat = (name) => parts.reduce((a, p) => a + p.stats[name], 0);

  // series figures
  const ttl = [];
  const ttlFromSend = [];
  const perSub = [];
  const httpMs = [];
  let seriesLost = 0;
  for (const w of ser) {
    httpMs.push(w.tResp - w.tSend);
    let last = -Infinity;
    let got = 0;
    for (const arr of arrivalsOf(w.k)) {
      for (let i = 0; i < arr.length; i++) {
        const t = arr[i];
        if (t !== t) continue;
        got++;
        perSub.push(t - w.tResp);
        if (t > last) last = t;
      }
    }
    seriesLost += subscribed - got;
    if (got > 0) { ttl.push(last - w.tResp); ttlFromSend.push(last - w.tSend); }
  }
  const sTtl = sortNum(ttl);
  const sSend = sortNum(ttlFromSend);
  const sSub = sortNum(perSub);
  const sHttp = sortNum(httpMs);
  result.series = {
    writes: ser.length, complete: ser.filter((w) => w.complete).length, lostEvents: seriesLost,
    ttlP50: r1(pct(sTtl, 50)), ttlP99: r1(pct(sTtl, 99)), ttlMax: r1(sTtl[sTtl.length - 1]),
    ttlFromSendP50: r1(pct(sSend, 50)), ttlFromSendP99: r1(pct(sSend, 99)),
    perSubP50: r1(pct(sSub, 50)), perSubP99: r1(pct(sSub, 99)), perSubMin: r1(sSub[0]),
    httpP50: r1(pct(sHttp, 50)), httpP99: r1(pct(sHttp, 99)),
    ttlEach: ttl.map(r1), // per write, in order: where the slow ones fall
  };

  // burst figures
  let burstEvents = 0;
  let burstLast = -Infinity;
  for (const w of bw) {
    for (const arr of arrivalsOf(w.k)) {
      for (let i = 0; i < arr.length; i++) {
        const t = arr[i];
        if (t !== t) continue;
        burstEvents++;
        if (t > burstLast) burstLast = t;
      }
    }
  }
  const burstSpan = burstLast - bw[0].tResp;
  const wallS = (tBurstEnd - tBurst0) / 1000;
  result.burst = {
    writes: bw.length, expected: bw.length * subscribed, events: burstEvents, lostEvents: bw.length * subscribed - burstEvents,
    spanMs: r1(burstSpan), eventsPerSec: burstEvents > 0 && burstSpan > 0 ? Math.round(burstEvents / (burstSpan / 1000)) : null,
    writesMs: r1(tBurstWritten - tBurst0),
    clientCpuPct: cpuBurst.clientPct, clientLoopBusyPct: cpuBurst.clientLoopBusyPct, serverCpuPct: cpuBurst.serverPct, storeCpuPct: cpuBurst.storePct, otherCpuPct: cpuBurst.otherPct,
    irqCpuPct: cpuBurst.irqPct,
    wallS: r1(wallS),
  };
  let warmLost = 0;
  for (const w of warm) { let got = 0; for (const arr of arrivalsOf(w.k)) for (let i = 0; i < arr.length; i++) if (arr[i] === arr[i]) got++; warmLost += subscribed - got; }
  result.errors = {
    connectFailures: failed, warmupLostEvents: warmLost, writeErrors: writeErrors.slice(0, 10), writeErrorCount: writeErrors.length,
    duplicates: sumStat('duplicates'), otherEvents: sumStat('otherEvents'), unexpectedFrames: sumStat('unexpectedFrames'),
    errorFrames: sumStat('errorFrames'), closedByServer: sumStat('closedAfterSubscribe'), pingsReceived: sumStat('pings'),
    samples: parts.flatMap((p) => p.stats.samples).slice(0, 10),
    missing: [],
  };
  // Which subscribers missed which write (at most 20 per write), to tell a lost frame from a dead connection.
  const phaseOf = new Map([...warm.map((w) => [w.k, ['warm-up', w]]), ...ser.map((w) => [w.k, ['series', w]]), ...bw.map((w) => [w.k, ['burst', w]])]);
  for (const k of allKs) {
    const miss = parts.flatMap((p) => (p.stats.missing && p.stats.missing[k]) || []);
    if (miss.length) {
      const [phase, w] = phaseOf.get(k);
      result.errors.missing.push({ write: k, phase, writtenAtS: r1(w.tResp / 1000), subscribers: miss.slice(0, 20) });
    }
  }
  result.memory.rssEndKb = readRssKb(cfg.pid);

  // ---- close ----
  log('closing the connections');
  await Promise.all(workers.map((worker) => new Promise((resolve) => {
    const h = (m) => { if (m.type === 'closed') { worker.off('message', h); resolve(); } };
    worker.on('message', h);
    worker.postMessage({ type: 'close' });
    setTimeout(resolve, 10000).unref();
  })));
  await Promise.all(workers.map((w) => w.terminate()));

  // Delete what the run created (no subscriber is left to hear it).
  for (let i = 0; i < created.length; i += 50) {
    const requests = created.slice(i, i + 50).map((id) => ({ method: 'DELETE', path: `${new URL(cfg.url).pathname}/classes/${cfg.className}/${id}` }));
    await fetch(`${cfg.url}/batch`, { method: 'POST', headers, body: JSON.stringify({ requests }) }).then((r) => r.text()).catch(() => {});
  }

  const s = result.series;
  const b = result.burst;
  const e = result.errors;
  console.error(`[${cfg.label} N=${cfg.n}] series: time-to-last p50 ${s.ttlP50} p99 ${s.ttlP99} max ${s.ttlMax} ms; per-subscriber p50 ${s.perSubP50} p99 ${s.perSubP99} ms; ` +
    `write HTTP p50 ${s.httpP50} ms; ${s.complete}/${s.writes} writes complete, ${s.lostEvents} events missing`);
  console.error(`[${cfg.label} N=${cfg.n}] burst: ${b.events}/${b.expected} events in ${b.spanMs} ms = ${b.eventsPerSec} events/s (CPU % of a core: server ${b.serverCpuPct}, store ${b.storeCpuPct ?? '-'}, client ${b.clientCpuPct}, other processes ${b.otherCpuPct}, kernel irq ${b.irqCpuPct}; client event loop busy ${b.clientLoopBusyPct}%)`);
  const cs = result.cpuSeries;
  console.error(`[${cfg.label} N=${cfg.n}] series CPU % of a core: server ${cs.serverPct}, store ${cs.storePct ?? '-'}, client ${cs.clientPct}, other processes ${cs.otherPct}, kernel irq ${cs.irqPct}; client event loop busy ${cs.clientLoopBusyPct}%`);
  console.error(`[${cfg.label} N=${cfg.n}] memory: RSS ${rssBefore} kB -> ${rssAfter} kB = ${result.memory.perConnectionKb} kB per connection`);
  console.error(`[${cfg.label} N=${cfg.n}] problems: connect failures ${e.connectFailures}, write errors ${e.writeErrorCount}, error frames ${e.errorFrames}, closed by server ${e.closedByServer}, pings received ${e.pingsReceived}, duplicates ${e.duplicates}, other frames ${e.unexpectedFrames}`);
  for (const x of [...e.writeErrors, ...e.samples]) console.error(`  ${x}`);
  for (const m of e.missing) {
    console.error(`  ${m.phase} write ${m.write} (answered at +${m.writtenAtS} s) never reached subscriber(s) ${m.subscribers.map((x) => x.subscriber).join(', ')}`);
    for (const x of m.subscribers.slice(0, 3)) console.error(`    subscriber ${x.subscriber}: its last pings from the server at +${x.pingsAtS.join(', +')} s`);
  }
  const json = JSON.stringify(result, null, 2);
  if (cfg.outJson) fs.writeFileSync(cfg.outJson, json + '\n');
  else console.log(json);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// report: markdown tables from the JSON results.
// ---------------------------------------------------------------------------------------------
const DISTURBED_PCT = 15; // % of one core used by other processes that marks a run as disturbed
function report(files) {
  const results = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const byKey = new Map(results.map((r) => [`${r.label}|${r.n}`, r]));
  const ns = [...new Set(results.map((r) => r.n))].sort((a, b) => a - b);
  const labels = [...new Set(results.map((r) => r.label))];
  const f = (x, d = 1) => (x === null || x === undefined ? 'n/a' : Number(x).toFixed(d));
  const int = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));
  const mb = (kb) => (kb === null || kb === undefined ? 'n/a' : (kb / 1024).toFixed(0));
  const ratio = (a, b, d = 2) => (a === null || b === null || a === undefined || b === undefined || b === 0 ? 'n/a' : (a / b).toFixed(d));
  const problems = (r) => {
    const e = r.errors;
    const p = [];
    if (r.connect.failed) p.push(`${r.connect.failed} connect failures`);
    if (r.series.lostEvents) p.push(`${r.series.lostEvents} series events missing`);
    if (r.burst.lostEvents) p.push(`${r.burst.lostEvents} burst events missing`);
    if (e.warmupLostEvents) p.push(`${e.warmupLostEvents} warm-up events missing`);
    if (e.writeErrorCount) p.push(`${e.writeErrorCount} write errors`);
    if (e.errorFrames) p.push(`${e.errorFrames} error frames`);
    if (e.closedByServer) p.push(`${e.closedByServer} closed by server`);
    if (e.duplicates) p.push(`${e.duplicates} duplicates`);
    if (e.unexpectedFrames || e.otherEvents) p.push(`${e.unexpectedFrames + e.otherEvents} unexpected frames`);
    const other = Math.max(r.cpuSeries ? r.cpuSeries.otherPct || 0 : 0, r.burst.otherCpuPct || 0);
    if (other > DISTURBED_PCT) p.push(`disturbed: other processes used up to ${other.toFixed(0)}% of a core`);
    return p.length ? `**${p.join(', ')}**` : 'none';
  };
  const out = [];
  out.push('| N | server | subscribed | time-to-last p50 ms | p99 ms | per-subscriber p50 ms | p99 ms | events/s (burst) | RSS before MiB | RSS after MiB | kB/connection | problems |');
  out.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const n of ns) {
    for (const l of labels) {
      const r = byKey.get(`${l}|${n}`);
      if (!r) continue;
      out.push(`| ${int(n)} | ${l} | ${int(r.connect.subscribed)} | ${f(r.series.ttlP50)} | ${f(r.series.ttlP99)} | ${f(r.series.perSubP50)} | ${f(r.series.perSubP99)} | ${int(r.burst.eventsPerSec)} | ${mb(r.memory.rssBeforeKb)} | ${mb(r.memory.rssAfterKb)} | ${f(r.memory.perConnectionKb)} | ${problems(r)} |`);
    }
  }
  if (byKey.size && labels.includes('ours') && labels.includes('ref')) {
    out.push('');
    out.push('Ratios ours / reference (time and memory: < 1 is better for us; events/s: > 1 is better; goal at N = 10,000: time-to-last p99 < 100 ms, events/s ratio >= 3):');
    out.push('');
    out.push('| N | time-to-last p50 | p99 | per-subscriber p50 | p99 | events/s | kB/connection | goal |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const n of ns) {
      const o = byKey.get(`ours|${n}`);
      const r = byKey.get(`ref|${n}`);
      if (!o || !r) continue;
      let goal = '';
      if (n === 10000) {
        const ok = o.series.ttlP99 !== null && o.series.ttlP99 < 100 && o.burst.eventsPerSec !== null && r.burst.eventsPerSec && o.burst.eventsPerSec / r.burst.eventsPerSec >= 3;
        goal = `p99 ${f(o.series.ttlP99)} ms ${o.series.ttlP99 < 100 ? '<' : '>='} 100; events/s x${ratio(o.burst.eventsPerSec, r.burst.eventsPerSec)}: ${ok ? 'met' : 'not met'}`;
      }
      out.push(`| ${int(n)} | ${ratio(o.series.ttlP50, r.series.ttlP50)} | ${ratio(o.series.ttlP99, r.series.ttlP99)} | ${ratio(o.series.perSubP50, r.series.perSubP50)} | ${ratio(o.series.perSubP99, r.series.perSubP99)} | ${ratio(o.burst.eventsPerSec, r.burst.eventsPerSec)} | ${ratio(o.memory.perConnectionKb, r.memory.perConnectionKb)} | ${goal} |`);
    }
  }
  if (labels.includes('floor')) {
    out.push('');
    out.push('Against the floor (lq-floor-server.c: a server that only writes the events, so its times are what the kernel and the client take on this machine; > 1: slower than the floor):');
    out.push('');
    out.push('| N | server | time-to-last p50 / floor | p99 / floor | events/s / floor |');
    out.push('|---:|---|---:|---:|---:|');
    for (const n of ns) {
      const fl = byKey.get(`floor|${n}`);
      if (!fl) continue;
      for (const l of labels.filter((x) => x !== 'floor')) {
        const r = byKey.get(`${l}|${n}`);
        if (r) out.push(`| ${int(n)} | ${l} | ${ratio(r.series.ttlP50, fl.series.ttlP50)} | ${ratio(r.series.ttlP99, fl.series.ttlP99)} | ${ratio(r.burst.eventsPerSec, fl.burst.eventsPerSec)} |`);
      }
    }
  }
  out.push('');
  out.push('Details: writes and client/server load');
  out.push('');
  out.push('CPU in % of one core (the machine has ' + os.cpus().length + '), series / burst; "store" is our JVM in the reference\'s runs (the reference writes to our embedded store), "other" is every other process on the machine; "kernel irq" is interrupt and softirq time (mostly the loopback network), charged to no process; "client loop busy" is the busiest subscriber thread\'s event loop utilization (near 100 %: the client limits the figures).');
  out.push('');
  out.push('| N | server | series writes complete | time-to-last max ms | time-to-last from request sent p50 / p99 ms | write HTTP p50 / p99 ms | burst events | burst span ms | server CPU % | store CPU % | client CPU % | other CPU % | kernel irq % | client loop busy % | connect s | RSS at end MiB |');
  out.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of ns) {
    for (const l of labels) {
      const r = byKey.get(`${l}|${n}`);
      if (!r) continue;
      const cs = r.cpuSeries || {};
      const two = (a, b) => (a === null && b === null ? '-' : `${f(a, 0)} / ${f(b, 0)}`).replace(/n\/a \/ n\/a/, '-');
      out.push(`| ${int(n)} | ${l} | ${r.series.complete}/${r.series.writes} | ${f(r.series.ttlMax)} | ${f(r.series.ttlFromSendP50)} / ${f(r.series.ttlFromSendP99)} | ${f(r.series.httpP50)} / ${f(r.series.httpP99)} | ${int(r.burst.events)}/${int(r.burst.expected)} | ${f(r.burst.spanMs, 0)} | ${two(cs.serverPct, r.burst.serverCpuPct)} | ${two(cs.storePct, r.burst.storeCpuPct)} | ${two(cs.clientPct, r.burst.clientCpuPct)} | ${two(cs.otherPct, r.burst.otherCpuPct)} | ${two(cs.irqPct ?? null, r.burst.irqCpuPct ?? null)} | ${two(cs.clientLoopBusyPct ?? null, r.burst.clientLoopBusyPct ?? null)} | ${f(r.connect.seconds)} | ${mb(r.memory.rssEndKb)} |`);
    }
  }
  const lossy = results.filter((r) => (r.errors.missing || []).length || (r.errors.samples || []).length);
  if (lossy.length) {
    out.push('');
    out.push('Problems in detail (from each run\'s log):');
    out.push('');
    for (const r of lossy) {
      for (const x of r.errors.samples) out.push(`- ${r.label}, N = ${int(r.n)}: ${x}`);
      for (const m of r.errors.missing) {
        const pings = m.subscribers.slice(0, 2).map((x) => `${x.subscriber} (pinged at +${x.pingsAtS.join(', +')} s)`).join('; ');
        out.push(`- ${r.label}, N = ${int(r.n)}: ${m.phase} write ${m.write}, answered at +${m.writtenAtS} s, never reached subscriber(s) ${m.subscribers.map((x) => x.subscriber).join(', ')}; ${pings}`);
      }
    }
  }
  const heaps = results.filter((r) => r.memory.heapPerConnectionKb !== null && r.memory.heapPerConnectionKb !== undefined);
  if (heaps.length) {
    out.push('');
    out.push('JVM memory in use after a full GC (HEAP=1; jcmd GC.run, then GC.heap_info, and the direct buffers from a 2 s JFR recording of jdk.DirectBufferStatistics; RSS above was also read after that GC):');
    out.push('');
    for (const r of heaps) {
      const m = r.memory;
      const direct = m.directPerConnectionKb === null || m.directPerConnectionKb === undefined ? ''
        : `; direct buffers ${int(m.directBeforeKb)} kB -> ${int(m.directAfterKb)} kB = ${f(m.directPerConnectionKb)} kB per connection; heap + direct = ${f(m.heapPerConnectionKb + m.directPerConnectionKb)} kB per connection`;
      out.push(`- ${r.label}, N = ${int(r.n)}: heap ${int(m.heapBeforeKb)} kB -> ${int(m.heapAfterKb)} kB = ${f(m.heapPerConnectionKb)} kB per connection${direct}`);
    }
  }
  console.log(out.join('\n'));
}

if (!isMainThread) {
  subscriberWorker(workerData);
} else if (process.argv[2] === 'report') {
  report(process.argv.slice(3));
} else if (process.argv[2] === 'run' || process.argv[2] === undefined) {
  main().catch((e) => {
    console.error('ERROR:', e && e.stack ? e.stack : e);
    process.exit(1);
  });
} else {
  console.error('usage: node livequery-bench.js run | report result.json...');
  process.exit(2);
}
