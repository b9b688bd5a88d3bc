/** The fields of a coordination.k8s.io/v1 Lease that leader election uses. */
export interface LeaseRecord {
  /** Empty after a graceful release: anyone may take it at once. */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

export interface LeaseDecisionInput {
  record: LeaseRecord | undefined;
  identity: string;
  leaseDurationMs: number;
  now: number;
  /**
   * When this replica last saw the record change (its own clock). As in
   * client-go, another holder's lease is judged by how long *we* have seen it
   * unchanged, never by the renewTime written on another machine's clock.
   */
  observedAt: number;
}

export type LeaseDecision =
  | { action: 'create'; record: LeaseRecord }
  | { action: 'renew'; record: LeaseRecord }
  | { action: 'acquire'; record: LeaseRecord }
  | { action: 'wait'; holder: string; expiresInMs: number };

/** Pure: what to do with the Lease this round. */
export function decideLease(input: LeaseDecisionInput): LeaseDecision {
  const now = new Date(input.now).toISOString();
  const seconds = Math.max(1, Math.ceil(input.leaseDurationMs / 1000));
  const fresh = (transitions: number): LeaseRecord => ({
    holderIdentity: input.identity,
    leaseDurationSeconds: seconds,
    acquireTime: now,
    renewTime: now,
    leaseTransitions: transitions,
  });
  const { record } = input;
  if (!record) return { action: 'create', record: fresh(0) };
  if (record.holderIdentity === input.identity) return { action: 'renew', record: { ...record, leaseDurationSeconds: seconds, renewTime: now } };
  if (record.holderIdentity) {
    const expiresInMs = input.observedAt + record.leaseDurationSeconds * 1000 - input.now;
    if (expiresInMs > 0) return { action: 'wait', holder: record.holderIdentity, expiresInMs };
  }
  return { action: 'acquire', record: fresh(record.leaseTransitions + 1) };
}
