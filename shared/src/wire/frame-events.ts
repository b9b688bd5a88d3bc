import { ClientView, type ViewEvent } from './client-view.js';
import { FRAME_EVENT } from './frame-format.js';
import { decodeFrame } from './frame-reader.js';

/** The part of a Socket.IO client socket this needs. */
export interface FrameSource {
  // Any listener fits: the socket decides what it passes, this module only hands listeners over.
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * Replays every frame the socket receives as the named events it stands for
 * (`world_enter`, `proximity_roster`, `proximity_roster_delta`,
 * `state_update`, `event`, …) through `dispatch`, so a client written
 * against named events needs no other change. A frame that cannot be read is
 * reported as an `error` event and dropped.
 */
export function followFrames(socket: FrameSource, dispatch: (event: string, data: unknown) => void, view = new ClientView()): ClientView {
  socket.on(FRAME_EVENT, (bytes: Uint8Array) => {
    let events: ViewEvent[];
    try {
      events = view.apply(decodeFrame(bytes));
    } catch (error) {
      dispatch('error', { code: 'internal', message: `unreadable frame: ${(error as Error).message}` });
      return;
    }
    for (const { event, data } of events) dispatch(event, data);
  });
  return view;
}
