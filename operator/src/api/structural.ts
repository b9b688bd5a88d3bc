import { z } from 'zod';

export type JsonSchema = { [key: string]: unknown };

// zod writes these bounds for every `.int()`; they say nothing an int64 does not, and clutter `kubectl explain`.
const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** Keywords a structural schema may carry (apiextensions.k8s.io/v1 JSONSchemaProps, minus what we never emit). */
const ALLOWED = new Set([
  'type',
  'format',
  'description',
  'default',
  'nullable',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'x-kubernetes-validations',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
]);

/**
 * zod → OpenAPI v3 → a Kubernetes structural schema: every node typed, no
 * $ref, no anyOf type unions (int-or-string becomes the marker), no
 * `additionalProperties: false`. Anything that cannot be expressed throws, so
 * a schema change that the API server would reject fails at render time.
 */
export function toStructuralSchema(schema: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  return clean(raw, '$');
}

/** Keywords in a fixed order (type first, then description, ...) so the YAML reads well and diffs stay small. */
function ordered(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of ALLOWED) if (key in node) out[key] = node[key];
  return out;
}

function clean(node: JsonSchema, path: string): JsonSchema {
  if ('$ref' in node || '$defs' in node || 'definitions' in node) throw new Error(`${path}: $ref is not allowed in a structural schema`);
  const out: JsonSchema = {};
  if (node['x-kubernetes-int-or-string'] === true) {
    // The only union Kubernetes accepts, and then without a type of its own.
    if (node.description) out.description = node.description;
    out['x-kubernetes-int-or-string'] = true;
    return out;
  }
  if (node['x-kubernetes-preserve-unknown-fields'] === true) {
    // Free-form (e.g. an EnvVar's valueFrom): "some object", content unchecked.
    if (node.description) out.description = node.description;
    return { ...out, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    if ((key === 'minimum' && value === -SAFE_INT) || (key === 'maximum' && value === SAFE_INT)) continue;
    // zod adds a regex for formats; the API server checks `format` itself.
    if (key === 'pattern' && node.format === 'date-time') continue;
    if (!ALLOWED.has(key)) throw new Error(`${path}: "${key}" is not allowed in a structural schema`);
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [name, clean(child, `${path}.${name}`)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = clean(value as JsonSchema, `${path}[]`);
    } else {
      out[key] = value;
    }
  }
  if (!out.type) throw new Error(`${path}: every node needs a type`);
  if (out.properties && out.additionalProperties) throw new Error(`${path}: properties and additionalProperties exclude each other`);
  return ordered(out);
}
