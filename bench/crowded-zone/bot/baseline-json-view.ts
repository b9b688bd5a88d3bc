import { ENTER_EVENT, POSITIONS_EVENT, type EnterPayload, type PositionsPayload } from '../baseline/wire-format.js';
import type { ViewAdapter } from './view.js';

/**
 * The crowded-zone baseline's JSON (baseline/wire-format.ts): `enter`, then
 * every tick the whole view, the player itself included.
 */
export const baselineJsonView: ViewAdapter = {
  name: 'baseline-json',
  attach(socket, sink) {
    let selfId: string | undefined;
    // Ids seen in the latest snapshot, stamped with its number: whoever carries an older stamp has left.
    const stamps = new Map<string, number>();
    let snapshot = 0;

    const onEnter = ({ id, x, y, heading }: EnterPayload) => {
      selfId = id;
      sink.entered({ id, x, y, heading, moving: false }, performance.now());
    };
    const onPositions = (entries: PositionsPayload) => {
      const at = performance.now();
      snapshot += 1;
      for (const entry of entries) {
        if (entry.id === selfId) {
          sink.self(entry, at);
          continue;
        }
        stamps.set(entry.id, snapshot);
        sink.seen(entry, at);
      }
      for (const [id, stamp] of stamps) {
        if (stamp === snapshot) continue;
        stamps.delete(id);
        sink.left(id, at);
      }
    };
    socket.on(ENTER_EVENT, onEnter);
    socket.on(POSITIONS_EVENT, onPositions);
    return () => {
      socket.off(ENTER_EVENT, onEnter);
      socket.off(POSITIONS_EVENT, onPositions);
    };
  },
};
