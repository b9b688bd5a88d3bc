import { characterNameKey } from './character-name.js';

describe('characterNameKey', () => {
  it('folds case', () => {
    expect(characterNameKey('Aria')).toBe(characterNameKey('aRIA'));
  });

  it('folds full-width look-alikes', () => {
    expect(characterNameKey('Ａｒｉａ')).toBe('aria');
  });

  it('keeps different names apart', () => {
    expect(characterNameKey('Aria')).not.toBe(characterNameKey('Arya'));
  });
});
