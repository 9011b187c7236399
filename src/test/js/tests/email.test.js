'use strict';
// Email verification and password reset end to end: the server sends real SMTP to a small SMTP
// server this file runs on PARSE_FAKE_SMTP_PORT; the tests read the link from the mail and follow
// it like a browser (the page, its form, the form's POST).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');
const { rest, RUN } = h;

const SMTP_PORT = process.env.PARSE_FAKE_SMTP_PORT;
const { inbox, mailTo, linkIn, startSmtp } = require('./fake-smtp');

describe('account emails: verification and password reset', { skip: !SMTP_PORT && 'no PARSE_FAKE_SMTP_PORT' }, () => {
  let stopSmtp;
  let skip = false;
  before(async () => {
    skip = await h.isPostgres();
    stopSmtp = await startSmtp(SMTP_PORT);
  });
  after(async () => {
    await stopSmtp();
  });

  test('sign-up sends a verification link; following it verifies the email, once', async (t) => {
    if (skip) return t.skip('the reference has no email adapter');
    const email = `verify_${RUN}@example.com`;
    const u = await rest('POST', '/users', { username: `verify_${RUN}`, password: 'pw-verify', email });
    assert.equal(u.status, 201, u.text);
    const before = await rest('GET', `/users/${u.body.objectId}`, undefined, { master: true });
    assert.equal(before.body.emailVerified, false);

    const mail = await mailTo(email, 'Please verify your e-mail for Jakarta Parse IT');
    assert.match(mail.text, new RegExp(`confirm the e-mail address ${email}`));
    const link = linkIn(mail);
    assert.match(link, /\/parse\/apps\/APPLICATION_ID\/verify_email\?token=[A-Za-z0-9]{25}$/);
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Email verified/);
    const afterVerify = await rest('GET', `/users/${u.body.objectId}`, undefined, { master: true });
    assert.equal(afterVerify.body.emailVerified, true);
    const again = await fetch(link);
    assert.match(await again.text(), /Invalid link/);
    const tampered = await fetch(link.replace(/token=.*/, 'token=%3Cscript%3Ealert(1)%3C%2Fscript%3E'));
    const html = await tampered.text();
    assert.match(html, /Invalid link/);
    assert.doesNotMatch(html, /<script>alert/);

    // Nothing is said about verified or unknown addresses (no enumeration).
    for (const e of [email, `nobody_${RUN}@example.com`]) {
      const r = await rest('POST', '/verificationEmailRequest', { email: e });
      assert.deepEqual([r.status, r.body], [200, {}]);
    }
    const missing = await rest('POST', '/verificationEmailRequest', {});
    assert.deepEqual(missing.body, { code: 204, error: 'you must provide an email' });
    const notString = await rest('POST', '/verificationEmailRequest', { email: { $ne: null } });
    assert.deepEqual(notString.body, { code: 125, error: 'you must provide a valid email string' });
  });

  test('the invalid-link page sends a new link; customPages redirects to the app\'s own page', async (t) => {
    if (skip) return t.skip('the reference has no email adapter');
    const email = `resend_${RUN}@example.com`;
    const username = `resend_${RUN}`;
    await rest('POST', '/users', { username, password: 'pw-resend', email });
    const first = await mailTo(email, 'Please verify your e-mail');
    const res = await fetch(new URL('/parse/apps/APPLICATION_ID/resend_verification_email', linkIn(first)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location'));
    assert.equal(`${location.origin}${location.pathname}`, 'http://example.com/link-sent', 'legacy customPages name linkSendSuccess');
    assert.equal(location.searchParams.get('appId'), 'APPLICATION_ID');
    for (let i = 0; i < 50 && inbox.filter((m) => m.to.includes(email)).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const mails = inbox.filter((m) => m.to.includes(email));
    assert.equal(mails.length, 2, 'a second verification mail went out');
    assert.notEqual(linkIn(mails[1]), linkIn(mails[0]), 'with a new token');
  });

  test('password reset: the emailed link opens a form whose POST sets the new password', async (t) => {
    if (skip) return t.skip('the reference has no email adapter');
    const email = `reset_${RUN}@example.com`;
    const username = `reset_${RUN}`;
    const u = await rest('POST', '/users', { username, password: 'old-pw-1', email });
    const oldSession = u.body.sessionToken;
    const r = await rest('POST', '/requestPasswordReset', { email });
    assert.deepEqual([r.status, r.body], [200, {}]);
    const mail = await mailTo(email, 'Password Reset for Jakarta Parse IT');
    assert.match(mail.text, new RegExp(`your username is '${username}'`));
    const link = linkIn(mail);
    assert.match(link, /\/parse\/apps\/APPLICATION_ID\/request_password_reset\?token=[A-Za-z0-9]{25}$/);

    const form = await fetch(link);
    assert.equal(form.status, 200);
    const html = await form.text();
    assert.match(html, /<form method="POST" action="http:\/\/localhost:\d+\/parse\/apps\/APPLICATION_ID\/request_password_reset">/);
    const token = /name="token" value="([^"]+)"/.exec(html)[1];
    const post = (fields) => fetch(new URL('/parse/apps/APPLICATION_ID/request_password_reset', link), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

    const weak = await post({ token, new_password: 'forbidden-pw' });
    assert.match(await weak.text(), /Password is too weak\./, 'the password policy applies and the form says why');
    const done = await post({ token, new_password: 'new-pw-2' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Password changed/);

    const login = await rest('POST', '/login', { username, password: 'new-pw-2' });
    assert.equal(login.status, 200, login.text);
    const oldLogin = await rest('POST', '/login', { username, password: 'old-pw-1' });
    assert.equal(oldLogin.body.code, 101);
    const me = await rest('GET', '/users/me', undefined, { headers: { 'X-Parse-Session-Token': oldSession } });
    assert.equal(me.body.code, 209, 'sessions end when the password is reset');

    const reuse = await post({ token, new_password: 'third-pw-3' });
    assert.match(await reuse.text(), /Failed to reset password: username \/ email \/ token is invalid/);
    const reuseForm = await fetch(link);
    assert.match(await reuseForm.text(), /Invalid link/, 'a used link is dead');

    const unknown = await rest('POST', '/requestPasswordReset', { email: `ghost_${RUN}@example.com` });
    assert.deepEqual([unknown.status, unknown.body], [200, {}]);
    const missing = await rest('POST', '/requestPasswordReset', {});
    assert.deepEqual(missing.body, { code: 204, error: 'you must provide an email' });
    const xhr = await fetch(new URL('/parse/apps/APPLICATION_ID/request_password_reset', link), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
      body: 'token=bogus&new_password=x',
    });
    assert.deepEqual(await xhr.json(), { code: -1, error: 'Failed to reset password: username / email / token is invalid' });
  });
});
