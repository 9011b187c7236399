'use strict';
// A minimal SMTP server for the account email tests: accepts every message and keeps
// {to, subject, text} in an inbox the tests search.
const net = require('node:net');

const inbox = [];

/** A minimal SMTP server: accepts every message and keeps {to, subject, text}. */
function smtpServer() {
  return net.createServer((socket) => {
    let data = false;
    let buffer = '';
    let message = { to: [], lines: [] };
    socket.write('220 fake-smtp ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data) {
          if (line === '.') {
            data = false;
            const raw = message.lines.join('\n');
            const [head, ...rest] = raw.split('\n\n');
            const subject = (/^Subject: (.*)$/m.exec(head) || [])[1];
            let text = rest.join('\n\n');
            if (/quoted-printable/i.test(head)) text = text.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, x) => String.fromCharCode(parseInt(x, 16)));
            inbox.push({ to: message.to, subject, text });
            message = { to: [], lines: [] };
            socket.write('250 OK\r\n');
          } else {
            message.lines.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake-smtp\r\n');
        else if (cmd === 'RCPT') {
          message.to.push((/<(.*)>/.exec(line) || [])[1]);
          socket.write('250 OK\r\n');
        } else if (cmd === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
}

async function mailTo(address, subjectPrefix) {
  for (let i = 0; i < 100; i++) {
    const m = inbox.find((x) => x.to.includes(address) && x.subject && x.subject.startsWith(subjectPrefix));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subjectPrefix}" to ${address}; inbox: ${JSON.stringify(inbox.map((x) => [x.to, x.subject]))}`);
}
const linkIn = (mail) => /(https?:\/\/\S+)/.exec(mail.text)[1];

/** Starts the server on this loopback port; resolves to a function that stops it. */
async function startSmtp(port) {
  const server = smtpServer();
  await new Promise((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
  return () => new Promise((resolve) => server.close(resolve));
}

module.exports = { inbox, mailTo, linkIn, startSmtp };
