/** One admin action, as it is written to `audit_log`. */
export interface NewAuditEntry {
  /** The acting account; null for actions without one (a static admin credential). */
  actorId: string | null;
  actorName: string;
  /** e.g. "kick", "mute", "ban", "announce", "teleport". */
  action: string;
  /** Whom or what it was done to: a character name, "world", … */
  target: string;
  /** Anything else worth keeping: reason, duration, the accounts and characters touched, the outcome. */
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  id: string;
  at: Date;
}

/** The append-only record of admin actions (docs/security.md). */
export interface AuditLogRepository {
  record(entry: NewAuditEntry): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<AuditEntry[]>;
}
