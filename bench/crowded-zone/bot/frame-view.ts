import { decodeFrame, FRAME_EVENT } from '@aether/shared/wire';
import type { ViewAdapter } from './view.js';

/**
 * Aether's protocol 2 (docs/protocol.md, "Frames"): one binary frame per
 * tick with what changed in view. Handles name entities within a zone;
 * `world_enter` rides in the frame's messages. A bot reports only what the
 * frame said (records as they arrive), which is what move → seen measures;
 * it does not carry positions forward between frames.
 */
export const frameView: ViewAdapter = {
  name: 'frames',
  attach(socket, sink) {
    let selfId: string | undefined;
    const ids = new Map<number, string>();
    const onFrame = (bytes: Uint8Array) => {
      const at = performance.now();
      const frame = decodeFrame(bytes);
      for (const [event, data] of frame.messages) {
        if (event !== 'world_enter') continue;
        const { character } = data as { character: { entityId: string; x: number; y: number; heading: number } };
        selfId = character.entityId;
        sink.entered({ id: character.entityId, x: character.x, y: character.y, heading: character.heading, moving: false }, at);
      }
      if (frame.full) {
        for (const id of ids.values()) if (id !== selfId) sink.left(id, at);
        ids.clear();
      }
      for (const handle of frame.removed) {
        const id = ids.get(handle);
        ids.delete(handle);
        if (id !== undefined && id !== selfId) sink.left(id, at);
      }
      for (const entity of frame.added) {
        ids.set(entity.handle, entity.id);
        const seen = { id: entity.id, x: entity.x, y: entity.y, heading: entity.heading, moving: entity.speed > 0 };
        if (entity.id === selfId) sink.self(seen, at);
        else sink.seen(seen, at);
      }
      for (const record of frame.moved) {
        const id = ids.get(record.handle);
        if (id === undefined) continue;
        const seen = { id, x: record.x, y: record.y, heading: record.heading, moving: record.speed > 0 };
        if (id === selfId) sink.self(seen, at);
        else sink.seen(seen, at);
      }
    };
    socket.on(FRAME_EVENT, onFrame);
    return () => {
      socket.off(FRAME_EVENT, onFrame);
    };
  },
};
