/**
 * Preloaded (node --import) into a server the bench starts but did not write:
 * when the bench goes away, however it goes (even SIGKILL), its end of the
 * server's stdin closes, and the server is asked to stop as on Ctrl-C, then
 * made to. It reads nothing else and adds no work per tick.
 */
const GRACE_MS = 10_000;

process.stdin.on('end', () => {
  setTimeout(() => process.exit(1), GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
});
process.stdin.on('error', () => {});
process.stdin.resume();
// Watching stdin must not be what keeps the server alive.
(process.stdin as unknown as { unref?: () => void }).unref?.();
