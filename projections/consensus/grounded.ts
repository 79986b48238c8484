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
  const label = new Array<GroundedStatus>(framework.ids.length).fill('undec');
  labelRegion(framework, label, framework.ids.map((_, v) => v));
  return label;
}

/**
 * Re-labels the arguments in `region` in place, holding every other label in `label` fixed.
 * `region` must be closed under attack (whatever a member attacks is a member), so nothing outside
 * it has an attacker inside it and its labels really are final.
 *
 * Members restart from `undec` and the propagation above runs with the fixed labels as its given
 * facts: a fixed `in` attacker makes its target `out` at once, a fixed `out` one no longer counts,
 * a fixed `undec` one keeps its target from ever becoming `in`. That is the least fixed point
 * conditioned on the outside labels, which by directionality of grounded semantics (Baroni and
 * Giacomin 2007) equals the region's part of the labelling of the whole framework. With the whole
 * framework as the region this is {@link groundedLabelling}. O(|region| + attacks into it).
 */
export function labelRegion(framework: IndexedFramework, label: GroundedStatus[], region: readonly number[]): void {
  // Attackers not yet out; a member becomes in when this reaches 0.
  const pending = new Map<number, number>();
  for (const v of region) label[v] = 'undec';
  // Counted before any member is labelled, so that each attack from inside is counted exactly once
  // and later taken off exactly once, when its attacker turns out.
  const defeated: number[] = [];
  for (const v of region) {
    let count = 0;
    for (const attacker of framework.attackers[v]!) {
      if (label[attacker] === 'in') defeated.push(v);
      if (label[attacker] !== 'out') count++;
    }
    pending.set(v, count);
  }
  const queue: number[] = [];
  for (const v of defeated) {
    if (label[v] !== 'undec') continue;
    label[v] = 'out';
    queue.push(v);
  }
  for (const v of region) {
    if (label[v] === 'undec' && pending.get(v) === 0) {
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
      } else {
        const left = pending.get(target)! - 1;
        pending.set(target, left);
        if (left === 0) {
          label[target] = 'in';
          queue.push(target);
        }
      }
    }
  }
}
