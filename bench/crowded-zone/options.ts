import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crowdSweepDefaults, SWEEP_USAGE, takeCrowdFlag, WINDOW_USAGE, type CrowdSweepOptions } from '../common/options/crowd-options.js';
import { OptionsError, parseFlags } from '../common/options/flags.js';
import { embeddedScript } from './servers/aether-server.js';
import type { ServerKind } from './servers/server-under-test.js';

export interface BenchOptions extends CrowdSweepOptions {
  servers: ServerKind[];
  serverRoot: string;
}

export const USAGE = `crowded-zone: N walking bots against Aether and a bare Socket.IO baseline (docs/benchmarks.md)

  make bench-zone ARGS="..."   or   node bench/dist/crowded-zone/main.js [options]

  --players <list>        crowd sizes, comma-separated (default 100,200,400,800,1600)
${WINDOW_USAGE}
  --decode-every <k>      only every k-th bot decodes what it receives (default 1: all)
  --only aether|baseline  run one server only
  --server-root <path>    run standalone/dist/main.js of another (built) checkout
  --out <dir>             where the JSON and SVG go (default bench/results)
${SWEEP_USAGE}
  --help                  this text`;

/** Parses argv (without node and script); throws OptionsError with a message naming the option. */
export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions | 'help' {
  const options: BenchOptions = {
    ...crowdSweepDefaults(repoRoot, { players: [100, 200, 400, 800, 1600], decodeEvery: 1 }),
    servers: ['aether', 'baseline'],
    serverRoot: repoRoot,
  };
  const help = parseFlags(argv, (flag, value) => {
    switch (flag) {
      case '--only': {
        const server = value();
        if (server !== 'aether' && server !== 'baseline') throw new OptionsError(`--only takes "aether" or "baseline", not ${JSON.stringify(server)}`);
        options.servers = [server];
        return true;
      }
      case '--server-root': {
        const root = resolve(value());
        if (!existsSync(root) || !statSync(root).isDirectory()) throw new OptionsError(`--server-root: ${root} is not a directory`);
        if (!embeddedScript(root)) throw new OptionsError(`--server-root: ${root}/standalone/dist/main.js does not exist (build that checkout: make build)`);
        if (!existsSync(join(root, 'prisma/migrations'))) throw new OptionsError(`--server-root: ${root}/prisma/migrations does not exist`);
        options.serverRoot = root;
        return true;
      }
      default:
        return takeCrowdFlag(options, flag, value, 1);
    }
  });
  return help ?? options;
}
