export default async function globalTeardown() {
  const harness = globalThis.__aetherOperatorHarness ?? {};
  await Promise.allSettled([harness.controlPlane?.stop(), harness.postgres?.stop()]);
}
