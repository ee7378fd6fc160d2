// Preloaded into soketi by the interop tests (`node --require stdin-watchdog.cjs server.js ...`).
// The test JVM holds the other end of this process's stdin pipe. When that end closes, because
// the JVM exited or was killed, soketi is stopped (SIGTERM, its own graceful shutdown), so no
// server outlives the tests that started it. It reads nothing else and changes nothing else.
'use strict';

function stop() {
  process.kill(process.pid, 'SIGTERM');
}

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
