import { ClientView, type ViewEvent } from './client-view.js';
import { decodeFrame } from './frame-reader.js';

/**
 * Reads a gateway's `client.batch` payloads as the players behind it would:
 * each player's frames go through that player's own ClientView. For tools
 * that watch the bus (tests, load tools) rather than sockets.
 */
export class BatchReader {
  private readonly views = new Map<string, ClientView>();

  /** `entityOf` names a player's own entity, for readers that start after its world_enter went by. */
  constructor(private readonly entityOf: (characterId: string) => string | undefined = () => undefined) {}

  /** The batch's messages, then each frame replayed as named events, each with the character it is for. */
  read(batch: {
    messages: ReadonlyArray<{ characterId: string; event: string; data: unknown }>;
    frames?: ReadonlyArray<{ characterId: string; frame: Uint8Array }>;
  }): Array<{ characterId: string } & ViewEvent> {
    const out: Array<{ characterId: string } & ViewEvent> = batch.messages.map(({ characterId, event, data }) => ({ characterId, event, data }));
    for (const { characterId, frame } of batch.frames ?? []) {
      let view = this.views.get(characterId);
      if (!view) this.views.set(characterId, (view = new ClientView(this.entityOf(characterId))));
      for (const event of view.apply(decodeFrame(frame))) out.push({ characterId, ...event });
    }
    return out;
  }

  /** One player's view, once a frame for it has been read. */
  viewOf(characterId: string): ClientView | undefined {
    return this.views.get(characterId);
  }
}
