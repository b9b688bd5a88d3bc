import { readFile } from 'node:fs/promises';
import { combatCommands } from '../combat/commands/index.js';
import { itemCommands } from '../items/commands/index.js';
import { questCommands } from '../quests/quest-commands.js';
import { tradeCommands } from '../trade/trade-commands.js';
import { defaultCommands } from './execute.js';

describe('docs/gameplay.md', () => {
  it('documents every registered command, every form of it and its aliases', async () => {
    const docs = await readFile(new URL('../../../docs/gameplay.md', import.meta.url), 'utf8');
    const commands = docs.slice(docs.indexOf('## Commands'), docs.indexOf('\n## ', docs.indexOf('## Commands') + 1));
    // The registry as the game assembles it (zone/src/game/create-zone-host.ts).
    for (const definition of defaultCommands(combatCommands(), itemCommands(), tradeCommands(), questCommands()).list()) {
      for (const form of definition.usage) expect(commands).toContain(`\`${form}\``);
      for (const alias of definition.aliases) expect(commands).toContain(`\`/${alias}\``);
    }
  });
});
