import { compileRule, matchRule, mentions, renderReply, ruleMatches } from './dialogue.js';
import type { DialogueRule } from './dialogue.js';

const rule = (match: DialogueRule['match'], pattern: string, priority = 0, reply = pattern): DialogueRule => ({ match, pattern, priority, reply });

describe('dialogue rules', () => {
  it.each([
    ['keyword, whole word', rule('keyword', 'hi'), 'Hi there!', true],
    ['keyword, ignores case and width', rule('keyword', 'forest'), 'Tell me about the ＦＯＲＥＳＴ', true],
    ['keyword, not inside another word', rule('keyword', 'hi'), 'this is high', false],
    ['keyword, a phrase across extra spaces', rule('keyword', 'how much'), 'How   much is it?', true],
    ['keyword, punctuation around it', rule('keyword', 'wolves'), '...wolves?!', true],
    ['keyword, accented letters are letters', rule('keyword', 'cafe'), 'un cafés', false],
    ['regex, alternatives', rule('regex', String.raw`\b(buy|sell)\b`), 'I want to SELL this', true],
    ['regex, no match', rule('regex', String.raw`\b(buy|sell)\b`), 'seller', false],
    ['regex, invalid never matches', rule('regex', '(unclosed'), '(unclosed', false],
  ])('%s', (_, dialogueRule, text, expected) => {
    expect(ruleMatches(dialogueRule, text)).toBe(expected);
  });

  it.each([
    ['a bad regex', rule('regex', '[a-'), false],
    ['an empty keyword', rule('keyword', '  '), false],
    ['a good regex', rule('regex', 'a+'), true],
  ])('compileRule reports %s', (_, dialogueRule, ok) => {
    expect(compileRule(dialogueRule).ok).toBe(ok);
  });

  const guard = [
    rule('regex', String.raw`\b(hello|hi)\b`, 0, 'greeting'),
    rule('keyword', 'forest', 5, 'forest'),
    rule('regex', String.raw`\bwol(f|ves)\b`, 10, 'wolves'),
    rule('keyword', 'wolves', 10, 'second wolves rule'),
  ];

  it.each([
    ['only the greeting matches', 'hello!', 'greeting'],
    ['higher priority beats lower', 'hi, what lives in the forest?', 'forest'],
    ['highest of three', 'hello, are there wolves in the forest?', 'wolves'],
    ['equal priority: the rule listed first', 'wolves!', 'wolves'],
    ['nothing matches', 'nice weather', undefined],
  ])('matchRule: %s', (_, text, expected) => {
    expect(matchRule(guard, text)?.reply).toBe(expected);
  });

  it.each([
    ['Well met, {player}.', 'Well met, Aria.'],
    ['{npc} remembers {player}, {player}.', 'Tobin remembers Aria, Aria.'],
    ['{unknown} stays', '{unknown} stays'],
  ])('renderReply %j', (template, expected) => {
    expect(renderReply(template, { player: 'Aria', npc: 'Tobin' })).toBe(expected);
  });

  it.each([
    ['Guard Aldric', 'aldric, a word?', true],
    ['Guard Aldric', 'Hey GUARD', true],
    ['Guard Aldric', 'guardian angel', false],
    ['Old Tobin', 'how old are you', false],
    ['Old Tobin', 'Tobin!', true],
    ['Merchant Sela', 'hello there', false],
  ])('mentions(%j) in %j', (name, text, expected) => {
    expect(mentions(text, name)).toBe(expected);
  });
});
