import { createLogger } from '@aether/shared/observability';
import type { NpcBrain, NpcBrainRequest } from '../../npc/llm/npc-brain.js';
import type { NpcReplyRequest } from '../../npc/reply-request.js';
import type { Input } from '../../world/types.js';
import { NpcReplies } from './npc-replies.js';

const request = (text = 'tell me a story'): NpcReplyRequest => ({
  kind: 'npc_reply_request',
  npc: { id: 'hermit', entityId: 'n:hermit', name: 'Old Tobin', persona: 'A hermit.' },
  zone: { id: 'zone-crossroads', name: 'The Crossroads' },
  speaker: { id: 'c:aria', name: 'Aria' },
  text,
  fallback: "Can't help you with that, Aria.",
});
const origin = { zoneId: 'zone-crossroads' };

function replies(brain: NpcBrain, options: { timeoutMs?: number; history?: number; maxPendingPerNpc?: number } = {}) {
  const delivered: Array<{ zoneId: string; input: Input }> = [];
  const handler = new NpcReplies({
    brain,
    deliver: (zoneId, input) => (delivered.push({ zoneId, input }), true),
    timeoutMs: options.timeoutMs ?? 200,
    history: options.history ?? 2,
    ...(options.maxPendingPerNpc ? { maxPendingPerNpc: options.maxPendingPerNpc } : {}),
    logger: createLogger({ level: 'silent' }),
  });
  const said = () => delivered.map(({ input }) => (input.kind === 'command' ? input.text : input.kind));
  return { handler, delivered, said };
}

const answering = (reply: string | ((request: NpcBrainRequest) => string)): NpcBrain => ({
  reply: async (request) => (typeof reply === 'string' ? reply : reply(request)),
});

describe('NpcReplies', () => {
  it('has the NPC say the brain’s reply in the zone it came from', async () => {
    const { handler, delivered } = replies(answering('Once, long ago...'));
    await handler.handle(request(), origin);
    expect(delivered).toEqual([{ zoneId: 'zone-crossroads', input: { kind: 'command', entityId: 'n:hermit', text: '/say Once, long ago...' } }]);
  });

  it.each([
    ['the brain throws', { reply: async () => Promise.reject(new Error('HTTP 500')) } as NpcBrain],
    ['the brain answers nothing usable', answering('')],
    ['the brain is too slow (and ignores the abort)', { reply: () => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 500)) } as NpcBrain],
  ])('says the fallback line when %s', async (_, brain) => {
    const { handler, said } = replies(brain, { timeoutMs: 50 });
    await handler.handle(request(), origin);
    expect(said()).toEqual(["/say Can't help you with that, Aria."]);
  });

  it('aborts the brain’s signal at the deadline', async () => {
    let aborted: unknown;
    const brain: NpcBrain = {
      reply: (_, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = signal.reason), reject(signal.reason)))),
    };
    const { handler, said } = replies(brain, { timeoutMs: 30 });
    await handler.handle(request(), origin);
    expect(aborted).toBeInstanceOf(Error);
    expect(said()).toEqual(["/say Can't help you with that, Aria."]);
  });

  it('sends each NPC’s last exchanges as context, trimmed to the history length', async () => {
    const seen: string[][] = [];
    const { handler } = replies(
      answering((r) => (seen.push(r.history.map((e) => `${e.speaker}: ${e.said} → ${e.reply}`)), `reply to ${r.text}`)),
      { history: 2 },
    );
    for (const text of ['one', 'two', 'three', 'four']) await handler.handle(request(text), origin);
    expect(seen).toEqual([
      [],
      ['Aria: one → reply to one'],
      ['Aria: one → reply to one', 'Aria: two → reply to two'],
      ['Aria: two → reply to two', 'Aria: three → reply to three'],
    ]);
  });

  it('does not remember fallbacks as things the NPC said', async () => {
    let calls = 0;
    const histories: number[] = [];
    const brain: NpcBrain = {
      reply: async (r) => {
        histories.push(r.history.length);
        calls += 1;
        if (calls === 1) throw new Error('down');
        return 'ok';
      },
    };
    const { handler } = replies(brain);
    await handler.handle(request(), origin);
    await handler.handle(request(), origin);
    expect(histories).toEqual([0, 0]);
  });

  it('answers a crowd beyond the per-NPC limit with the fallback at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { handler, said } = replies({ reply: async () => (await gate, 'thought about it') }, { maxPendingPerNpc: 2, timeoutMs: 1000 });
    const all = [1, 2, 3].map(() => handler.handle(request(), origin));
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(said()).toEqual(["/say Can't help you with that, Aria."]);
    release();
    await Promise.all(all);
    expect(said()).toEqual(["/say Can't help you with that, Aria.", '/say thought about it', '/say thought about it']);
  });
});
