// The sample SPA: logs in with AuthApi's providers, shows /me, calls an API with the access token, logs out.
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

// The API gets the access token AuthApi exposes (Auth:ExposeTokens includes access in the dev stack).
async function callApi() {
  const answer = $("api-answer");
  answer.textContent = "Calling…";
  try {
    const tokens = await authApi("/me/tokens");
    if (tokens.status === 401) {
      answer.textContent = "The session has ended: log in again.";
      return await showLogin();
    }
    const { access } = await tokens.json();
    if (!access) {
      answer.textContent = "AuthApi exposes no access token: add access to Auth:ExposeTokens.";
      return;
    }
    const response = await fetch("/api/hello", { headers: { Authorization: `Bearer ${access}` } });
    answer.textContent = `${response.status} ${await response.text()}`;
  } catch (error) {
    answer.textContent = `The call failed: ${error.message}`;
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
