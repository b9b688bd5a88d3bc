import { BaselineServer } from './baseline-server.js';

/**
 * The baseline as its own process, started by the crowded-zone runner like
 * the server under test. Configured by environment: BASELINE_PORT,
 * TICK_RATE (20), ZONE_SIZE (1000), PERCEPTION (100), MAX_SPEED (5).
 * It exits when its stdin closes, so it cannot outlive the runner.
 */
function numberFrom(name: string, fallback: number, valid: (value: number) => boolean): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!valid(value)) {
    process.stderr.write(`crowded-zone baseline: ${name}=${JSON.stringify(text)} is not valid\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  const server = new BaselineServer({
    port: numberFrom('BASELINE_PORT', 0, (value) => Number.isInteger(value) && value >= 0 && value <= 65535),
    host: '127.0.0.1',
    tickRate: numberFrom('TICK_RATE', 20, (value) => Number.isInteger(value) && value >= 1 && value <= 120),
    size: numberFrom('ZONE_SIZE', 1000, positive),
    perception: numberFrom('PERCEPTION', 100, positive),
    maxSpeed: numberFrom('MAX_SPEED', 5, positive),
  });
  await server.start();
  process.stdout.write(`${JSON.stringify({ listening: server.port })}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Bounded: a stuck close must not keep the core busy.
    setTimeout(() => process.exit(0), 3000).unref();
    void server.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`crowded-zone baseline: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
