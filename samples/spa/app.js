// The sample SPA: logs in with AuthApi's providers, shows /me, calls an API through AuthApi's proxy, logs out.
// It never holds a token: AuthApi adds the access token to proxied calls server-side, so /me/tokens is not used.
// Every call to AuthApi is cross-origin with credentials, so AuthApi must list this origin in Auth:AllowedOrigins.
import { authApiUrl } from "./config.js";

const $ = (id) => document.getElementById(id);

function authApi(path, init = {}) {
  return fetch(new URL(path, authApiUrl), { credentials: "include", ...init });
}

async function start() {
  $("authapi-url").textContent = authApiUrl;
  $("call-api").addEventListener("click", callApi);
  $("logout").addEventListener("click", logOut);
  showLoginError();
  try {
    const response = await authApi("/me");
    if (!response.ok) {
      throw new Error(`GET /me answered ${response.status}`);
    }
    const me = await response.json();
    if (me.isLoggedIn) {
      showUser(me);
    } else {
      await showLogin();
    }
  } catch (error) {
    // A CORS refusal looks like a network error: say what to check.
    showError(`AuthApi at ${authApiUrl} could not be used (${error.message}). Is it running, and is ${location.origin} in its Auth:AllowedOrigins?`);
  }
}

async function showLogin() {
  const response = await authApi("/providers");
  if (!response.ok) {
    throw new Error(`GET /providers answered ${response.status}`);
  }
  const providers = await response.json();
  $("providers").replaceChildren(...providers.map(loginLink));
  show("logged-out");
}

// A navigation, not a fetch: the browser goes to AuthApi, then the provider, then back to this page's absolute URL.
function loginLink(provider) {
  const url = new URL(provider.loginUrl, authApiUrl);
  url.searchParams.set("returnUrl", location.origin + location.pathname);
  const link = document.createElement("a");
  link.className = "button";
  link.id = `login-${provider.name}`;
  link.href = url.href;
  link.textContent = `Log in with ${provider.displayName}`;
  return link;
}

function showUser(me) {
  $("user-name").textContent = me.name ?? me.email ?? me.sub;
  $("me").textContent = JSON.stringify(me, null, 2);
  show("logged-in");
}

// AuthApi's own refusals of a proxied call; any other answer is the API's, shown as it came.
const proxyRefusals = {
  csrf_header_missing: "AuthApi refused the call without its X-CSRF: 1 header.",
  upstream_unavailable: "AuthApi could not reach the API behind its proxy route. Is it running?",
  upstream_timeout: "The API behind AuthApi's proxy route did not answer in time.",
  refresh_failed: "AuthApi could not refresh the access token at the provider; try again soon.",
};

// Through AuthApi's proxy route (Auth:Proxy:Routes:hello in the dev stack): the session's cookie goes to AuthApi, which
// sends the access token to the API; X-CSRF: 1 is what a User route asks for against cross-site requests.
async function callApi() {
  const answer = $("api-answer");
  answer.textContent = "Calling…";
  try {
    const response = await authApi("/api/hello", { headers: { "X-CSRF": "1" } });
    const code = response.ok ? null : await errorCode(response);
    if (code === "not_authenticated" || code === "session_ended") {
      answer.textContent = "The session has ended: log in again.";
      return await showLogin();
    }
    answer.textContent = Object.hasOwn(proxyRefusals, code ?? "")
      ? `${response.status}: ${proxyRefusals[code]}`
      : `${response.status} ${await response.text()}`;
  } catch (error) {
    // A CORS refusal looks like a network error, as does an AuthApi that is down.
    answer.textContent = `The call failed: ${error.message}. Is AuthApi running, and is ${location.origin} in its Auth:AllowedOrigins?`;
  }
}

// AuthApi's Problem Details carry errorCode; anything else (an API's own answer) has none.
async function errorCode(response) {
  try {
    const body = await response.clone().json();
    return typeof body?.errorCode === "string" ? body.errorCode : null;
  } catch {
    return null;
  }
}

async function logOut() {
  $("logout").disabled = true;
  try {
    const response = await authApi("/logout", { method: "POST", headers: { "X-CSRF": "1" } });
    if (!response.ok) {
      throw new Error(`POST /logout answered ${response.status}`);
    }
    // The provider's end-session URL, or Auth:PostLogoutReturnUrl (relative to AuthApi) when it has none.
    location.assign(new URL((await response.json()).logoutUrl, authApiUrl));
  } catch (error) {
    $("logout").disabled = false;
    showError(`Logging out failed: ${error.message}.`);
  }
}

function showLoginError() {
  const query = new URLSearchParams(location.search);
  const code = query.get("auth_error");
  if (code !== null) {
    // Anyone can craft this link: show only a well-formed code, as text.
    showError(/^[a-z_]{1,64}$/.test(code) ? `The login failed: ${code}.` : "The login failed.");
    history.replaceState(null, "", location.pathname);
  }
}

function show(state) {
  $("loading").hidden = true;
  $("logged-out").hidden = state !== "logged-out";
  $("logged-in").hidden = state !== "logged-in";
  document.body.dataset.state = state;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = false;
  $("loading").hidden = true;
  if (document.body.dataset.state === "loading") {
    document.body.dataset.state = "error";
  }
}

start();
