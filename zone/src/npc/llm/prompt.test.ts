import { npcMessages } from './prompt.js';

describe('npcMessages', () => {
  it('gives the persona, the recent exchanges in order, then the new line', () => {
    const messages = npcMessages({
      npc: { name: 'Old Tobin', persona: 'A rambling hermit.' },
      zoneName: 'The Crossroads',
      speaker: 'Aria',
      text: 'Tell me a story',
      history: [
        { speaker: 'Bob', said: 'hi', reply: 'Hello, Bob.' },
        { speaker: 'Aria', said: 'where?', reply: 'West.' },
      ],
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toContain('You are Old Tobin');
    expect(messages[0]!.content).toContain('The Crossroads');
    expect(messages[0]!.content).toContain('A rambling hermit.');
    expect(messages.slice(1).map((m) => m.content)).toEqual(['Bob: hi', 'Hello, Bob.', 'Aria: where?', 'West.', 'Aria: Tell me a story']);
  });

  it('works without a persona or history', () => {
    const messages = npcMessages({ npc: { name: 'X', persona: '' }, zoneName: 'Z', speaker: 'A', text: 't', history: [] });
    expect(messages).toHaveLength(2);
    expect(messages[0]!.content).not.toContain('  ');
  });
});
