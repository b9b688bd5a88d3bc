import {
  FLAG_FULL,
  FRAME_MAGIC,
  HEADER_BYTES,
  HEADING_SCALE,
  MOVED_RECORD_BYTES,
  POSITION_SCALE,
  PROTOCOL_VERSION,
  SPEED_SCALE,
  WIRE_KINDS,
  type Motion,
  type WireKind,
} from './frame-format.js';

export interface AddedEntity extends Motion {
  handle: number;
  id: string;
  kind: WireKind;
  name: string;
}

export interface MovedEntity extends Motion {
  handle: number;
}

export interface DecodedFrame {
  tick: number;
  /** Milliseconds per tick on the server, for carrying motion forward. */
  intervalMs: number;
  /** Forget every entity before applying this frame. */
  full: boolean;
  removed: number[];
  added: AddedEntity[];
  moved: MovedEntity[];
  /** The tick's other messages for this player, in order: [event name, payload]. */
  messages: Array<[string, unknown]>;
}

export class FrameFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameFormatError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one frame; throws FrameFormatError on anything that does not follow docs/protocol.md. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (count: number) => {
    if (at + count > bytes.byteLength) throw new FrameFormatError(`frame ends early: need ${count} byte(s) at ${at} of ${bytes.byteLength}`);
  };
  const u8 = () => {
    need(1);
    return view.getUint8(at++);
  };
  const u16 = () => {
    need(2);
    const value = view.getUint16(at, true);
    at += 2;
    return value;
  };
  const u32 = () => {
    need(4);
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  const i32 = () => {
    need(4);
    const value = view.getInt32(at, true);
    at += 4;
    return value;
  };
  const text = (length: number) => {
    need(length);
    const value = utf8.decode(bytes.subarray(at, at + length));
    at += length;
    return value;
  };
  const motion = (): Motion => ({
    x: i32() / POSITION_SCALE,
    y: i32() / POSITION_SCALE,
    z: i32() / POSITION_SCALE,
    heading: u16() / HEADING_SCALE,
    speed: u16() / SPEED_SCALE,
  });

  need(HEADER_BYTES);
  if (u8() !== FRAME_MAGIC) throw new FrameFormatError('not a frame');
  const version = u8();
  if (version !== PROTOCOL_VERSION) throw new FrameFormatError(`frame version ${version}, expected ${PROTOCOL_VERSION}`);
  const flags = u8();
  const tick = u32();
  const intervalMs = u16();

  const removed: number[] = [];
  for (let count = u16(); count > 0; count--) removed.push(u16());
  const added: AddedEntity[] = [];
  for (let count = u16(); count > 0; count--) {
    const handle = u16();
    const kindIndex = u8();
    const kind = WIRE_KINDS[kindIndex];
    if (!kind) throw new FrameFormatError(`unknown entity kind ${kindIndex}`);
    const where = motion();
    const id = text(u8());
    const name = text(u8());
    added.push({ handle, kind, id, name, ...where });
  }
  const moved: MovedEntity[] = [];
  const movedCount = u16();
  need(movedCount * MOVED_RECORD_BYTES);
  for (let count = movedCount; count > 0; count--) moved.push({ handle: u16(), ...motion() });

  const jsonLength = u32();
  let messages: Array<[string, unknown]> = [];
  if (jsonLength > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text(jsonLength));
    } catch (cause) {
      throw new FrameFormatError(`frame messages are not JSON: ${(cause as Error).message}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((m) => Array.isArray(m) && m.length === 2 && typeof m[0] === 'string')) {
      throw new FrameFormatError('frame messages must be [[event, data], …]');
    }
    messages = parsed as Array<[string, unknown]>;
  }
  if (at !== bytes.byteLength) throw new FrameFormatError(`${bytes.byteLength - at} byte(s) after the end of the frame`);
  return { tick, intervalMs, full: (flags & FLAG_FULL) !== 0, removed, added, moved, messages };
}
