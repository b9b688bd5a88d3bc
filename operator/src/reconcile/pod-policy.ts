import { RESERVED_ENV } from '../api/zone-assignment.js';
import type { ZoneAssignmentSpec, ZonePodSettings } from './types.js';

export interface PolicyViolation {
  reason: 'NoImage' | 'ImageNotAllowed' | 'EnvNotAllowed';
  message: string;
}

/** `*` at the end of an entry matches any rest (a tag, a digest); anything else matches exactly. */
function imageAllowed(image: string, settings: Pick<ZonePodSettings, 'image' | 'imageAllowlist'>): boolean {
  if (image === settings.image) return true;
  return settings.imageAllowlist.some((entry) => (entry.endsWith('*') ? image.startsWith(entry.slice(0, -1)) : image === entry));
}

/**
 * What a ZoneAssignment may ask of its pods. The operator injects the Redis
 * and database Secrets into them, so whoever may write a ZoneAssignment must
 * not choose the code that reads them (the image) nor point env at other
 * Secrets (valueFrom): the image comes from the operator's configuration or
 * its allow-list, env only as plain values of allow-listed names. A violation
 * refuses the whole reconcile, leaving what runs as it is: running another
 * image than the one asked for would hide the mistake.
 */
export function checkPodPolicy(spec: ZoneAssignmentSpec, settings: ZonePodSettings): PolicyViolation | undefined {
  const image = spec.template.image;
  if (image === undefined && settings.image === undefined) {
    return { reason: 'NoImage', message: 'spec.template.image is unset and the operator has no ZONE_IMAGE' };
  }
  if (image !== undefined && !imageAllowed(image, settings)) {
    const allowed = [settings.image, ...settings.imageAllowlist].filter(Boolean).join(', ') || 'none';
    return {
      reason: 'ImageNotAllowed',
      message: `spec.template.image ${image} is neither the operator's ZONE_IMAGE nor in its ZONE_IMAGE_ALLOWLIST (allowed: ${allowed})`,
    };
  }
  const problems: string[] = [];
  for (const entry of spec.template.env) {
    if (entry.valueFrom !== undefined) problems.push(`${entry.name} uses valueFrom (only plain values are allowed)`);
    else if ((RESERVED_ENV as readonly string[]).includes(entry.name)) problems.push(`${entry.name} is set by the operator`);
    else if (!settings.envAllowlist.includes(entry.name))
      problems.push(`${entry.name} is not in the operator's ZONE_ENV_ALLOWLIST (${settings.envAllowlist.join(', ') || 'empty'})`);
  }
  if (problems.length > 0) return { reason: 'EnvNotAllowed', message: `spec.template.env: ${problems.join('; ')}` };
  return undefined;
}
