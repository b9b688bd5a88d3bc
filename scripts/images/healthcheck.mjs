// The images' HEALTHCHECK: GET http://127.0.0.1:<port><path>; exit 0 on a 2xx
// answer within 2.5 s, else 1. Node's own fetch, so the images need no curl.
//   node /app/healthcheck.mjs <path> <name of the port variable> <default port>
const [path = '/health', portVariable = 'GATEWAY_PORT', fallback = '3100'] = process.argv.slice(2);
const port = process.env[portVariable] || fallback;
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
