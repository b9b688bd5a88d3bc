import { startPostgresServer } from '../../shared/src/testing/postgres-server.js';
import { startRedisServer } from '../../shared/src/testing/redis-server.js';
import { harnessState } from './state.js';

/**
 * Starts one real Redis and one real PostgreSQL on free ports for the whole
 * run; tests read their URLs from the environment, which Jest workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  const [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  harnessState.redis = redis;
  harnessState.postgres = postgres;
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_DATABASE_URL = postgres.url;
}
