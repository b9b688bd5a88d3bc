import { displayUsername } from './display-name.js';

describe('displayUsername', () => {
  it.each([
    [{ preferred_username: 'Alice' }, 'alice'],
    [{ preferred_username: 'Zoë Ångström' }, 'zoe-angstrom'],
    [{ name: 'Bob the Builder', email: 'bob@example.com' }, 'bob-the-builder'],
    [{ preferred_username: '!!', name: 'x', email: 'carol.smith@example.com' }, 'carol-smith'],
    [{ preferred_username: '李小龙' }, 'player'],
    [{ preferred_username: `  ${'a'.repeat(40)}  ` }, 'a'.repeat(32)],
    [{ preferred_username: '\u202Eevil\u0007name' }, 'evil-name'],
    [{ sub: 'only-a-subject' }, 'player'],
    [{ preferred_username: 42, name: 'Dee' }, 'dee'],
  ])('%j → %j', (claims, expected) => {
    const name = displayUsername(claims as never);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-z0-9_-]{3,32}$/);
  });
});
