export { compiledScript, repoRoot } from '../common/paths.js';

export const SCRIPTS = {
  aether: 'standalone/dist/main.js',
  bareServer: 'bench/dist/gateway-connections/bare-server.js',
  loadGenerator: 'bench/dist/gateway-connections/load-generator.js',
  memoryProbe: 'bench/dist/gateway-connections/memory-probe.js',
} as const;
