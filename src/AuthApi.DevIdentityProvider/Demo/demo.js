// The demo page: how a single-page app uses AuthApi. This page is served on AuthApi's own origin, so `api` is
// empty; an SPA on another origin sets it to the service's URL and has its origin listed in Auth:AllowedOrigins.
"use strict";

const api = "";

// One sentence per errorCode that GET /oauth2callback can append to the return URL as ?auth_error=.
const authErrors = new Map([
  ["login_expired", "The login expired or was already used (it took too long, or came back twice, e.g. via the back button). Please log in again."],
  ["state_mismatch", "The login that came back is not the one this browser started. Please log in again."],
  ["issuer_mismatch", "The answer did not come from the provider the login was started with."],
  ["provider_error", "The provider refused the login."],
  ["token_exchange_failed", "The provider could not be reached to finish the login, or sent no ID token."],
  ["id_token_invalid", "The provider's ID token did not pass validation."],
  ["userinfo_invalid", "The provider's user information was unavailable or did not match the ID token."],
  ["session_too_large", "The identity is too large to keep: the operator can request fewer claims (the provider's Scope or UseUserInfo) or raise Auth:Session:MaxCookieBytes (cookie sessions) or Auth:Session:MaxStoredBytes (the Redis store)."],
]);

const $ = (id) => document.getElementById(id);

let providers = [];
let session = null;     // the session part of the last /me while logged in, for the countdowns
let accessTokenExpiresAt = null; // from the last /me/tokens, for the access token's countdown
let clockOffset = 0;    // the service's clock minus this browser's, when they differ by more than clockTolerance
const clockTolerance = 2000;
let lastMeFetch = 0;
let returning = null;   // the /me asked for when the tab came back, while under way

function get(path) {
  return fetch(api + path, { credentials: "include" });
}

function post(path) {
  return fetch(api + path, { method: "POST", credentials: "include", headers: { "X-CSRF": "1" } });
}

async function fetchMe() {
  lastMeFetch = Date.now();
  const response = await get("/me");
  if (!response.ok) {
    throw new Error(`GET /me answered ${response.status}.`);
  }
  // A browser clock running ahead would call /me before the session ends, and that call is activity that slides the
  // idle window. Date is whole seconds (refreshed once a second), so it only corrects a clock that is clearly off.
  const skew = Date.parse(response.headers.get("Date") ?? "") - Date.now();
  clockOffset = Math.abs(skew) > clockTolerance ? skew : 0;
  return response.json();
}

async function load() {
  showAuthError();
  $("logout").addEventListener("click", logOut);
  $("refresh-tokens").addEventListener("click", refreshTokens);
  // A logout (or login) in another tab shows as soon as this one is looked at again.
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && refreshOnReturn());
  window.addEventListener("focus", refreshOnReturn);
  try {
    const [providersResponse, me] = await Promise.all([get("/providers"), fetchMe()]);
    if (!providersResponse.ok) {
      throw new Error(`GET /providers answered ${providersResponse.status}.`);
    }
    providers = await providersResponse.json();
    await show(me);
  } catch (error) {
    showError(error);
  }
  setInterval(tick, 1000);
}

// Focus and visibilitychange both fire on a tab switch: while one /me is under way, another adds nothing.
function refreshOnReturn() {
  if (document.body.dataset.state !== "loading") {
    returning ??= refresh().finally(() => { returning = null; });
  }
}

async function refresh() {
  try {
    await show(await fetchMe());
  } catch (error) {
    showError(error);
  }
}

async function show(me) {
  if (me.isLoggedIn) {
    await showLoggedIn(me);
  } else {
    showLoggedOut();
  }
  $("loading").hidden = true;
  $("load-error").hidden = true;
}

function showLoggedOut() {
  session = null;
  accessTokenExpiresAt = null;
  // An ended session's tokens should not linger in the page.
  for (const id of ["user-name", "me", "tokens", "tokens-note", "id-token-iat", "id-token-exp", "id-token-auth-time"]) {
    $(id).textContent = "";
  }
  $("providers").replaceChildren(...providers.map(loginButton));
  $("logged-in").hidden = true;
  $("logged-out").hidden = false;
  document.body.dataset.state = "logged-out";
}

function loginButton(provider) {
  const button = document.createElement("button");
  button.type = "button";
  button.id = `login-${provider.name}`;
  button.textContent = `Log in with ${provider.displayName}`;
  // The login comes back to this page; an SPA on another origin passes its own absolute URL as returnUrl.
  button.addEventListener("click", () => location.assign(`${api}${provider.loginUrl}&returnUrl=/`));
  return button;
}

async function showLoggedIn(me) {
  session = me.session;
  $("user-name").textContent = me.name ?? me.email ?? me.sub;
  $("me").textContent = JSON.stringify(me, null, 2);
  for (const [claim, id] of [["iat", "id-token-iat"], ["exp", "id-token-exp"], ["auth_time", "id-token-auth-time"]]) {
    $(id).textContent = readableTime(me.claims?.[claim]);
  }
  await showTokens(await get("/me/tokens"));
  tick();
  $("logged-out").hidden = true;
  $("logged-in").hidden = false;
  document.body.dataset.state = "logged-in";
}

// A claim in seconds since 1970 (exp, iat, auth_time), with the local date and time beside it.
function readableTime(seconds) {
  return typeof seconds === "number" ? `${seconds} (${new Date(seconds * 1000).toLocaleString()})` : "not in the ID token";
}

// #tokens holds only the JSON GET /me/tokens or POST /me/tokens/refresh answered (or nothing); explanations go to #tokens-note.
async function showTokens(response) {
  let tokens = "";
  let note = "";
  accessTokenExpiresAt = null;
  if (response.status === 401) {
    note = "401 not_authenticated: no tokens for this session (it has ended, or its tokens cookie is missing).";
  } else if (!response.ok) {
    note = `GET /me/tokens answered ${response.status} ${await errorCode(response)}.`;
  } else {
    const body = await response.json();
    tokens = JSON.stringify(body, null, 2);
    accessTokenExpiresAt = body.accessTokenExpiresAt ?? null;
    if (Object.keys(body).length === 0) {
      note = "No token kinds are exposed: set Auth:ExposeTokens (id, access) to see them here.";
    }
  }
  $("tokens").textContent = tokens;
  $("tokens").hidden = tokens === "";
  $("tokens-note").textContent = note;
  $("tokens-note").hidden = note === "";
}

async function refreshTokens() {
  const button = $("refresh-tokens");
  button.disabled = true;
  try {
    const response = await post("/me/tokens/refresh");
    if (response.status === 401) {
      // session_ended (the provider refused the refresh token) or not_authenticated: /me says which state the page is in.
      await refresh();
    } else if (!response.ok) {
      // no_refresh_token or refresh_failed: the session and its tokens are kept, so they stay on the page.
      $("tokens-note").textContent = `POST /me/tokens/refresh answered ${response.status} ${await errorCode(response)}.`;
      $("tokens-note").hidden = false;
    } else {
      await showTokens(response);
      tick();
    }
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

async function logOut() {
  const button = $("logout");
  button.disabled = true;
  try {
    const response = await fetch(`${api}/logout`, { method: "POST", credentials: "include", headers: { "X-CSRF": "1" } });
    if (!response.ok) {
      throw new Error(`POST /logout answered ${response.status} ${await errorCode(response)}.`);
    }
    // The provider's end-session URL when it has one; it sends the browser back here afterwards.
    location.assign((await response.json()).logoutUrl);
  } catch (error) {
    button.disabled = false;
    showError(error);
  }
}

function tick() {
  if (session === null) {
    return;
  }
  const now = Date.now() + clockOffset;
  const idleLeft = session.idleExpiresAt ? parseTime(session.idleExpiresAt) - now : Infinity;
  const absoluteLeft = parseTime(session.expiresAt) - now;
  $("idle-expiry").textContent = session.idleExpiresAt ? formatLeft(idleLeft) : "no idle timeout";
  $("absolute-expiry").textContent = formatLeft(absoluteLeft);
  const accessLeft = accessTokenExpiresAt ? parseTime(accessTokenExpiresAt) - now : null;
  $("access-expiry").textContent = accessLeft === null
    ? "unknown (not exposed)"
    : accessLeft > 0 ? formatLeft(accessLeft) : "expired: the next GET /me/tokens refreshes it";
  // Past zero (and the clocks' tolerance) the service has ended the session, so ask it; at most every 5 s.
  if (Math.min(idleLeft, absoluteLeft) <= -clockTolerance && Date.now() - lastMeFetch >= 5000) {
    refresh();
  }
}

// .NET writes seven fractional digits; ECMAScript only promises to parse three.
function parseTime(iso) {
  return Date.parse(iso.replace(/(\.\d{3})\d+/, "$1"));
}

function formatLeft(milliseconds) {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor(total / 3600) % 24;
  const minutes = Math.floor(total / 60) % 60;
  const seconds = total % 60;
  const pad = (value) => String(value).padStart(2, "0");
  if (days > 0) {
    return `${days} d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  }
  if (hours > 0) {
    return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  }
  return `${minutes}:${pad(seconds)}`;
}

function showAuthError() {
  const query = new URLSearchParams(location.search);
  const code = query.get("auth_error");
  if (code === null) {
    return;
  }
  // Anyone can craft this link: show only what the service itself would send, and only as text.
  const detail = query.get("auth_error_detail");
  const suffix = detail !== null && /^[a-z_]{1,64}$/.test(detail) ? `: ${detail}` : "";
  $("auth-error").textContent = authErrors.has(code)
    ? `${authErrors.get(code)} (${code}${suffix})`
    : "The login failed.";
  $("auth-error").hidden = false;
  // A reload should not show the same failure again.
  query.delete("auth_error");
  query.delete("auth_error_detail");
  const rest = query.toString();
  history.replaceState(null, "", location.pathname + (rest ? `?${rest}` : "") + location.hash);
}

async function errorCode(response) {
  try {
    return (await response.json()).errorCode ?? "";
  } catch {
    return "";
  }
}

function showError(error) {
  $("load-error").textContent = `Could not talk to the service: ${error.message}`;
  $("load-error").hidden = false;
  $("loading").hidden = true;
  if (document.body.dataset.state === "loading") {
    document.body.dataset.state = "error";
  }
}

load();
