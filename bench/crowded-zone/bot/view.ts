import type { Socket } from 'socket.io-client';

/**
 * What a bot learns from the server, whatever the wire format: who it is,
 * its own state, and which entities it sees doing what. Each wire format is
 * one ViewAdapter that turns its own events into these calls, so bots, load
 * tests and benchmarks never depend on a format.
 *
 * Times (`at`) are `performance.now()` milliseconds when the message arrived.
 */

/** The player's own state as the server reports it. */
export interface OwnState {
  x: number;
  y: number;
  heading: number;
  moving: boolean;
}

/** Entering the world: the id others see this player under, and where it stands. */
export interface Identity extends OwnState {
  id: string;
}

/** Another entity as seen by this player; adapters may pass their own richer objects. */
export interface SeenEntity {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly moving: boolean;
}

/** Where an adapter reports what it decoded; the bot implements it. */
export interface ViewSink {
  entered(identity: Identity, at: number): void;
  /** Fields the message carried; the rest keep their last value. */
  self(state: Partial<OwnState>, at: number): void;
  seen(entity: SeenEntity, at: number): void;
  left(entityId: string, at: number): void;
  /** Ids in view now: lets a format that sends whole snapshots work out who left. */
  viewing(): Iterable<string>;
}

/** One wire format. Stateless; per-bot state lives in the closure `attach` makes. */
export interface ViewAdapter {
  readonly name: string;
  /** Starts listening on the socket for this format's events; returns a function that stops listening. */
  attach(socket: Socket, sink: ViewSink): () => void;
}

/** What a user of a bot may observe: the same facts, after the bot has applied them. */
export interface ViewObserver {
  entered?(identity: Identity, at: number): void;
  /** The complete own state after applying the message. */
  self?(state: OwnState, at: number): void;
  /**
   * `previousHeading`: the heading this player last saw the entity with;
   * undefined when it was not in view before this message (it has just come
   * into range, or the player has just entered the world).
   */
  seen?(entity: SeenEntity, at: number, previousHeading: number | undefined): void;
  left?(entityId: string, at: number): void;
}
