import { ConfigError } from '@aether/shared/config';
import { npcLlmSettings } from './config.js';

describe('npcLlmSettings', () => {
  it('is off without NPC_LLM_URL (empty counts as unset)', () => {
    expect(npcLlmSettings({})).toBeUndefined();
    expect(npcLlmSettings({ NPC_LLM_URL: '', NPC_LLM_MODEL: 'llama3.2' })).toBeUndefined();
  });

  it.each([
    [
      'Ollama, defaults filled in, trailing slash dropped',
      { NPC_LLM_URL: 'http://localhost:11434/v1/', NPC_LLM_MODEL: 'llama3.2' },
      {
        baseUrl: 'http://localhost:11434/v1',
        model: 'llama3.2',
        timeoutMs: 3000,
        maxTokens: 80,
        history: 6,
        conversations: 1000,
        maxReplyChars: 280,
        budgets: { playerRequestsPerMinute: 6, globalRequestsPerMinute: 120, playerTokensPerHour: 6000, globalTokensPerHour: 300000 },
      },
    ],
    [
      'hosted, with a key and tuned numbers',
      {
        NPC_LLM_URL: 'https://api.example.com/v1',
        NPC_LLM_MODEL: 'small',
        NPC_LLM_API_KEY: 'sk-x',
        NPC_LLM_TIMEOUT_MS: '1500',
        NPC_LLM_HISTORY: '0',
        NPC_LLM_CONVERSATIONS: '50',
        NPC_LLM_MAX_REPLY_CHARS: '120',
        NPC_LLM_PLAYER_REQUESTS_PER_MINUTE: '2',
        NPC_LLM_GLOBAL_REQUESTS_PER_MINUTE: '30',
        NPC_LLM_PLAYER_TOKENS_PER_HOUR: '1000',
        NPC_LLM_GLOBAL_TOKENS_PER_HOUR: '50000',
      },
      {
        baseUrl: 'https://api.example.com/v1',
        model: 'small',
        apiKey: 'sk-x',
        timeoutMs: 1500,
        maxTokens: 80,
        history: 0,
        conversations: 50,
        maxReplyChars: 120,
        budgets: { playerRequestsPerMinute: 2, globalRequestsPerMinute: 30, playerTokensPerHour: 1000, globalTokensPerHour: 50000 },
      },
    ],
  ])('reads %s', (_, env, expected) => {
    expect(npcLlmSettings(env)).toEqual(expected);
  });

  it.each([
    ['NPC_LLM_URL', { NPC_LLM_URL: 'localhost:11434', NPC_LLM_MODEL: 'm' }],
    ['NPC_LLM_URL', { NPC_LLM_URL: 'ftp://host/v1', NPC_LLM_MODEL: 'm' }],
    ['NPC_LLM_MODEL', { NPC_LLM_URL: 'http://localhost:11434/v1' }],
    ['NPC_LLM_TIMEOUT_MS', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_TIMEOUT_MS: 'soon' }],
    ['NPC_LLM_HISTORY', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_HISTORY: '-1' }],
    ['NPC_LLM_CONVERSATIONS', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_CONVERSATIONS: '0' }],
    ['NPC_LLM_MAX_REPLY_CHARS', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_MAX_REPLY_CHARS: '5000' }],
    ['NPC_LLM_PLAYER_REQUESTS_PER_MINUTE', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_PLAYER_REQUESTS_PER_MINUTE: 'lots' }],
    ['NPC_LLM_GLOBAL_TOKENS_PER_HOUR', { NPC_LLM_URL: 'http://h/v1', NPC_LLM_MODEL: 'm', NPC_LLM_GLOBAL_TOKENS_PER_HOUR: '0' }],
  ])('rejects a bad %s with a message naming it', (name, env) => {
    let error: unknown;
    try {
      npcLlmSettings(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });
});
