/**
 * World time is a sum of tick lengths, so 40 ticks of 0.05 s come to
 * 1.9999999999999996 s, not 2. Timers compare with this slack so a 2 s timer
 * fires on the 40th tick, not the 41st.
 */
const SLACK = 1e-6;

export function isDue(now: number, at: number): boolean {
  return now + SLACK >= at;
}
