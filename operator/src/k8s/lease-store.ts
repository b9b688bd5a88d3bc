import type { V1Lease } from '@kubernetes/client-node';
import type { LeaseStore } from '../leader/leader-elector.js';
import type { LeaseRecord } from '../leader/lease-decision.js';
import { FIELD_MANAGER, httpStatus, type KubeClients } from './client.js';

/** The leader-election Lease (coordination.k8s.io/v1) behind the LeaseStore port; updates carry the resourceVersion. */
export class KubeLeaseStore implements LeaseStore {
  constructor(
    private readonly clients: KubeClients,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  async get(): Promise<{ record: LeaseRecord; version: string } | undefined> {
    try {
      const lease = await this.clients.coordination.readNamespacedLease({ name: this.name, namespace: this.namespace });
      const spec = lease.spec ?? {};
      return {
        version: lease.metadata?.resourceVersion ?? '',
        record: {
          holderIdentity: spec.holderIdentity ?? '',
          leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
          acquireTime: micro(spec.acquireTime),
          renewTime: micro(spec.renewTime),
          leaseTransitions: spec.leaseTransitions ?? 0,
        },
      };
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw new Error(`read Lease ${this.namespace}/${this.name}`, { cause: error });
    }
  }

  async create(record: LeaseRecord): Promise<void> {
    await this.clients.coordination.createNamespacedLease({ namespace: this.namespace, body: this.body(record), fieldManager: FIELD_MANAGER });
  }

  async update(record: LeaseRecord, version: string): Promise<void> {
    await this.clients.coordination.replaceNamespacedLease({
      name: this.name,
      namespace: this.namespace,
      body: this.body(record, version),
      fieldManager: FIELD_MANAGER,
    });
  }

  private body(record: LeaseRecord, resourceVersion?: string): V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, ...(resourceVersion ? { resourceVersion } : {}) },
      spec: {
        holderIdentity: record.holderIdentity,
        leaseDurationSeconds: record.leaseDurationSeconds,
        // MicroTime wants six fractional digits; strings pass client-node's serializer untouched.
        acquireTime: toMicro(record.acquireTime) as never,
        renewTime: toMicro(record.renewTime) as never,
        leaseTransitions: record.leaseTransitions,
      },
    };
  }
}

function micro(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : new Date(0).toISOString();
}

function toMicro(iso: string): string {
  return new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
