import type { SeenEntity, ViewAdapter } from './view.js';

/**
 * Today's per-tick JSON events (shared/src/protocol/server.ts, docs/protocol.md):
 * `world_enter`, a full `proximity_roster`, then `proximity_roster_delta` and
 * `state_update` each tick something changed.
 *
 * The payloads are trusted rather than parsed with the zod schemas: a bot
 * decodes thousands of them a second and the server is the one under test.
 */

interface WorldEnter {
  character: { entityId: string; x: number; y: number; heading: number };
}
interface Roster {
  entities: SeenEntity[];
}
interface RosterDelta {
  added: SeenEntity[];
  removed: string[];
  changed: SeenEntity[];
}
interface StateUpdate {
  character?: { x?: number; y?: number; heading?: number; moving?: boolean };
}

export const legacyJsonView: ViewAdapter = {
  name: 'legacy-json',
  attach(socket, sink) {
    const onEnter = ({ character }: WorldEnter) => {
      const at = performance.now();
      sink.entered({ id: character.entityId, x: character.x, y: character.y, heading: character.heading, moving: false }, at);
    };
    const onRoster = ({ entities }: Roster) => {
      const at = performance.now();
      const present = new Set<string>();
      for (const entity of entities) {
        present.add(entity.id);
        sink.seen(entity, at);
      }
      // A full roster replaces the view (after entering, or a resync).
      for (const id of [...sink.viewing()]) if (!present.has(id)) sink.left(id, at);
    };
    const onDelta = ({ added, removed, changed }: RosterDelta) => {
      const at = performance.now();
      for (const id of removed) sink.left(id, at);
      for (const entity of added) sink.seen(entity, at);
      for (const entity of changed) sink.seen(entity, at);
    };
    const onState = ({ character }: StateUpdate) => {
      // Without `character` it is combat or party news only; absent fields keep their values (ViewSink.self).
      if (character) sink.self(character, performance.now());
    };
    socket.on('world_enter', onEnter);
    socket.on('proximity_roster', onRoster);
    socket.on('proximity_roster_delta', onDelta);
    socket.on('state_update', onState);
    return () => {
      socket.off('world_enter', onEnter);
      socket.off('proximity_roster', onRoster);
      socket.off('proximity_roster_delta', onDelta);
      socket.off('state_update', onState);
    };
  },
};
