import {
  HEADING_SCALE,
  MOVED_RECORD_BYTES,
  POSITION_SCALE,
  quantiseHeading,
  quantisePosition,
  quantiseSpeed,
  SPEED_SCALE,
  WIRE_KINDS,
  type WireKind,
} from '@aether/shared/wire';
import type { Entity } from '../world/types.js';
import { motionOf } from './motion.js';

const RAD = Math.PI / 180;
const MAX_TEXT_BYTES = 255;

function shortText(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.byteLength <= MAX_TEXT_BYTES ? bytes : bytes.subarray(0, MAX_TEXT_BYTES);
}

/**
 * What the zone last told clients about one entity, and its encodings. The
 * motion record is written once when the entity's motion changes and copied
 * into every frame that carries it, so a crowd of viewers costs one encoding
 * per entity, not one per viewer.
 */
export class EntityRecord {
  /** Last tick the entity was in the zone (or reported across a border). */
  presentTick = -1;
  /** Last tick the motion record was rewritten. */
  changedTick = -1;
  /** u16 handle followed by the motion, exactly as frames carry it. */
  readonly moved = Buffer.alloc(MOVED_RECORD_BYTES);
  /** id and name with their length bytes, for `added` records. */
  readonly identity: Buffer;
  readonly kindIndex: number;
  private qx = 0;
  private qy = 0;
  private qz = 0;
  private qHeading = -1;
  private qSpeed = -1;
  private sin = 0;
  private cos = 1;

  readonly id: string;
  /** Where the entity is this tick. */
  x = 0;
  y = 0;

  constructor(
    readonly handle: number,
    entity: Entity,
  ) {
    this.id = entity.id;
    const id = shortText(entity.id);
    const name = shortText(entity.name);
    this.identity = Buffer.allocUnsafe(2 + id.byteLength + name.byteLength);
    this.identity[0] = id.byteLength;
    id.copy(this.identity, 1);
    this.identity[1 + id.byteLength] = name.byteLength;
    name.copy(this.identity, 2 + id.byteLength);
    this.kindIndex = WIRE_KINDS.indexOf(entity.kind as WireKind);
    this.moved.writeUInt16LE(handle, 0);
  }

  get addedBytes(): number {
    return 3 + (MOVED_RECORD_BYTES - 2) + this.identity.byteLength;
  }

  /**
   * Follows the entity to `tick`. Answers true (and rewrites the record) when
   * a client carrying the last record forward would now be wrong by more
   * than `tolerance` metres, or the heading or speed changed.
   */
  follow(entity: Entity, tick: number, secondsPerTick: number, tolerance: number): boolean {
    this.presentTick = tick;
    this.x = entity.x;
    this.y = entity.y;
    const { heading, speed } = motionOf(entity);
    const qHeading = quantiseHeading(heading);
    const qSpeed = quantiseSpeed(speed);
    if (qHeading === this.qHeading && qSpeed === this.qSpeed && this.changedTick >= 0) {
      const distance = (qSpeed / SPEED_SCALE) * (tick - this.changedTick) * secondsPerTick;
      const dx = this.qx / POSITION_SCALE + this.sin * distance - entity.x;
      const dy = this.qy / POSITION_SCALE + this.cos * distance - entity.y;
      const dz = this.qz / POSITION_SCALE - entity.z;
      if (dx <= tolerance && dx >= -tolerance && dy <= tolerance && dy >= -tolerance && dz <= tolerance && dz >= -tolerance) return false;
    }
    this.qx = quantisePosition(entity.x);
    this.qy = quantisePosition(entity.y);
    this.qz = quantisePosition(entity.z);
    this.qHeading = qHeading;
    this.qSpeed = qSpeed;
    this.sin = Math.sin((qHeading / HEADING_SCALE) * RAD);
    this.cos = Math.cos((qHeading / HEADING_SCALE) * RAD);
    const record = this.moved;
    record.writeInt32LE(this.qx, 2);
    record.writeInt32LE(this.qy, 6);
    record.writeInt32LE(this.qz, 10);
    record.writeUInt16LE(qHeading, 14);
    record.writeUInt16LE(qSpeed, 16);
    this.changedTick = tick;
    return true;
  }
}
