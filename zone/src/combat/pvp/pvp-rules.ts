/** A zone's player-versus-player rule (zone.pvp in PostgreSQL; docs/gameplay.md, "Player versus player"). */
export type PvpPolicy = 'safe' | 'duel' | 'open';

/** Distances and times of player-versus-player play. */
export const PVP_RULES = {
  /** Metres around a zone's spawn point where no player is harmed outside a duel (nobody is caught coming back to life). */
  spawnProtection: 15,
  /** How near a player must be to challenge them, metres. */
  challengeRange: 20,
  /** A challenge lapses after this many seconds. */
  challengeSeconds: 30,
  /** Duelists this far apart end the duel: the one who walked off forfeits, metres. */
  duelLeash: 40,
  /** A duel still going after this many seconds is a draw. */
  duelSeconds: 180,
} as const;

/** What decides whether one player may harm another, as the caller found it. */
export interface HarmQuestion {
  policy: PvpPolicy;
  zoneName: string;
  victimName: string;
  /** The two are in a duel with each other. */
  dueling: boolean;
  /** The two are in the same party. */
  sameParty: boolean;
  /** Metres from the victim to the zone's spawn point. */
  victimFromSpawn: number;
}

export type HarmAnswer = { ok: true } | { ok: false; message: string };

/**
 * May one player harm another here? Safe zones: never, not even in a duel.
 * Elsewhere a duel both agreed to always may (spawn protection and parties
 * included: they consented). Outside a duel: duel zones refuse; open zones
 * allow it except against a party member or a player within
 * `spawnProtection` metres of the spawn point.
 */
export function mayHarm(question: HarmQuestion): HarmAnswer {
  const { policy, zoneName, victimName } = question;
  if (policy === 'safe') return refuse(`${zoneName} is a safe zone: no fighting other players.`);
  if (question.dueling) return { ok: true };
  if (policy === 'duel') return refuse(`In ${zoneName} players fight only in a duel: /duel ${victimName} to challenge them.`);
  if (question.sameParty) return refuse(`${victimName} is in your party.`);
  if (question.victimFromSpawn <= PVP_RULES.spawnProtection) {
    return refuse(`${victimName} is under spawn protection (within ${PVP_RULES.spawnProtection} m of ${zoneName}'s spawn point).`);
  }
  return { ok: true };
}

function refuse(message: string): HarmAnswer {
  return { ok: false, message };
}
