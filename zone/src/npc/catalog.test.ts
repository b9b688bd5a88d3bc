import type { NpcRecord } from '@aether/shared/db';
import { npcsByZone } from './catalog.js';
import { testNpc } from './npc.test-helpers.js';

const record = (id: string, zoneId: string, dialogue: NpcRecord['dialogue'] = []): NpcRecord => ({ ...testNpc({ id, dialogue }), zoneId });

describe('npcsByZone', () => {
  it('groups NPCs by zone and drops only the dialogue rules that cannot match', () => {
    const problems: string[] = [];
    const zones = npcsByZone(
      [
        record('guard', 'zone-city', [
          { match: 'regex', pattern: '(broken', reply: 'x', priority: 1 },
          { match: 'keyword', pattern: 'hello', reply: 'Hi.', priority: 0 },
        ]),
        record('hermit', 'zone-crossroads'),
        record('merchant', 'zone-city'),
      ],
      (id, problem) => problems.push(`${id}: ${problem}`),
    );
    expect([...zones].map(([zone, npcs]) => [zone, npcs.map((n) => n.id)])).toEqual([
      ['zone-city', ['guard', 'merchant']],
      ['zone-crossroads', ['hermit']],
    ]);
    expect(zones.get('zone-city')![0]!.dialogue.map((r) => r.pattern)).toEqual(['hello']);
    expect(problems).toEqual([expect.stringMatching(/^guard: dialogue rule "\(broken": not a valid regular expression/)]);
    expect(zones.get('zone-city')![0]).not.toHaveProperty('zoneId');
  });

  it('keeps a vendor’s wares, dropping a price that is not a whole number of coins from 0', () => {
    const problems: string[] = [];
    const merchant = {
      ...record('merchant', 'zone-city'),
      wares: [
        { itemId: 'rope', price: 2 },
        { itemId: 'free-lunch', price: -5 },
        { itemId: 'half-rope', price: 0.5 },
      ],
    };
    const zones = npcsByZone([merchant], (id, problem) => problems.push(`${id}: ${problem}`));
    expect(zones.get('zone-city')![0]!.wares).toEqual([{ itemId: 'rope', price: 2 }]);
    expect(problems).toHaveLength(2);
  });
});
