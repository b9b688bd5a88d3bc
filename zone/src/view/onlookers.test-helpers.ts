import { BatchReader, type ViewEntry } from '@aether/shared/wire';
import { liveGhosts } from '../borders/border-interest.js';
import { DEFAULT_RULES, type Rules } from '../rules/rules.js';
import type { Outgoing, World } from '../world/types.js';
import { messagesByPlayer } from './messages-by-player.js';
import { ZoneView } from './zone-view.js';

export type Seen = { to: string; event: string; data: any };

/**
 * Players' clients in tests: runs the zone's view over each tick's world and
 * decodes every frame as a client would, so tests read what players see.
 */
export class Onlookers {
  private readonly view: ZoneView;
  // Frames are addressed by player entity id here, which is also the viewer's own entity.
  private readonly reader = new BatchReader((entityId) => entityId);
  /** Bytes of every frame sent so far, by player entity id. */
  readonly bytes = new Map<string, number>();
  private tick = 0;

  constructor(rules: Rules = DEFAULT_RULES) {
    this.view = new ZoneView({ perceptionRange: rules.perceptionRange, motionTolerance: rules.motionTolerance, rangeEveryTicks: rules.viewRangeEveryTicks });
  }

  /** What each player learns from this tick's frame, as named events addressed like `Outgoing`. */
  see(world: World, outgoing: readonly Outgoing[] = [], dt = 1 / 20): Seen[] {
    this.tick = world.tick;
    const frames: Array<{ characterId: string; frame: Uint8Array }> = [];
    this.view.update(world, liveGhosts(world), messagesByPlayer(outgoing), dt, (entityId, frame) => {
      frames.push({ characterId: entityId, frame });
      this.bytes.set(entityId, (this.bytes.get(entityId) ?? 0) + frame.byteLength);
    });
    return this.reader.read({ messages: [], frames }).map(({ characterId, event, data }) => ({ to: characterId, event, data }));
  }

  /** Everything a player has in view at the latest tick seen, as its client would list it. */
  roster(entityId: string): ViewEntry[] {
    return this.reader.viewOf(entityId)?.entries(this.tick) ?? [];
  }
}
