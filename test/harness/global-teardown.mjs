export default async function globalTeardown() {
  const harness = globalThis.__aetherHarness ?? {};
  await Promise.allSettled([harness.redis?.stop(), harness.postgres?.stop()]);
}
