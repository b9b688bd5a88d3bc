// Starts one real Redis and one real PostgreSQL on free ports for the whole
// run; tests read their URLs from the environment, which Jest workers inherit.
// Jest loads global setup outside its ESM module system, so this file uses
// the compiled harness (`make test` builds before it runs Jest).
import { startPostgresServer, startRedisServer } from '../../testing/dist/index.js';

export default async function globalSetup() {
  const [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  globalThis.__aetherHarness = { redis, postgres };
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_DATABASE_URL = postgres.url;
}
