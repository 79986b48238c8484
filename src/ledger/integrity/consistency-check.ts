import type { EventStore } from '../../event-store/event-store.port';
import type { Checkpoint } from './checkpoint';
import { EMPTY_TREE_HASH, verifyConsistency, type MerkleLog } from './merkle';
import { proveConsistency, type ConsistencyProof } from './tree-reader';

/** Whether a kept checkpoint's tree is a prefix of the log's tree now, shown by a consistency proof. */
export interface ConsistencyCheck {
  /** The proof checked (none for an empty checkpoint, or when none could be made). */
  proof?: ConsistencyProof;
  consistent: boolean;
  /** Why not, when it is not. */
  problem?: string;
}

/**
 * Makes the RFC 6962 consistency proof from the checkpoint's tree size to the whole tree as read,
 * and checks it as a third party would (RFC 9162 §2.1.4.2): against the root the checkpoint signed,
 * not against anything the log says of itself. The empty checkpoint (size 0) is a prefix of every
 * log when its root is the empty tree's.
 */
export async function checkConsistency(store: EventStore, tree: MerkleLog, checkpoint: Pick<Checkpoint, 'treeSize' | 'rootHash'>): Promise<ConsistencyCheck> {
  const size = tree.size;
  if (checkpoint.treeSize === 0) {
    const consistent = checkpoint.rootHash === EMPTY_TREE_HASH.toString('hex');
    return consistent ? { consistent } : { consistent, problem: 'it signs an empty log with a root that is not the empty tree’s' };
  }
  if (checkpoint.treeSize > size) {
    return { consistent: false, problem: `it holds ${checkpoint.treeSize} events, the log ${size}: the log is not a continuation of it` };
  }
  let proof: ConsistencyProof;
  try {
    proof = await proveConsistency(store, tree, checkpoint.treeSize, size);
  } catch (error) {
    return { consistent: false, problem: `no consistency proof could be made: ${(error as Error).message}` };
  }
  const consistent = verifyConsistency(
    proof.fromSize,
    proof.toSize,
    Buffer.from(checkpoint.rootHash, 'hex'),
    tree.root(),
    proof.consistencyPath.map((h) => Buffer.from(h, 'hex')),
  );
  return consistent
    ? { proof, consistent }
    : { proof, consistent, problem: `the consistency proof from its ${checkpoint.treeSize} events to the ${size} of the log does not lead from the root it signed: the log was rewritten` };
}
