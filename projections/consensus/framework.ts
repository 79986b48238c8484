import { ConsensusInputError, describeValue } from './errors';
import type { BipolarFramework } from './types';

/**
 * A validated framework with arguments numbered by their id in code-unit order, so that everything
 * computed over the numbers (component order, the order of products in an aggregation) is the same
 * whatever order the caller listed arguments and edges in. Every list below is sorted and free of
 * duplicates.
 */
export interface IndexedFramework {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly base: Float64Array;
  /** attackers[v]: the arguments attacking v. */
  readonly attackers: readonly (readonly number[])[];
  /** supporters[v]: the arguments supporting v. */
  readonly supporters: readonly (readonly number[])[];
  /** attacked[v]: the arguments v attacks. */
  readonly attacked: readonly (readonly number[])[];
  /** influenced[v]: the arguments v attacks or supports; the graph strength flows along. */
  readonly influenced: readonly (readonly number[])[];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Validates `framework` (throwing {@link ConsensusInputError} on the first problem) and indexes it. */
export function indexFramework(framework: BipolarFramework): IndexedFramework {
  if (typeof framework !== 'object' || framework === null) {
    throw new ConsensusInputError('framework', `must be an object, got ${describeValue(framework)}`);
  }
  const firstSeenAt = readArguments(framework.arguments);
  const ids = [...firstSeenAt.keys()].sort(compareIds);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const base = new Float64Array(ids.length);
  for (const argument of framework.arguments) base[indexOf.get(argument.id)!] = argument.base;

  const attacks = readEdges(framework.attacks, 'attacks', indexOf);
  const supports = readEdges(framework.supports, 'supports', indexOf);
  const n = ids.length;
  return {
    ids,
    indexOf,
    base,
    attackers: adjacency(n, attacks, 'incoming'),
    supporters: adjacency(n, supports, 'incoming'),
    attacked: adjacency(n, attacks, 'outgoing'),
    influenced: adjacency(n, dedupe([...attacks, ...supports], n), 'outgoing'),
  };
}

function readArguments(args: BipolarFramework['arguments']): Map<string, number> {
  if (!Array.isArray(args)) {
    throw new ConsensusInputError('arguments', `must be an array, got ${describeValue(args)}`);
  }
  const firstSeenAt = new Map<string, number>();
  args.forEach((argument: unknown, i) => {
    const at = `arguments[${i}]`;
    if (typeof argument !== 'object' || argument === null) {
      throw new ConsensusInputError(at, `must be an object with id and base, got ${describeValue(argument)}`);
    }
    const { id, base } = argument as { id?: unknown; base?: unknown };
    if (typeof id !== 'string' || id === '') {
      throw new ConsensusInputError(`${at}.id`, `must be a non-empty string, got ${describeValue(id)}`);
    }
    const earlier = firstSeenAt.get(id);
    if (earlier !== undefined) {
      throw new ConsensusInputError(
        `${at}.id`,
        `duplicate argument id ${JSON.stringify(id)} (first at arguments[${earlier}])`,
      );
    }
    // Written so that NaN fails too.
    if (typeof base !== 'number' || !(base >= 0 && base <= 1)) {
      throw new ConsensusInputError(`${at}.base`, `must be a number in [0, 1], got ${describeValue(base)}`);
    }
    firstSeenAt.set(id, i);
  });
  return firstSeenAt;
}

type Edge = readonly [from: number, to: number];

function readEdges(edges: unknown, field: string, indexOf: ReadonlyMap<string, number>): Edge[] {
  if (!Array.isArray(edges)) {
    throw new ConsensusInputError(field, `must be an array, got ${describeValue(edges)}`);
  }
  const read = edges.map((edge: unknown, i): Edge => {
    const at = `${field}[${i}]`;
    if (!Array.isArray(edge) || edge.length !== 2) {
      throw new ConsensusInputError(at, 'must be a [from, to] pair of argument ids');
    }
    const [from, to] = [0, 1].map((end) => {
      const id: unknown = edge[end];
      if (typeof id !== 'string') {
        throw new ConsensusInputError(`${at}[${end}]`, `must be an argument id, got ${describeValue(id)}`);
      }
      const index = indexOf.get(id);
      if (index === undefined) {
        throw new ConsensusInputError(`${at}[${end}]`, `unknown argument ${JSON.stringify(id)}`);
      }
      return index;
    });
    return [from!, to!];
  });
  return dedupe(read, indexOf.size);
}

function dedupe(edges: readonly Edge[], n: number): Edge[] {
  const seen = new Set<number>();
  return edges.filter(([from, to]) => {
    const key = from * n + to;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function adjacency(n: number, edges: readonly Edge[], direction: 'incoming' | 'outgoing'): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of edges) {
    if (direction === 'incoming') lists[to]!.push(from);
    else lists[from]!.push(to);
  }
  for (const list of lists) list.sort((a, b) => a - b);
  return lists;
}
