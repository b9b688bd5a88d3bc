import { engineLogMessage } from './schema-engine.js';

describe('engineLogMessage', () => {
  it('reads the message out of a tracing event', () => {
    expect(engineLogMessage('{"level":"INFO","fields":{"message":"Starting schema-engine-wasm"},"target":"x"}')).toBe('info: Starting schema-engine-wasm');
  });

  it('passes anything else through', () => {
    expect(engineLogMessage('plain text')).toBe('plain text');
    expect(engineLogMessage('{"level":"WARN"}')).toBe('{"level":"WARN"}');
  });
});
