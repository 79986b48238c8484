/**
 * Strongly connected components of a directed graph given as successor lists, in topological order
 * of the condensation: every edge between two components goes from an earlier one to a later one.
 *
 * Tarjan's algorithm with an explicit stack instead of recursion, so that a chain or cycle of
 * tens of thousands of arguments cannot overflow the call stack. Members of each component are
 * sorted ascending; with sorted successor lists the output depends only on the graph.
 */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[][] {
  const n = successors.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const path: number[] = [];
  // Tarjan finishes a component only after every component it reaches, i.e. in reverse topological order.
  const finished: number[][] = [];
  let counter = 0;

  const discover = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    path.push(v);
  };

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    discover(root);
    while (path.length > 0) {
      const v = path[path.length - 1]!;
      const out = successors[v]!;
      if (nextEdge[v]! < out.length) {
        const w = out[nextEdge[v]!++]!;
        if (order[w] === -1) discover(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      path.pop();
      if (path.length > 0) {
        const parent = path[path.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        finished.push(component.sort((a, b) => a - b));
      }
    }
  }
  return finished.reverse();
}
