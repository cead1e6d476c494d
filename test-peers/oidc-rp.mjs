// A relying party built on the certified openid-client library, run against a live Holdfast by
// OidcRelyingPartyEndToEndTests. It drives Holdfast's own sign-in form like a browser (cookies, CSRF token,
// redirects) and prints one JSON line per check: {"check": name, "ok": bool, "detail": ...}.
// Environment: ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_URI, USERNAME, PASSWORD, CODE_TTL_MS.
import * as client from 'openid-client';

const env = process.env;
const issuer = new URL(env.ISSUER);
const redirectUri = env.REDIRECT_URI;

function report(check, ok, detail) {
  console.log(JSON.stringify({ check, ok, detail: detail === undefined ? null : String(detail) }));
}

// --- a tiny browser: a cookie jar, manual redirects, and form filling for the sign-in pages ---
const jar = new Map();
function remember(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const index = pair.indexOf('=');
    jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
}
async function request(url, init = {}) {
  const headers = { ...(init.headers || {}), accept: 'text/html' };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  remember(response);
  return response;
}
function unescapeHtml(value) {
  return value.replaceAll('&#43;', '+').replaceAll('&#61;', '=').replaceAll('&#47;', '/').replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}
// Follows redirects (filling in Holdfast's sign-in steps when a sign-in form shows up) until the browser is sent
// to `stopAt`; returns that URL, or {status, url} where it stopped instead.
async function browse(start, stopAt) {
  let url = new URL(start);
  let response = null;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(stopAt)) return url;
    if (response === null) response = await request(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location'), url);
      response = null;
      continue;
    }
    const page = await response.text();
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
    if (response.status !== 200 || !form || !/name="(username|password)"/.test(form[2])) {
      return { status: response.status, url: url.href };
    }
    const fields = new URLSearchParams();
    for (const input of form[2].matchAll(/<input([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1]);
      if (!name) continue;
      const value = /value="([^"]*)"/.exec(input[1]);
      let text = value ? unescapeHtml(value[1]) : '';
      if (name[1] === 'username') text = env.USERNAME;
      if (name[1] === 'password') text = env.PASSWORD;
      fields.append(name[1], text);
    }
    url = new URL(unescapeHtml(form[1]) || url.pathname, url);
    response = await request(url, { method: 'POST', body: fields,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  return { status: 0, url: url.href };
}

async function authorize(config, extra = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid profile email groups', state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  });
  return { url, verifier, state, nonce };
}
async function expectError(check, promise, code) {
  try {
    await promise;
    report(check, false, 'no error');
  } catch (error) {
    const got = error.error || error.code || error.message;
    const why = error.cause && error.cause.message ? error.cause.message : '';
    report(check, got === code || why === code, `${got}: ${error.error_description || error.message} ${error.cause ? `(${error.cause.code}: ${error.cause.message}; ${error.cause.cause ? error.cause.cause.message : ''})` : ''}`);
  }
}

const config = await client.discovery(issuer, env.CLIENT_ID, env.CLIENT_SECRET, undefined,
  { execute: [client.allowInsecureRequests] });
report('discovery', config.serverMetadata().issuer === issuer.href.replace(/\/$/, ''), config.serverMetadata().issuer);

// A full sign-in: code + PKCE through Holdfast's own form.
let flow = await authorize(config);
let callback = await browse(flow.url, redirectUri);
report('login-redirects-back-with-code', callback instanceof URL && callback.searchParams.has('code'), callback.href || JSON.stringify(callback));
const tokens = await client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
const claims = tokens.claims();
report('id-token', claims.preferred_username === env.USERNAME && typeof claims.sub === 'string', JSON.stringify(claims));

const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
report('userinfo', info.sub === claims.sub && info.preferred_username === env.USERNAME, JSON.stringify(info));

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
report('refresh', typeof refreshed.access_token === 'string' && refreshed.refresh_token !== tokens.refresh_token);
await expectError('reused-refresh-token', client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
await expectError('refresh-family-revoked', client.refreshTokenGrant(config, refreshed.refresh_token), 'invalid_grant');

// A code used twice: refused, and the tokens it gave are revoked.
flow = await authorize(config);
callback = await browse(flow.url, redirectUri);
const once = await client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
await expectError('reused-code', client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce }), 'invalid_grant');
await expectError('reused-code-revokes-its-tokens', client.refreshTokenGrant(config, once.refresh_token), 'invalid_grant');

// PKCE mismatch.
flow = await authorize(config);
callback = await browse(flow.url, redirectUri);
await expectError('pkce-mismatch', client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: flow.state, expectedNonce: flow.nonce }), 'invalid_grant');

// An expired code.
flow = await authorize(config);
callback = await browse(flow.url, redirectUri);
await new Promise((resolve) => setTimeout(resolve, Number(env.CODE_TTL_MS) + 1000));
await expectError('expired-code', client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce }), 'invalid_grant');

// An unregistered redirect URI: Holdfast must not redirect there.
const unregistered = await browse((await authorize(config, { redirect_uri: 'http://127.0.0.1:9/not-registered' })).url, 'http://127.0.0.1:9/not-registered');
report('unregistered-redirect-uri', !(unregistered instanceof URL) && unregistered.status === 400, JSON.stringify(unregistered));

// A tampered ID token signature, with the library checking signatures.
const strict = await client.discovery(issuer, env.CLIENT_ID, env.CLIENT_SECRET, undefined,
  { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] });
strict[client.customFetch] = async (url, options) => {
  const response = await fetch(url, options);
  if (!String(url).endsWith('/oauth2/token')) return response;
  const body = await response.json();
  if (body.id_token) {
    const [header, payload, signature] = body.id_token.split('.');
    const flipped = (signature[5] === 'A' ? 'B' : 'A');
    body.id_token = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
  }
  return new Response(JSON.stringify(body), { status: response.status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
flow = await authorize(strict);
callback = await browse(flow.url, redirectUri);
await expectError('tampered-id-token', client.authorizationCodeGrant(strict, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce }), 'JWT signature verification failed');

// RP-initiated logout ends the Holdfast session and returns to the application.
flow = await authorize(config);
callback = await browse(flow.url, redirectUri);
const last = await client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
const endSession = client.buildEndSessionUrl(config, { id_token_hint: last.id_token, post_logout_redirect_uri: env.POST_LOGOUT_URI });
const back = await browse(endSession, env.POST_LOGOUT_URI);
report('logout-returns-to-app', back instanceof URL, back.href || JSON.stringify(back));
const home = await request(new URL('/', issuer));
report('logout-ended-session', home.status === 302 && home.headers.get('location').endsWith('/login'), home.headers.get('location'));
