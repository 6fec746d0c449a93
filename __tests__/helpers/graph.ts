/** A dependency graph as `terraform graph` prints it: each node's direct dependencies. */
export type Graph = Map<string, Set<string>>;

/** Reads the DOT that `terraform graph` prints: nodes by address, edges from dependent to dependency. */
export function parseGraph(dot: string): Graph {
  const graph: Graph = new Map();
  const node = (address: string) => graph.get(address) ?? graph.set(address, new Set()).get(address)!;
  for (const [, address] of dot.matchAll(/^\s*"([^"]+)" \[label=/gm)) node(address);
  for (const [, from, to] of dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)"/gm)) {
    node(from).add(to);
    node(to);
  }
  return graph;
}

/** Every node `from` depends on, directly or not. */
export function dependenciesOf(graph: Graph, from: string): Set<string> {
  if (!graph.has(from)) throw new Error(`the graph has no node ${from}`);
  const seen = new Set<string>();
  const stack = [...graph.get(from)!];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/** The resources of the graph that give `role` (an address prefix such as `module.batch.aws_iam_role.service_role`) its permissions. */
export function permissionsOf(graph: Graph, module: string, role: string): string[] {
  const prefix = module ? `${module}.` : "";
  return [...graph.keys()].filter((address) =>
    new RegExp(`^${prefix.replace(/\./g, "\\.")}(?:aws_iam_role_policy|aws_iam_role_policy_attachment|aws_iam_policy)\\.${role}_`).test(
      address,
    ),
  );
}
