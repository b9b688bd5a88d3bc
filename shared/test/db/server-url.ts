/** The PostgreSQL the integration harness started (test/harness/global-setup.ts). */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run these tests in the "integration" Jest project');
  return url;
}
