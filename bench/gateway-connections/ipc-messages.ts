/** Request/reply over a child's IPC channel: the parent numbers requests, the child answers each by number. */
export interface IpcRequest {
  id: number;
  type: string;
  [field: string]: unknown;
}

export type IpcReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Something the child says unasked (progress while connecting). */
export interface IpcNotice {
  notice: string;
  [field: string]: unknown;
}

export function isReply(message: unknown): message is IpcReply {
  return typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number' && 'ok' in message;
}

export function isNotice(message: unknown): message is IpcNotice {
  return typeof message === 'object' && message !== null && typeof (message as { notice?: unknown }).notice === 'string';
}
