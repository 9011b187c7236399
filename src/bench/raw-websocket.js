// A minimal WebSocket client (RFC 6455) straight on a TCP socket, for the fan-out benchmark's
// subscribers. A general client library spends ~10 us of CPU per received frame; on a 2-core machine
// that shares its cores with the server under test, the client's cost decides the figures. This one
// does only what the benchmark needs: the opening handshake, masked text frames out, whole frames in
// (text, binary, ping answered with its pong, close), no extensions, no fragmentation on the way out.
'use strict';

const net = require('net');
const crypto = require('crypto');

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

class RawWebSocket {
  /**
   * url: ws://host:port/path (host as an address: no DNS lookup per socket).
   * handlers: onOpen(), onMessage(payload Buffer, isBinary), onPing(), onClose(code, reason), onError(err).
   */
  constructor(url, handlers, timeoutMs) {
    const u = new URL(url);
    if (u.protocol !== 'ws:') throw new Error(`only ws:// URLs: ${url}`);
    this.h = handlers;
    this.readyState = CONNECTING;
    this.pending = null; // bytes of an incomplete frame (or of the handshake answer)
    this.closeSent = false;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = Number(u.port || 80);
    this.socket = net.createConnection({ host, port, noDelay: true });
    this.timer = setTimeout(() => this.fail(new Error(`no WebSocket handshake answer within ${timeoutMs} ms`)), timeoutMs);
    this.socket.on('connect', () => {
      const key = crypto.randomBytes(16).toString('base64');
      this.accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      this.socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.closed(1006, ''));
  }

  onData(chunk) {
    let buf = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = null;
    if (this.readyState === CONNECTING) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) { this.pending = buf; return; }
      const head = buf.toString('latin1', 0, end);
      clearTimeout(this.timer);
      const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head);
      if (!/^HTTP\/1\.1 101/.test(head) || !accept || accept[1] !== this.accept) {
        this.fail(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
        return;
      }
      this.readyState = OPEN;
      this.h.onOpen();
      buf = buf.subarray(end + 4);
    }
    let p = 0;
    while (p + 2 <= buf.length) {
      const b0 = buf[p];
      const b1 = buf[p + 1];
      let len = b1 & 0x7f;
      let at = p + 2;
      if (len === 126) {
        if (at + 2 > buf.length) break;
        len = buf.readUInt16BE(at);
        at += 2;
      } else if (len === 127) {
        if (at + 8 > buf.length) break;
        len = Number(buf.readBigUInt64BE(at));
        at += 8;
      }
      if (b1 & 0x80) at += 4; // servers do not mask; skip a mask if one is there anyway
      if (at + len > buf.length) break;
      this.onFrame(b0 & 0x0f, buf.subarray(at, at + len), (b1 & 0x80) ? buf.subarray(at - 4, at) : null);
      if (this.readyState === CLOSED) return;
      p = at + len;
    }
    if (p < buf.length) this.pending = Buffer.from(buf.subarray(p)); // copy: the chunk's memory is reused
  }

  onFrame(opcode, payload, mask) {
    if (mask) for (let j = 0; j < payload.length; j++) payload[j] ^= mask[j & 3];
    switch (opcode) {
      case 1: this.h.onMessage(payload, false); break;
      case 2: this.h.onMessage(payload, true); break;
      case 9: this.h.onPing(); this.frame(10, payload); break;
      case 10: break;
      case 8: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        const reason = payload.length > 2 ? payload.toString('utf8', 2) : '';
        if (!this.closeSent) this.frame(8, payload.subarray(0, 2));
        this.closeSent = true;
        this.readyState = CLOSING;
        this.socket.end();
        this.closed(code, reason);
        break;
      }
      default: this.h.onMessage(payload, true); // continuation frames: not sent by the servers measured
    }
  }

  /** One masked frame (clients must mask), FIN set. */
  frame(opcode, payload) {
    if (this.socket.destroyed) return;
    const len = payload.length;
    const headLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
    const out = Buffer.allocUnsafe(headLen + 4 + len);
    out[0] = 0x80 | opcode;
    if (len < 126) out[1] = 0x80 | len;
    else if (len < 65536) { out[1] = 0x80 | 126; out.writeUInt16BE(len, 2); } else { out[1] = 0x80 | 127; out.writeBigUInt64BE(BigInt(len), 2); }
    const mask = crypto.randomBytes(4);
    mask.copy(out, headLen);
    for (let j = 0; j < len; j++) out[headLen + 4 + j] = payload[j] ^ mask[j & 3];
    this.socket.write(out);
  }

  send(text) {
    if (this.readyState === OPEN) this.frame(1, Buffer.from(text, 'utf8'));
  }

  close(code) {
    if (this.readyState !== OPEN) { this.terminate(); return; }
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code, 0);
    this.frame(8, payload);
    this.closeSent = true;
    this.readyState = CLOSING;
  }

  terminate() {
    this.socket.destroy();
    this.closed(1006, '');
  }

  fail(err) {
    if (this.readyState === CLOSED) return;
    this.h.onError(err);
    this.terminate();
  }

  closed(code, reason) {
    if (this.readyState === CLOSED) return;
    clearTimeout(this.timer);
    this.readyState = CLOSED;
    this.socket.destroy();
    this.h.onClose(code, reason);
  }
}

RawWebSocket.CONNECTING = CONNECTING;
RawWebSocket.OPEN = OPEN;
RawWebSocket.CLOSING = CLOSING;
RawWebSocket.CLOSED = CLOSED;

module.exports = { RawWebSocket };
