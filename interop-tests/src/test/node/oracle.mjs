// An oracle for the channels4j interop tests: answers questions with the official Node server
// library `pusher`, so channels4j's signatures, auth bodies and envelopes can be compared with it.
//
// A long-running process: one JSON request per line on stdin, {"id":..,"op":"..","params":{..}},
// one JSON answer per line on stdout, {"id":..,"result":..} or {"id":..,"error":"..","details":..}.
// Diagnostics go to stderr. Every request it makes goes to loopback.
//
// Usage: node oracle.mjs [--node-modules DIR]
// The operations are documented in interop-tests/README.md.
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

const args = process.argv.slice(2);
const nmIndex = args.indexOf('--node-modules');
const requireFrom =
  nmIndex >= 0
    ? createRequire(path.join(path.resolve(args[nmIndex + 1]), 'noop.js'))
    : createRequire(import.meta.url);
const Pusher = requireFrom('pusher');
const pusherVersion = requireFrom('pusher/package.json').version;
// The libraries `pusher` itself encrypts with (its own dependencies, resolved from its folder).
const requireFromPusher = createRequire(requireFrom.resolve('pusher'));
const nacl = requireFromPusher('tweetnacl');
const naclUtil = requireFromPusher('tweetnacl-util');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const DEFAULT_TIMEOUT_MS = 10000;

let defaults = { host: '127.0.0.1' };

function logError(context, error) {
  process.stderr.write(`[oracle.mjs] ${context}: ${error && error.stack ? error.stack : error}\n`);
}

function write(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The app settings for one request: the configured defaults, overridden by params.app. */
function appOf(params) {
  const app = { ...defaults, ...((params && params.app) || {}) };
  if (!LOOPBACK_HOSTS.has(app.host)) throw new Error(`host must be loopback, got ${app.host}`);
  for (const field of ['appId', 'key', 'secret']) {
    if (app[field] === undefined || app[field] === null) {
      throw new Error(`app.${field} is not set: call "configure" first or pass params.app`);
    }
  }
  return app;
}

/** A `pusher` instance for the app; host and port may be replaced (the capture server). */
function pusherFor(app, target) {
  const options = {
    appId: app.appId,
    key: app.key,
    secret: app.secret,
    host: target ? target.host : app.host,
    port: target ? target.port : app.port,
    useTLS: false,
    timeout: app.timeoutMs || DEFAULT_TIMEOUT_MS,
  };
  if (app.encryptionMasterKeyBase64 !== undefined && app.encryptionMasterKeyBase64 !== null) {
    options.encryptionMasterKeyBase64 = app.encryptionMasterKeyBase64;
  }
  return new Pusher(options);
}

/** Runs fn with Date.now() fixed to the given Unix time in seconds (if any), then restores it. */
function atTimestamp(seconds, fn) {
  if (seconds === undefined || seconds === null) return fn();
  const realNow = Date.now;
  Date.now = () => Number(seconds) * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

function requireString(params, field) {
  const v = params[field];
  if (typeof v !== 'string') throw new Error(`params.${field} (a string) is required`);
  return v;
}

function parseQuery(query) {
  const out = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    out[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
  }
  return out;
}

/** The calls of the `pusher` library that `invoke` and `capture` may make. */
const CALLS = {
  trigger: (p, a) => p.trigger(...a),
  triggerBatch: (p, a) => p.triggerBatch(...a),
  sendToUser: (p, a) => p.sendToUser(...a),
  terminateUserConnections: (p, a) => p.terminateUserConnections(...a),
  get: (p, a) => p.get(...a),
  post: (p, a) => p.post(...a),
};

function callOf(params) {
  const call = requireString(params, 'call');
  const fn = CALLS[call];
  if (!fn) throw new Error(`unknown call ${call}; one of ${Object.keys(CALLS).join(', ')}`);
  const callArgs = params.args === undefined ? [] : params.args;
  if (!Array.isArray(callArgs)) throw new Error('params.args must be an array');
  return (p) => fn(p, structuredClone(callArgs));
}

// --- The capture server: a loopback HTTP server that records what `pusher` sends. -------------
// Pointing a real `pusher` instance at it runs the library's whole request path (validation,
// encryption, JSON body, signing, node-fetch) unchanged, and shows the exact bytes it would send.

let captureServer;
let capturePort;
const captured = [];
// One capture at a time, so each call is paired with its own request.
let captureQueue = Promise.resolve();

function startCaptureServer() {
  return new Promise((resolve, reject) => {
    captureServer = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url, 'http://127.0.0.1');
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
        // Recorded before the answer is sent, so it is there when the library's call resolves.
        captured.push({
          method: req.method,
          path: url.pathname,
          query,
          params: parseQuery(query),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    captureServer.on('error', reject);
    captureServer.listen(0, '127.0.0.1', () => {
      capturePort = captureServer.address().port;
      resolve();
    });
  });
}

function capture(params) {
  const run = async () => {
    const app = appOf(params);
    const call = callOf(params);
    const p = pusherFor(app, { host: '127.0.0.1', port: capturePort });
    captured.length = 0;
    // The URL (and so the signature) is computed synchronously inside the call.
    await atTimestamp(params.timestamp, () => call(p));
    const request = captured.shift();
    if (!request) throw new Error('the library call finished without sending a request');
    return request;
  };
  const result = captureQueue.then(run, run);
  captureQueue = result.catch(() => {});
  return result;
}

// --- Operations --------------------------------------------------------------------------------

const ops = {
  ping: () => ({ pusher: pusherVersion, node: process.version }),

  configure: (params) => {
    const next = { ...defaults, ...params };
    if (!LOOPBACK_HOSTS.has(next.host)) throw new Error(`host must be loopback, got ${next.host}`);
    // Construct once so that a bad master key is reported now, by the library itself.
    if (next.appId !== undefined && next.key !== undefined && next.secret !== undefined) {
      pusherFor(next);
    }
    defaults = next;
    return { configured: true };
  },

  authorizeChannel: (params) => {
    const p = pusherFor(appOf(params));
    const body = p.authorizeChannel(
      requireString(params, 'socketId'),
      requireString(params, 'channel'),
      params.presenceData === null ? undefined : params.presenceData,
    );
    return { body, json: JSON.stringify(body) };
  },

  authenticateUser: (params) => {
    const p = pusherFor(appOf(params));
    const body = p.authenticateUser(requireString(params, 'socketId'), params.userData);
    return { body, json: JSON.stringify(body) };
  },

  sharedSecret: (params) => {
    const secret = pusherFor(appOf(params)).channelSharedSecret(requireString(params, 'channel'));
    return { base64: Buffer.from(secret).toString('base64'), hex: Buffer.from(secret).toString('hex') };
  },

  signRequest: (params) => {
    const p = pusherFor(appOf(params));
    const request = { method: requireString(params, 'method'), path: requireString(params, 'path') };
    if (params.params !== undefined && params.params !== null) request.params = params.params;
    if (params.body !== undefined && params.body !== null) request.body = requireString(params, 'body');
    // Watch the library's own Token.sign to learn the exact string it signed.
    const token = p.config.token;
    const realSign = token.sign.bind(token);
    let stringToSign = null;
    token.sign = (s) => {
      stringToSign = s;
      return realSign(s);
    };
    const queryString = atTimestamp(params.timestamp, () => p.createSignedQueryString(request));
    const parsed = parseQuery(queryString);
    return {
      queryString,
      params: parsed,
      authSignature: parsed.auth_signature,
      bodyMd5: parsed.body_md5 === undefined ? null : parsed.body_md5,
      stringToSign,
    };
  },

  signWebhook: (params) => {
    const app = { ...defaults, ...((params && params.app) || {}) };
    const key = params.key ?? app.key;
    const secret = params.secret ?? app.secret;
    if (key === undefined || secret === undefined) throw new Error('key and secret are required');
    const token = new Pusher.Token(key, secret);
    return { key, signature: token.sign(requireString(params, 'body')) };
  },

  validateWebhook: (params) => {
    const p = pusherFor(appOf(params));
    const headers = {};
    for (const [name, value] of Object.entries(params.headers || {})) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
    }
    const webhook = p.webhook({ headers, rawBody: requireString(params, 'rawBody') });
    const valid = webhook.isValid(params.extraTokens || []);
    return {
      valid,
      contentTypeValid: webhook.isContentTypeValid(),
      bodyValid: webhook.isBodyValid(),
      events: webhook.isBodyValid() ? (webhook.getEvents() ?? null) : null,
      timeMs: webhook.isBodyValid() ? (webhook.getData().time_ms ?? null) : null,
    };
  },

  capture: (params) => capture(params),

  encrypt: async (params) => {
    const channel = requireString(params, 'channel');
    const event = params.event === undefined ? 'oracle-encrypt' : params.event;
    const request = await capture({
      app: params.app,
      timestamp: params.timestamp,
      call: 'trigger',
      args: [channel, event, params.data === undefined ? null : params.data],
    });
    const body = JSON.parse(request.body);
    const envelope = JSON.parse(body.data);
    return { envelope: body.data, nonce: envelope.nonce, ciphertext: envelope.ciphertext, request };
  },

  decrypt: (params) => {
    const p = pusherFor(appOf(params));
    const channel = requireString(params, 'channel');
    const envelope =
      typeof params.envelope === 'string' ? JSON.parse(params.envelope) : params.envelope || {};
    const opened = nacl.secretbox.open(
      naclUtil.decodeBase64(envelope.ciphertext),
      naclUtil.decodeBase64(envelope.nonce),
      new Uint8Array(p.channelSharedSecret(channel)),
    );
    if (opened === null) throw new Error('the envelope does not open with this channel key');
    return { plaintext: Buffer.from(opened).toString('utf8') };
  },

  invoke: async (params) => {
    const app = appOf(params);
    if (!app.port) throw new Error('app.port is required for invoke');
    const run = callOf(params);
    let response;
    try {
      response = await run(pusherFor(app));
    } catch (e) {
      if (e instanceof Pusher.RequestError) {
        const error = new Error(e.message);
        error.details = { status: e.status === undefined ? null : e.status, body: e.body ?? null };
        throw error;
      }
      throw e;
    }
    const body = await response.text();
    let json = null;
    try {
      json = JSON.parse(body);
    } catch (e) {
      json = null;
    }
    return { status: response.status, body, json };
  },
};

async function handleLine(text) {
  if (text.trim() === '') return;
  let request;
  try {
    request = JSON.parse(text);
  } catch (e) {
    logError('bad JSON request', text);
    write({ id: null, error: `bad JSON: ${e.message}` });
    return;
  }
  const id = request && request.id !== undefined ? request.id : null;
  try {
    const op = request && ops[request.op];
    if (!op) throw new Error(`unknown op ${JSON.stringify(request && request.op)}`);
    const result = await op(request.params || {});
    write({ id, result: result === undefined ? null : result });
  } catch (e) {
    logError(`op ${text}`, e);
    const answer = { id, error: String(e && e.message ? e.message : e) };
    if (e && e.details) answer.details = e.details;
    write(answer);
  }
}

process.on('uncaughtException', (e) => logError('uncaught exception', e));
process.on('unhandledRejection', (e) => logError('unhandled rejection', e));

await startCaptureServer();
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  handleLine(line);
});
// The parent closing our stdin (including when it dies) ends this process.
rl.on('close', () => {
  captureServer.close();
  process.exit(0);
});
write({ id: null, ready: true, pusher: pusherVersion, node: process.version });
