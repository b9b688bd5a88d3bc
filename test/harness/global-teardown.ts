import { harnessState } from './state.js';

export default async function globalTeardown(): Promise<void> {
  await Promise.allSettled([harnessState.redis?.stop(), harnessState.postgres?.stop()]);
}
