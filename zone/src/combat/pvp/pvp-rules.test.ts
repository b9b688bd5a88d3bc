import { mayHarm, PVP_RULES, type PvpPolicy } from './pvp-rules.js';

const FAR = PVP_RULES.spawnProtection + 1;
const NEAR = PVP_RULES.spawnProtection - 1;

describe('mayHarm', () => {
  const ask = (policy: PvpPolicy, dueling: boolean, sameParty: boolean, victimFromSpawn: number) =>
    mayHarm({ policy, zoneName: 'Whispering Forest', victimName: 'Mira', dueling, sameParty, victimFromSpawn });

  it.each<[PvpPolicy, boolean, boolean, number, string | true]>([
    // policy, dueling, same party, metres from spawn, answer
    ['safe', false, false, FAR, 'Whispering Forest is a safe zone: no fighting other players.'],
    ['safe', true, false, FAR, 'Whispering Forest is a safe zone: no fighting other players.'],
    ['safe', true, true, NEAR, 'Whispering Forest is a safe zone: no fighting other players.'],
    ['duel', false, false, FAR, 'In Whispering Forest players fight only in a duel: /duel Mira to challenge them.'],
    ['duel', false, true, FAR, 'In Whispering Forest players fight only in a duel: /duel Mira to challenge them.'],
    ['duel', true, false, FAR, true],
    ['duel', true, true, NEAR, true],
    ['open', false, false, FAR, true],
    ['open', false, true, FAR, 'Mira is in your party.'],
    ['open', false, false, NEAR, "Mira is under spawn protection (within 15 m of Whispering Forest's spawn point)."],
    ['open', false, false, PVP_RULES.spawnProtection, "Mira is under spawn protection (within 15 m of Whispering Forest's spawn point)."],
    ['open', true, true, NEAR, true],
    ['open', true, false, FAR, true],
  ])('%s zone, dueling %s, same party %s, %d m from spawn: %s', (policy, dueling, sameParty, fromSpawn, answer) => {
    expect(ask(policy, dueling, sameParty, fromSpawn)).toEqual(answer === true ? { ok: true } : { ok: false, message: answer });
  });
});
