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
      { baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', timeoutMs: 3000, maxTokens: 80, history: 6 },
    ],
    [
      'hosted, with a key and tuned numbers',
      { NPC_LLM_URL: 'https://api.example.com/v1', NPC_LLM_MODEL: 'small', NPC_LLM_API_KEY: 'sk-x', NPC_LLM_TIMEOUT_MS: '1500', NPC_LLM_HISTORY: '0' },
      { baseUrl: 'https://api.example.com/v1', model: 'small', apiKey: 'sk-x', timeoutMs: 1500, maxTokens: 80, history: 0 },
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
