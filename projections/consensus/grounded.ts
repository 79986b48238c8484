import type { IndexedFramework } from './framework';
import type { GroundedStatus } from './types';

/**
 * Dung's grounded labelling over the attack relation: the least fixed point of "in when every
 * attacker is out, out when some attacker is in", found by propagation from the unattacked
 * arguments in O(V + E). Each argument is labelled at most once and each attack is looked at once,
 * when its attacker is labelled. What is never reached is `undec` (odd and even cycles alike, and
 * a self-attacker unless something `in` attacks it).
 */
export function groundedLabelling(framework: IndexedFramework): GroundedStatus[] {
  const n = framework.ids.length;
  const label: GroundedStatus[] = new Array<GroundedStatus>(n).fill('undec');
  // Attackers not yet out; an argument becomes in when this reaches 0.
  const pending = Int32Array.from(framework.attackers, (list) => list.length);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) {
    if (pending[v] === 0) {
      label[v] = 'in';
      queue.push(v);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const target of framework.attacked[v]!) {
      if (label[target] !== 'undec') continue;
      if (label[v] === 'in') {
        label[target] = 'out';
        queue.push(target);
      } else if (--pending[target]! === 0) {
        label[target] = 'in';
        queue.push(target);
      }
    }
  }
  return label;
}
