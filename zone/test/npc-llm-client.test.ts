import { createLogger } from '@aether/shared/observability';
import { ChatCompletionsClient, ChatCompletionsError } from '../src/npc/llm/chat-completions-client.js';
import { LlmNpcBrain } from '../src/npc/llm/npc-brain.js';
import type { NpcReplyRequest } from '../src/npc/reply-request.js';
import { NpcReplies } from '../src/server/effects/npc-replies.js';
import type { Input } from '../src/world/types.js';
import { completion, FakeChatServer, json } from './fake-chat-server.js';

/**
 * The NPC LLM client and reply handler against a real HTTP server that speaks
 * the chat-completions API: what is sent, what comes back, and the fallback
 * when the server is slow, failing or talking nonsense.
 */
describe('NPC replies over the chat-completions API', () => {
  let server: FakeChatServer;
  let baseUrl: string;
  beforeEach(async () => {
    server = new FakeChatServer();
    baseUrl = await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const request = (text: string): NpcReplyRequest => ({
    kind: 'npc_reply_request',
    npc: { id: 'hermit', entityId: 'n:crossroads-hermit', name: 'Old Tobin', persona: 'An old hermit.' },
    zone: { id: 'zone-crossroads', name: 'The Crossroads' },
    speaker: { id: 'c:aria', name: 'Aria' },
    text,
    fallback: "Can't help you with that, friend.",
  });

  function handler(options: { timeoutMs?: number; apiKey?: string } = {}) {
    const delivered: Input[] = [];
    const client = new ChatCompletionsClient({ baseUrl, model: 'test-model', maxTokens: 60, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    const replies = new NpcReplies({
      brain: new LlmNpcBrain(client),
      deliver: (_, input) => (delivered.push(input), true),
      timeoutMs: options.timeoutMs ?? 3000,
      history: 2,
      logger: createLogger({ level: 'silent' }),
    });
    const said = () => delivered.map((input) => (input.kind === 'npc_reply' ? `/say ${input.text}` : ''));
    return { replies, said };
  }
  const origin = { zoneId: 'zone-crossroads' };

  it('POSTs model, messages and max_tokens to {baseUrl}/chat/completions, with the key as a bearer token, and the NPC says the reply', async () => {
    server.respond = (_, response) => json(response, 200, completion('Old Tobin: "Sit, and I will tell you of the boar king."'));
    const { replies, said } = handler({ apiKey: 'sk-test' });
    await replies.handle(request('Tobin, tell me a story'), origin);

    expect(said()).toEqual(['/say Sit, and I will tell you of the boar king.']);
    const [sent] = server.requests;
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
    });
    expect(sent!.body).toMatchObject({ model: 'test-model', max_tokens: 60, stream: false });
    expect(sent!.body.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('You are Old Tobin') });
    expect(sent!.body.messages.at(-1)).toEqual({ role: 'user', content: 'Aria: Tobin, tell me a story' });
  });

  it('sends no authorization header without a key (Ollama, LM Studio)', async () => {
    const { replies } = handler();
    await replies.handle(request('hello'), origin);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('keeps the NPC’s last exchanges as context for the next request', async () => {
    let n = 0;
    server.respond = (_, response) => json(response, 200, completion(`answer ${(n += 1)}`));
    const { replies } = handler();
    for (const text of ['one', 'two', 'three']) await replies.handle(request(text), origin);
    const contents = server.requests[2]!.body.messages.map((m: { role: string; content: string }) => `${m.role}: ${m.content}`);
    expect(contents.slice(1)).toEqual(['user: Aria: one', 'assistant: answer 1', 'user: Aria: two', 'assistant: answer 2', 'user: Aria: three']);
  });

  it.each([
    [
      'a slow server (past the timeout)',
      (_: unknown, response: import('node:http').ServerResponse) => {
        const late = setTimeout(() => json(response, 200, completion('too late')), 2000);
        response.on('close', () => clearTimeout(late));
      },
    ],
    ['HTTP 500', (_: unknown, response: import('node:http').ServerResponse) => json(response, 500, { error: { message: 'model crashed' } })],
    [
      'a body that is not JSON',
      (_: unknown, response: import('node:http').ServerResponse) => (response.writeHead(200), response.end('<html>proxy error</html>')),
    ],
    ['JSON without choices', (_: unknown, response: import('node:http').ServerResponse) => json(response, 200, { choices: [] })],
    ['only a reasoning block', (_: unknown, response: import('node:http').ServerResponse) => json(response, 200, completion('<think>hmm</think>'))],
  ])('falls back to the scripted line on %s', async (_, respond) => {
    server.respond = respond;
    const { replies, said } = handler({ timeoutMs: 300 });
    const started = performance.now();
    await replies.handle(request('Tobin?'), origin);
    expect(said()).toEqual(["/say Can't help you with that, friend."]);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('the client reports what went wrong', async () => {
    const client = new ChatCompletionsClient({ baseUrl, model: 'm', maxTokens: 10 });
    server.respond = (_, response) => json(response, 503, { error: 'overloaded' });
    await expect(client.complete([{ role: 'user', content: 'x' }], AbortSignal.timeout(1000))).rejects.toMatchObject({
      name: 'ChatCompletionsError',
      status: 503,
      message: expect.stringContaining('503'),
    });
    await server.stop();
    const error = await client.complete([{ role: 'user', content: 'x' }], AbortSignal.timeout(1000)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatCompletionsError);
    expect((error as Error).message).toContain('could not reach');
    server = new FakeChatServer();
    await server.start();
  });
});
