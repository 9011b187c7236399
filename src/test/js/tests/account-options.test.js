'use strict';
// Account options on a server of their own (AccountOptionsIT sets PARSE_SERVER_URL and
// PARSE_ACCOUNTS_SMTP_PORT): preventLoginWithUnverifiedEmail, verification and reset tokens that
// are reused while valid (emailVerifyTokenReuseIfValid, passwordPolicy.resetTokenReuseIfValid),
// masterKeyIps that leave out the loopback address; then (PARSE_ACCOUNTS_PHASE no-verification-email)
// sendUserEmailVerification false; then (prevent-signup) preventSignupWithUnverifiedEmail.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { rest, RUN } = require('./helpers');
const { inbox, mailTo, linkIn, startSmtp } = require('./fake-smtp');

const SMTP_PORT = process.env.PARSE_ACCOUNTS_SMTP_PORT;
const tokenOf = (mail) => /token=([A-Za-z0-9]+)/.exec(linkIn(mail))[1];

async function allMailsTo(address, subjectPrefix, count) {
  for (let i = 0; i < 100; i++) {
    const found = inbox.filter((m) => m.to.includes(address) && m.subject && m.subject.startsWith(subjectPrefix));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${count} mails "${subjectPrefix}" to ${address}`);
}

const PHASE = process.env.PARSE_ACCOUNTS_PHASE;

describe('preventLoginWithUnverifiedEmail, token reuse, masterKeyIps', { skip: (!SMTP_PORT || PHASE !== 'prevent-login') && 'not this server' }, () => {
  let stopSmtp;
  before(async () => {
    stopSmtp = await startSmtp(SMTP_PORT);
  });
  after(async () => {
    await stopSmtp();
  });

  test('preventLoginWithUnverifiedEmail: no session until the email is verified; the link keeps its token while valid', async () => {
    const email = `unverified_${RUN}@example.com`;
    const username = `unverified_${RUN}`;
    const signUp = await rest('POST', '/users', { username, password: 'pw-1', email });
    assert.equal(signUp.status, 201);
    assert.equal(signUp.body.sessionToken, undefined, 'a sign-up that must verify first gets no session');

    const login = await rest('POST', '/login', { username, password: 'pw-1' });
    assert.deepEqual([login.status, login.body], [400, { code: 205, error: 'User email is not verified.' }]);

    const first = await mailTo(email, 'Please verify your e-mail for Accounts IT');
    assert.deepEqual((await rest('POST', '/verificationEmailRequest', { email })).body, {});
    const [, second] = await allMailsTo(email, 'Please verify your e-mail', 2);
    assert.equal(tokenOf(second), tokenOf(first), 'emailVerifyTokenReuseIfValid: the same token, still valid');

    const page = await fetch(linkIn(second));
    assert.match(await page.text(), /Email verified/);
    const loggedIn = await rest('POST', '/login', { username, password: 'pw-1' });
    assert.equal(loggedIn.status, 200);
    assert.match(loggedIn.body.sessionToken, /^r:/);
  });

  test('resetTokenReuseIfValid: a second reset request sends the same link', async () => {
    const email = `reset_${RUN}@example.com`;
    await rest('POST', '/users', { username: `reset_${RUN}`, password: 'pw-1', email });
    for (let i = 0; i < 2; i++) {
      assert.deepEqual((await rest('POST', '/requestPasswordReset', { email })).body, {});
    }
    const [a, b] = await allMailsTo(email, 'Password Reset for Accounts IT', 2);
    assert.equal(tokenOf(b), tokenOf(a));
  });

  test('masterKeyIps without the loopback address: the master key from here is refused', async () => {
    const res = await rest('GET', '/classes/_User', undefined, { master: true });
    assert.deepEqual([res.status, res.body], [403, { error: 'unauthorized' }]);
    assert.equal((await rest('GET', '/health')).status, 200);
  });
});

describe('sendUserEmailVerification false', { skip: (!SMTP_PORT || PHASE !== 'no-verification-email') && 'not this server' }, () => {
  let stopSmtp;
  before(async () => {
    stopSmtp = await startSmtp(SMTP_PORT);
  });
  after(async () => {
    await stopSmtp();
  });

  test('no verification email is sent, at sign-up or on request; the email stays unverified', async () => {
    const email = `nomail_${RUN}@example.com`;
    const signUp = await rest('POST', '/users', { username: `nomail_${RUN}`, password: 'pw-1', email });
    assert.equal(signUp.status, 201);
    assert.match(signUp.body.sessionToken, /^r:/, 'log-in is not prevented here');
    assert.deepEqual((await rest('POST', '/verificationEmailRequest', { email })).body, {});
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(inbox.filter((m) => m.to.includes(email)), []);
    const me = await rest('GET', '/users/me', undefined, { headers: { 'X-Parse-Session-Token': signUp.body.sessionToken } });
    assert.equal(me.body.emailVerified, false);
  });
});

describe('preventSignupWithUnverifiedEmail', { skip: (!SMTP_PORT || PHASE !== 'prevent-signup') && 'not this server' }, () => {
  let stopSmtp;
  before(async () => {
    stopSmtp = await startSmtp(SMTP_PORT);
  });
  after(async () => {
    await stopSmtp();
  });

  test('the sign-up answers 205 but the user exists and gets the link; once verified, the user logs in', async () => {
    const email = `presignup_${RUN}@example.com`;
    const username = `presignup_${RUN}`;
    const signUp = await rest('POST', '/users', { username, password: 'pw-1', email });
    assert.deepEqual([signUp.status, signUp.body], [400, { code: 205, error: 'User email is not verified.' }]);
    assert.deepEqual((await rest('POST', '/login', { username, password: 'pw-1' })).body,
      { code: 205, error: 'User email is not verified.' });
    const mail = await mailTo(email, 'Please verify your e-mail for Accounts IT');
    assert.match(await (await fetch(linkIn(mail))).text(), /Email verified/);
    const loggedIn = await rest('POST', '/login', { username, password: 'pw-1' });
    assert.equal(loggedIn.status, 200);
    assert.match(loggedIn.body.sessionToken, /^r:/);
  });
});
