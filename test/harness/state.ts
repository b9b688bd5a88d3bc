import type { PostgresServer } from '../../shared/src/testing/postgres-server.js';
import type { RedisServer } from '../../shared/src/testing/redis-server.js';

/** Global setup and teardown run in the same process; this carries the handles between them. */
export const harnessState: { redis?: RedisServer; postgres?: PostgresServer } = {};
