import { env, find, kinds, render, renderError, type K8sObject } from './helpers.js';

// The chart's `npcLlm:` values: the zone pods (through the operator's
// ZONE_POD_TEMPLATE, not the ZoneAssignment) get NPC_LLM_URL and NPC_LLM_MODEL
// as values and the API key only by reference to a Secret (docs/security.md, "Secrets").

const zoneEnv = (objects: K8sObject[]) => env(JSON.parse(env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]).ZONE_POD_TEMPLATE));
const LLM = { 'npcLlm.url': 'https://llm.example/v1', 'npcLlm.model': 'small-model' };

describe('npcLlm', () => {
  it('is off by default: no LLM settings, no Secret', () => {
    const objects = render();
    expect(zoneEnv(objects).NPC_LLM_URL).toBeUndefined();
    expect(objects.filter((object) => object.kind === 'Secret' && object.metadata.name.endsWith('-npc-llm'))).toHaveLength(0);
  });

  it('keeps apiKey in a Secret the chart creates, which the zone pods read by reference', () => {
    const objects = render({ set: { ...LLM, 'npcLlm.apiKey': 'sk-test-123' } });
    expect(find(objects, 'Secret', '-npc-llm').stringData).toEqual({ 'api-key': 'sk-test-123' });
    expect(zoneEnv(objects)).toMatchObject({
      NPC_LLM_URL: 'https://llm.example/v1',
      NPC_LLM_MODEL: 'small-model',
      NPC_LLM_API_KEY: { secretKeyRef: { name: 'rel-aether-npc-llm', key: 'api-key' } },
      LOG_LEVEL: 'info',
    });
    expect(JSON.stringify(find(objects, 'ZoneAssignment'))).not.toContain('sk-test-123');
    expect(JSON.stringify(find(objects, 'Deployment', '-operator'))).not.toContain('sk-test-123');
  });

  it('reads an existing Secret instead, creating none', () => {
    const objects = render({ set: { ...LLM, 'npcLlm.existingSecret': 'llm-credentials', 'npcLlm.existingSecretKey': 'token' } });
    expect(kinds(objects).filter((kind) => kind === 'Secret').length).toBe(render().filter((object) => object.kind === 'Secret').length);
    expect(zoneEnv(objects).NPC_LLM_API_KEY).toEqual({ secretKeyRef: { name: 'llm-credentials', key: 'token' } });
  });

  it('works without a key for an API that needs none', () => {
    const settings = zoneEnv(render({ set: LLM }));
    expect(settings.NPC_LLM_URL).toBe('https://llm.example/v1');
    expect(settings.NPC_LLM_API_KEY).toBeUndefined();
  });

  it('refuses settings that would be ignored or conflict, naming each problem at once', () => {
    const error = renderError({ set: { 'npcLlm.apiKey': 'sk-1', 'npcLlm.existingSecret': 'other' } });
    expect(error).toContain('npcLlm: model, apiKey and existingSecret only take effect with npcLlm.url');
    expect(error).toContain('npcLlm: set either apiKey or existingSecret, not both');
    expect(renderError({ set: { 'npcLlm.url': 'https://llm.example/v1' } })).toContain('npcLlm.url needs npcLlm.model');
  });
});
