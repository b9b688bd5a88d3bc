import type { AuditEntry, AuditLogRepository, NewAuditEntry } from './audit-log-repository.js';
import type { PrismaClient } from './generated/client.js';

export class PrismaAuditLogRepository implements AuditLogRepository {
  constructor(private readonly client: PrismaClient) {}

  async record(entry: NewAuditEntry): Promise<void> {
    try {
      await this.client.auditLog.create({
        data: { actorId: entry.actorId, actorName: entry.actorName, action: entry.action, target: entry.target, details: entry.details as object },
        select: { id: true },
      });
    } catch (error) {
      throw new Error(`could not write the audit log entry for ${entry.action} by ${entry.actorName}`, { cause: error });
    }
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    const rows = await this.client.auditLog.findMany({ orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
    return rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action,
      target: row.target,
      details: (row.details ?? {}) as Record<string, unknown>,
    }));
  }
}
