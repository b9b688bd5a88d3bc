import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The baseline: a bare Socket.IO server (the same socket.io 4.8 the gateway
 * uses, default options) whose only addition is an auth middleware that
 * checks the token shape the gateway accepts in dev mode. Whatever the
 * gateway holds per connection beyond this is Aether's own cost.
 *
 * PORT from the environment; GET /health answers the engine's connection
 * count and the sockets that passed the middleware.
 */
const DEV_TOKEN = /^dev:[A-Za-z0-9_-]{1,32}$/;

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(`bare-server: PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}\n`);
  process.exit(2);
}

const http = createServer((request, response) => {
  if (request.url !== '/health') {
    response.writeHead(404).end();
    return;
  }
  const body = JSON.stringify({ status: 'ok', connected: io.engine.clientsCount, authenticated: io.of('/').sockets.size });
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
const io = new Server(http);
io.use((socket, next) => {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && DEV_TOKEN.test(token)) return next();
  next(Object.assign(new Error('the handshake needs auth: { token: "dev:<name>" }'), { data: { code: 'unauthorized' } }));
});

http.listen(port, () => process.stderr.write(`bare-server listening on ${port}\n`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => io.close(() => process.exit(0)));
}
