// Cycles between packages and between the top-level folders of a package, which
// dependency-cruiser cannot express as a rule: its folder scope compares every
// folder with its own subfolders (an `auth/` composition root importing
// `auth/password/` is not a cycle here) and counts the imports of tests, which
// legitimately reach across (a bus test runs the contract suite in testing/).

const TEST_FILE = /[.]test[.]ts$|[.]test-helpers[.]ts$/;

/** `zone/src/combat/abilities/ability.ts` -> `zone/src/combat`; a file directly in src/ stands for itself. */
export function topFolder(path) {
  const match = /^([^/]+\/src\/[^/]+)/.exec(path);
  return match ? match[1] : undefined;
}

export function packageOf(path) {
  return /^([^/]+)\/src\//.exec(path)?.[1];
}

/**
 * The strongly connected components with more than one member of the graph that
 * `group` makes of the production modules (`modules` as in dependency-cruiser's
 * JSON output), each with one import per edge as evidence. With `within`, only
 * imports between modules of the same `within` group count (folders of one package).
 */
export function groupCycles(modules, group, { within } = {}) {
  const edges = new Map();
  const evidence = new Map();
  for (const module of modules) {
    if (TEST_FILE.test(module.source)) continue;
    const from = group(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      if (TEST_FILE.test(dependency.resolved)) continue;
      const to = group(dependency.resolved);
      if (!to || to === from) continue;
      if (within && within(module.source) !== within(dependency.resolved)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
      if (!evidence.has(`${from} ${to}`)) evidence.set(`${from} ${to}`, `${module.source} -> ${dependency.resolved}`);
    }
  }
  return stronglyConnected(edges)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const imports = [];
      for (const from of component) for (const to of edges.get(from) ?? []) if (members.has(to)) imports.push(evidence.get(`${from} ${to}`));
      return { members: component.sort(), imports: imports.sort() };
    });
}

/** Tarjan's algorithm, iterative so a long import chain cannot overflow the stack. */
function stronglyConnected(edges) {
  const nodes = new Set(edges.keys());
  for (const targets of edges.values()) for (const target of targets) nodes.add(target);
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work = [{ node: root, targets: [...(edges.get(root) ?? [])], at: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.targets.length) {
        const target = frame.targets[frame.at++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, targets: [...(edges.get(target) ?? [])], at: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
