import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { chart, documentedMetrics, metricsIn, promtool } from './helpers.js';

// charts/aether/dashboards/aether.json must query only metrics that exist:
// every `aether_…`, `process_…` or `nodejs_…` name in a panel's PromQL (or a
// variable's query) is one docs/metrics.md lists, and
// test/metrics/metrics.test.ts checks that the processes serve those. Every
// panel's query must also parse as PromQL (promtool).

const dashboard = JSON.parse(readFileSync(`${chart}dashboards/aether.json`, 'utf8'));
const documented = documentedMetrics();

interface Query {
  where: string;
  expr: string;
}

function queries(): Query[] {
  const found: Query[] = [];
  const visit = (panels: any[]) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) if (target.expr) found.push({ where: `panel "${panel.title}"`, expr: target.expr });
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    if (variable.type === 'query' && query) found.push({ where: `variable $${variable.name}`, expr: query });
  }
  return found;
}

describe('the Grafana dashboard', () => {
  const all = queries();

  it('is a dashboard with a Prometheus data-source variable and a stable uid', () => {
    expect(dashboard.title).toBe('Aether');
    expect(dashboard.uid).toBe('aether-overview');
    expect(dashboard.templating.list.find((v: any) => v.type === 'datasource')?.query).toBe('prometheus');
    expect(all.length).toBeGreaterThan(25);
  });

  it('queries only documented metrics (docs/metrics.md)', () => {
    expect(documented.size).toBeGreaterThan(20);
    const unknown = all.flatMap(({ where, expr }) =>
      metricsIn(expr, documented)
        .filter((name) => !documented.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has balanced PromQL and filters every query by the namespace variable', () => {
    for (const { where, expr } of all) {
      for (const [open, close] of [
        ['(', ')'],
        ['{', '}'],
        ['[', ']'],
      ] as const) {
        expect({ where, [open]: expr.split(open).length - expr.split(close).length }).toEqual({ where, [open]: 0 });
      }
      if (where.startsWith('panel')) expect({ where, filtered: expr.includes('namespace=~"$namespace"') }).toEqual({ where, filtered: true });
    }
  });

  it('has panel queries that Prometheus parses (promtool check rules, Grafana variables filled in)', () => {
    const panels = all.filter(({ where }) => where.startsWith('panel'));
    const grafana = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$namespace', '.*');
    const rules = panels.map(({ expr }, i) => ({ record: `dashboard:query_${i}`, expr: grafana(expr) }));
    const dir = mkdtempSync(join(tmpdir(), 'aether-dashboard-'));
    try {
      writeFileSync(join(dir, 'queries.yaml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
      const { status, output } = promtool(['check', 'rules', 'queries.yaml'], { cwd: dir });
      expect({ status, output }).toEqual({ status: 0, output: `Checking queries.yaml\n  SUCCESS: ${rules.length} rules found` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['players online', /^sum\(aether_zone_players\{/],
    ['players per zone', /sum by \(zone\) \(aether_zone_players/],
    ['tick p50', /histogram_quantile\(0\.5, sum by \(le, zone\) \(rate\(aether_zone_tick_duration_seconds_bucket/],
    ['tick p99', /histogram_quantile\(0\.99, sum by \(le, zone\) \(rate\(aether_zone_tick_duration_seconds_bucket/],
    ['tick overruns', /rate\(aether_zone_tick_overruns_total/],
    ['gateway connections', /aether_gateway_connections/],
    ['gateway message rates', /rate\(aether_gateway_messages_total/],
    ['handoffs', /aether_zone_handoff_duration_seconds_(count|bucket)/],
    ['reassignments', /aether_operator_reassignments_total/],
    ['reconcile latency', /histogram_quantile\(0\.99, sum by \(le\) \(rate\(aether_operator_reconcile_duration_seconds_bucket/],
    ['heartbeat age', /aether_operator_heartbeat_age_seconds/],
  ])('shows %s', (_what, pattern) => {
    expect(all.some(({ expr }) => pattern.test(expr))).toBe(true);
  });

  it('lays panels out without overlaps on the 24-column grid', () => {
    const cells = new Map<string, string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i += 1) {
        for (let j = y; j < y + h; j += 1) {
          const key = `${i},${j}`;
          expect({ cell: key, taken: cells.get(key) }).toEqual({ cell: key, taken: undefined });
          cells.set(key, panel.title);
        }
      }
    }
    const ids = dashboard.panels.map((panel: any) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
