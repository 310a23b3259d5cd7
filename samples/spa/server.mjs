// The sample SPA's server, with Node's own modules only (no npm install): the page, its config, and one small API that the
// page reaches through AuthApi's proxy (the dev stack's route hello forwards {AuthApi}/api/hello here).
//
//   node samples/spa/server.mjs [--port 3000] [--host localhost] [--authapi http://localhost:8080] [--provider http://localhost:5001]
//
// or PORT, HOST, AUTHAPI_URL, PROVIDER_URL in the environment. AuthApi must list this page's origin in Auth:AllowedOrigins
// (the dev stack allows http://localhost:3000).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    authapi: { type: "string" },
    provider: { type: "string" },
  },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const host = args.host ?? process.env.HOST ?? "localhost";
// The one place the page learns where AuthApi is: it imports /config.js, written from this value.
const authApiUrl = new URL(args.authapi ?? process.env.AUTHAPI_URL ?? "http://localhost:8080").origin;
// Only this server talks to the provider, to check the access tokens /api/hello receives.
const providerUrl = new URL(args.provider ?? process.env.PROVIDER_URL ?? "http://localhost:5001").origin;

// No inline script or style anywhere: the strict policy a real SPA should ship with.
const contentSecurityPolicy = [
  "default-src 'self'",
  `connect-src 'self' ${authApiUrl}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const files = new Map([
  ["/", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["/index.html", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["/app.js", { file: "app.js", type: "text/javascript; charset=utf-8" }],
  ["/style.css", { file: "style.css", type: "text/css; charset=utf-8" }],
]);

const server = createServer(async (request, response) => {
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("X-Content-Type-Options", "nosniff");
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  try {
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(response, 405, "text/plain; charset=utf-8", "Method not allowed\n");
    } else if (path === "/config.js") {
      send(response, 200, "text/javascript; charset=utf-8", `export const authApiUrl = ${JSON.stringify(authApiUrl)};\n`);
    } else if (path === "/api/hello") {
      await hello(request, response);
    } else if (files.has(path)) {
      const { file, type } = files.get(path);
      response.setHeader("Content-Security-Policy", contentSecurityPolicy);
      send(response, 200, type, await readFile(new URL(file, import.meta.url)));
    } else {
      send(response, 404, "text/plain; charset=utf-8", "Not found\n");
    }
  } catch (error) {
    console.error(`${request.method} ${path} failed: ${error.message}`);
    send(response, 500, "text/plain; charset=utf-8", "Server error\n");
  }
});

// An API that really checks the bearer token AuthApi's proxy sends: it asks the provider's userinfo endpoint, which accepts
// only a live access token (the dev provider's are opaque handles, so there is no signature to check locally).
async function hello(request, response) {
  const authorization = request.headers.authorization ?? "";
  if (!/^Bearer [\x21-\x7e]+$/.test(authorization)) {
    response.setHeader("WWW-Authenticate", "Bearer");
    return sendJson(response, 401, { error: "missing_token", detail: "Send Authorization: Bearer <access token>." });
  }
  let answer;
  try {
    answer = await fetch(await userInfoEndpoint(), {
      headers: { Authorization: authorization, Accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    return sendJson(response, 502, { error: "provider_unreachable", detail: `The provider at ${providerUrl} did not answer.` });
  }
  if (answer.status === 401) {
    response.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
    return sendJson(response, 401, { error: "invalid_token", detail: "The provider does not accept this access token." });
  }
  if (!answer.ok) {
    return sendJson(response, 502, { error: "provider_error", detail: `The provider's userinfo answered ${answer.status}.` });
  }
  const user = await answer.json();
  sendJson(response, 200, { message: `Hello, ${user.name ?? user.sub}: the provider accepted your access token.`, sub: user.sub });
}

let discovery = null;

async function userInfoEndpoint() {
  discovery ??= fetch(`${providerUrl}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
    .then((answer) => (answer.ok ? answer.json() : Promise.reject(new Error(`discovery answered ${answer.status}`))));
  try {
    return (await discovery).userinfo_endpoint;
  } catch (error) {
    discovery = null; // try again on the next call
    throw error;
  }
}

function sendJson(response, status, body) {
  send(response, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function send(response, status, type, body) {
  response.writeHead(status, { "Content-Type": type });
  response.end(body);
}

server.on("error", (error) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use (http://${host}:${port}): stop the other process or choose another with --port.`);
  } else {
    console.error(`The sample SPA cannot start: ${error.message}`);
  }
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`Sample SPA: open http://${host}:${port}/ (AuthApi at ${authApiUrl}, provider at ${providerUrl})`);
});
