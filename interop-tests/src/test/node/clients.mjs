// Drives real pusher-js clients for the channels4j interop tests.
//
// A long-running process: the Java test writes one JSON command per line on stdin and reads one
// JSON line per observation on stdout. Diagnostics go to stderr. Everything talks to loopback only.
//
// Usage: node clients.mjs --ws-port PORT --key KEY [--auth-endpoint URL]
//          [--user-auth-endpoint URL] [--node-modules DIR]
// The protocol is documented in interop-tests/README.md.
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';

const started = Date.now();
const args = parseArgs(process.argv.slice(2));
const requireFrom = args['node-modules']
  ? createRequire(path.join(path.resolve(args['node-modules']), 'noop.js'))
  : createRequire(import.meta.url);
const Pusher = requireFrom('pusher-js');
const pusherJsVersion = requireFrom('pusher-js/package.json').version;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const defaults = {
  wsPort: args['ws-port'] ? Number(args['ws-port']) : undefined,
  key: args.key,
  authEndpoint: args['auth-endpoint'],
  userAuthEndpoint: args['user-auth-endpoint'],
};

/** name -> { pusher, channels: Map<name, channel>, transport } */
const clients = new Map();
let seq = 0;
let pusherLogsAsJson = false;

// pusher-js logs every level through Pusher.log when it is set; keep them out of stdout unless
// the test asked for them, but always on stderr for the log file.
Pusher.log = (message) => {
  process.stderr.write(`[pusher-js] ${message}\n`);
  if (pusherLogsAsJson) emit({ type: 'log', message: String(message) });
};

function emit(line) {
  line.seq = ++seq;
  line.t = Date.now() - started;
  // Pipes to a parent process are written synchronously on POSIX, so nothing is lost on exit.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function logError(context, error) {
  process.stderr.write(`[clients.mjs] ${context}: ${error && error.stack ? error.stack : error}\n`);
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

function requireLoopbackUrl(name, value) {
  if (value === undefined || value === null) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`${name} must be an http URL on loopback, got ${value}`);
  }
  return url.toString();
}

function requireString(cmd, field) {
  const v = cmd[field];
  if (typeof v !== 'string' || v === '') throw new Error(`"${field}" (a non-empty string) is required`);
  return v;
}

function clientOf(cmd) {
  const name = requireString(cmd, 'client');
  const c = clients.get(name);
  if (!c) throw new Error(`unknown client ${name}`);
  return c;
}

function describeMembers(members) {
  const list = [];
  members.each((m) => list.push({ id: m.id, info: m.info === undefined ? null : m.info }));
  return {
    count: members.count,
    me: members.me ? { id: members.me.id, info: members.me.info === undefined ? null : members.me.info } : null,
    members: list,
  };
}

/**
 * Keeps the raw text of the WebSocket frame being dispatched, so that event lines can carry what
 * was on the wire next to what pusher-js delivered. pusher-js decodes synchronously inside the
 * transport's emit, so wrapping that emit brackets exactly the dispatch of one frame.
 */
function watchFrames(c) {
  const connection = c.pusher.connection.connection;
  const transport = connection && connection.transport;
  if (!transport || transport === c.transport) return;
  c.transport = transport;
  const originalEmit = transport.emit.bind(transport);
  transport.emit = (name, data) => {
    if (name !== 'message' || !data || typeof data.data !== 'string') return originalEmit(name, data);
    const previous = c.frame;
    c.frame = data.data;
    try {
      return originalEmit(name, data);
    } finally {
      c.frame = previous;
    }
  };
}

function wireDataOf(frame) {
  if (frame === undefined) return { frame: null, wireData: null, frameUserId: null };
  try {
    const parsed = JSON.parse(frame);
    return {
      frame,
      wireData: parsed.data === undefined ? null : parsed.data,
      frameUserId: parsed.user_id === undefined ? null : parsed.user_id,
    };
  } catch (e) {
    return { frame, wireData: null, frameUserId: null };
  }
}

function bindChannel(c, clientName, channel) {
  if (c.channels.get(channel.name) === channel) return;
  c.channels.set(channel.name, channel);
  // Encrypted channels: pusher-js decrypts, then JSON-parses the plaintext in getDataToEmit.
  // Record the plaintext it decrypted, so tests see the exact string.
  if (typeof channel.getDataToEmit === 'function') {
    const original = channel.getDataToEmit.bind(channel);
    channel.getDataToEmit = (bytes) => {
      c.plaintext = Buffer.from(bytes).toString('utf8');
      return original(bytes);
    };
  }
  channel.bind_global((eventName, data, metadata) => {
    try {
      const base = { client: clientName, channel: channel.name };
      switch (eventName) {
        case 'pusher:subscription_succeeded':
          if (channel.members) {
            emit({ type: 'subscription_succeeded', ...base, ...describeMembers(channel.members) });
          } else {
            emit({ type: 'subscription_succeeded', ...base, data: data === undefined ? null : data });
          }
          return;
        case 'pusher:subscription_error':
          emit({
            type: 'subscription_error',
            ...base,
            status: data && data.status !== undefined ? data.status : null,
            errorType: data && data.type !== undefined ? data.type : null,
            error: data && data.error !== undefined ? String(data.error) : null,
            data: data === undefined ? null : data,
          });
          return;
        case 'pusher:member_added':
        case 'pusher:member_removed':
          emit({
            type: eventName.slice('pusher:'.length),
            ...base,
            member: { id: data.id, info: data.info === undefined ? null : data.info },
          });
          return;
        default:
          break;
      }
      const { frame, wireData, frameUserId } = wireDataOf(c.frame);
      const encrypted = channel.name.startsWith('private-encrypted-');
      let rawData = null;
      if (encrypted) rawData = c.plaintext === undefined ? null : c.plaintext;
      else if (typeof wireData === 'string') rawData = wireData;
      c.plaintext = undefined;
      emit({
        type: 'event',
        ...base,
        event: eventName,
        data: data === undefined ? null : data,
        rawData,
        wireData,
        // pusher-js hands user_id only to named callbacks (as metadata), not to bind_global.
        userId: metadata && metadata.user_id !== undefined ? metadata.user_id : frameUserId,
        frame,
      });
    } catch (e) {
      logError(`channel ${channel.name} callback`, e);
    }
  });
}

function connect(cmd) {
  const name = requireString(cmd, 'client');
  const existing = clients.get(name);
  if (existing && existing.pusher.connection.state !== 'disconnected') {
    throw new Error(`client ${name} already exists and is ${existing.pusher.connection.state}`);
  }
  const wsPort = Number(cmd.wsPort ?? defaults.wsPort);
  if (!Number.isInteger(wsPort) || wsPort <= 0) throw new Error('wsPort is required');
  const key = cmd.key ?? defaults.key;
  if (!key) throw new Error('key is required');
  const authEndpoint = requireLoopbackUrl('authEndpoint', cmd.authEndpoint ?? defaults.authEndpoint);
  const userAuthEndpoint = requireLoopbackUrl(
    'userAuthEndpoint',
    cmd.userAuthEndpoint ?? defaults.userAuthEndpoint,
  );
  const options = {
    ...(cmd.options || {}),
    // Loopback only, plain ws only, no stats: nothing may leave this machine.
    wsHost: '127.0.0.1',
    wsPort,
    wssPort: wsPort,
    httpHost: '127.0.0.1',
    httpPort: wsPort,
    statsHost: '127.0.0.1',
    enableStats: false,
    forceTLS: false,
    enabledTransports: ['ws'],
    cluster: 'local',
  };
  if (authEndpoint) {
    options.channelAuthorization = {
      endpoint: authEndpoint,
      transport: 'ajax',
      params: cmd.authParams || {},
      headers: cmd.authHeaders || {},
    };
  }
  if (userAuthEndpoint) {
    options.userAuthentication = {
      endpoint: userAuthEndpoint,
      transport: 'ajax',
      params: cmd.userAuthParams || {},
      headers: cmd.userAuthHeaders || {},
    };
  }
  const pusher = new Pusher(key, options);
  const c = { pusher, channels: new Map(), transport: null, frame: undefined, plaintext: undefined };
  clients.set(name, c);

  pusher.connection.bind('state_change', ({ previous, current }) => {
    if (current === 'connected') watchFrames(c);
    emit({ type: 'state', client: name, previous, current });
  });
  pusher.connection.bind('connected', () => {
    emit({ type: 'connected', client: name, socketId: pusher.connection.socket_id });
  });
  pusher.connection.bind('error', (err) => {
    // A WebSocketError wraps the close event's PusherError: take the code from either.
    const data = (err && err.data) || (err && err.error && err.error.data) || {};
    emit({
      type: 'error',
      client: name,
      errorType: err && err.type !== undefined ? err.type : null,
      code: data.code !== undefined ? data.code : null,
      message:
        data.message !== undefined
          ? String(data.message)
          : err && err.error && err.error.message
            ? String(err.error.message)
            : null,
    });
  });
  pusher.connection.bind('message', (event) => {
    if (event.event === 'pusher:signin_success') {
      let userData = null;
      try {
        userData = JSON.parse(event.data.user_data);
      } catch (e) {
        userData = event.data ? event.data.user_data : null;
      }
      emit({ type: 'signin_success', client: name, userData });
    }
  });
  pusher.user.bind_global((eventName, data) => {
    if (eventName === 'pusher:signin_error') {
      emit({
        type: 'signin_error',
        client: name,
        status: data && data.status !== undefined ? data.status : null,
        errorType: data && data.type !== undefined ? data.type : null,
        error: data && data.error !== undefined ? String(data.error) : null,
      });
      return;
    }
    const { frame, wireData } = wireDataOf(c.frame);
    emit({
      type: 'event',
      client: name,
      channel: pusher.user.serverToUserChannel ? pusher.user.serverToUserChannel.name : null,
      event: eventName,
      data: data === undefined ? null : data,
      rawData: typeof wireData === 'string' ? wireData : null,
      wireData,
      userId: null,
      frame,
    });
  });
  pusher.user.watchlist.bind_global((eventName, data) => {
    emit({ type: 'watchlist', client: name, event: eventName, data: data === undefined ? null : data });
  });
  if (cmd.userAuth) pusher.signin();
  return { client: name };
}

const commands = {
  ping: () => ({ pusherJs: pusherJsVersion, node: process.version }),
  connect,
  signin: (cmd) => {
    clientOf(cmd).pusher.signin();
    return {};
  },
  subscribe: (cmd) => {
    const c = clientOf(cmd);
    const channel = c.pusher.subscribe(requireString(cmd, 'channel'));
    bindChannel(c, cmd.client, channel);
    return {};
  },
  unsubscribe: (cmd) => {
    clientOf(cmd).pusher.unsubscribe(requireString(cmd, 'channel'));
    return {};
  },
  trigger: (cmd) => {
    const c = clientOf(cmd);
    const channel = c.pusher.channel(requireString(cmd, 'channel'));
    if (!channel) throw new Error(`client ${cmd.client} has not subscribed to ${cmd.channel}`);
    const sent = channel.trigger(requireString(cmd, 'event'), cmd.data === undefined ? {} : cmd.data);
    return { sent: Boolean(sent) };
  },
  disconnect: (cmd) => {
    clientOf(cmd).pusher.disconnect();
    return {};
  },
  reconnect: (cmd) => {
    // pusher-js ignores connect() while it is connecting or unavailable (it retries on its own
    // timers, ~10-15 s after a failed attempt); disconnecting first makes it try at once.
    const { pusher } = clientOf(cmd);
    const previous = pusher.connection.state;
    if (previous !== 'connected') {
      pusher.disconnect();
      pusher.connect();
    }
    return { previous };
  },
  state: (cmd) => {
    const { pusher } = clientOf(cmd);
    return {
      state: pusher.connection.state,
      socketId: pusher.connection.socket_id === undefined ? null : pusher.connection.socket_id,
      channels: pusher.allChannels().map((ch) => ({ name: ch.name, subscribed: ch.subscribed })),
      userData: pusher.user.user_data,
    };
  },
  members: (cmd) => {
    const channel = clientOf(cmd).pusher.channel(requireString(cmd, 'channel'));
    if (!channel || !channel.members) throw new Error(`${cmd.channel} is not a subscribed presence channel`);
    return describeMembers(channel.members);
  },
  log: (cmd) => {
    pusherLogsAsJson = Boolean(cmd.enabled);
    return { enabled: pusherLogsAsJson };
  },
  exit: () => {
    setImmediate(shutdown);
    return {};
  },
};

function handleLine(text) {
  if (text.trim() === '') return;
  let cmd;
  try {
    cmd = JSON.parse(text);
  } catch (e) {
    logError('bad JSON command', text);
    emit({ type: 'ack', id: null, cmd: null, ok: false, error: `bad JSON: ${e.message}` });
    return;
  }
  const id = cmd && cmd.id !== undefined ? cmd.id : null;
  const name = cmd && typeof cmd.cmd === 'string' ? cmd.cmd : null;
  try {
    const handler = name ? commands[name] : undefined;
    if (!handler) throw new Error(`unknown command ${JSON.stringify(name)}`);
    emit({ type: 'ack', id, cmd: name, ok: true, result: handler(cmd) });
  } catch (e) {
    logError(`command ${text}`, e);
    emit({ type: 'ack', id, cmd: name, ok: false, error: String(e && e.message ? e.message : e) });
  }
}

let shuttingDown = false;
function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const [name, c] of clients) {
    try {
      c.pusher.disconnect();
    } catch (e) {
      logError(`disconnect ${name}`, e);
    }
  }
  process.exit(0);
}

// One failing callback must not end the process: report it and go on.
process.on('uncaughtException', (e) => {
  logError('uncaught exception', e);
  emit({ type: 'internal_error', error: String(e && e.message ? e.message : e) });
});
process.on('unhandledRejection', (e) => {
  logError('unhandled rejection', e);
  emit({ type: 'internal_error', error: String(e && e.message ? e.message : e) });
});

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', handleLine);
// The parent closing our stdin (including when it dies) ends this process.
rl.on('close', shutdown);
emit({ type: 'ready', pusherJs: pusherJsVersion, node: process.version });
