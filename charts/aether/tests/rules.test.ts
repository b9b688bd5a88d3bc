import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { chart, find, promtool, render, type RenderOptions } from './helpers.js';

// The chart's alert rules checked by Prometheus's own tool, as an SRE's CI
// would: `promtool check rules` on the rendered PrometheusRule's groups, and
// `promtool test rules` on rules/alerts.test.yaml, which must make every
// alert fire on series that should trigger it and stay quiet on series that
// should not. chart.test.ts checks the rules read only documented metrics.

const TESTS = 'alerts.test.yaml';
/** What rules/alerts.test.yaml expects: release and namespace `aether`, the chart's default values and world. */
const RENDER: RenderOptions = { release: 'aether', namespace: 'aether', set: { 'metrics.prometheusRule.enabled': true } };

interface RuleTest {
  name: string;
  alert_rule_test?: Array<{ alertname: string; eval_time: string; exp_alerts?: unknown[] }>;
}

/** The PrometheusRule's groups as a Prometheus rule file (what the Prometheus Operator hands Prometheus). */
function ruleFile(options: RenderOptions): string {
  return stringify(find(render(options), 'PrometheusRule').spec);
}

describe('the alert rules, by promtool', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aether-rules-'));
    writeFileSync(join(dir, 'aether-rules.yaml'), ruleFile(RENDER));
    copyFileSync(`${chart}tests/rules/${TESTS}`, join(dir, TESTS));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['default', RENDER],
    ['production', { ...RENDER, values: ['ci/production-values.yaml'] }],
  ])('pass promtool check rules with no warnings (%s values)', (what, options) => {
    const file = join(dir, `${what}-rules.yaml`);
    writeFileSync(file, ruleFile(options));
    const { status, output } = promtool(['check', 'rules', file]);
    expect({ status, output }).toEqual({ status: 0, output: `Checking ${file}\n  SUCCESS: 6 rules found` });
  });

  it('pass promtool test rules: each alert fires when it should and only then', () => {
    const { status, output } = promtool(['test', 'rules', TESTS], { cwd: dir });
    expect({ status, output }).toEqual({ status: 0, output: `Unit Testing:  ${TESTS}\n  SUCCESS` });
  });

  it('have a firing and a quiet case for every alert, and no case for an alert that does not exist', () => {
    const alerts: string[] = parse(readFileSync(join(dir, 'aether-rules.yaml'), 'utf8'))
      .groups.flatMap((group: { rules: Array<{ alert?: string }> }) => group.rules.map((rule) => rule.alert))
      .filter(Boolean);
    const tests: RuleTest[] = parse(readFileSync(join(dir, TESTS), 'utf8')).tests;
    const cases = tests.flatMap((test) => test.alert_rule_test ?? []);
    expect(alerts).toHaveLength(6);
    for (const alert of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect({ alert, fires: mine.some((c) => (c.exp_alerts ?? []).length > 0) }).toEqual({ alert, fires: true });
      expect({ alert, quiet: mine.some((c) => (c.exp_alerts ?? []).length === 0) }).toEqual({ alert, quiet: true });
    }
    expect(cases.map((c) => c.alertname).filter((name) => !alerts.includes(name))).toEqual([]);
  });
});
