import type { Core, NodeSingular } from 'cytoscape';

/**
 * Selecting a node focuses its neighbourhood: everything further than `depth` relations away fades
 * (or is hidden, in `only` mode, which is what keeps a 1,000-claim question readable), and the view
 * fits what is left. Without a node, the focus is cleared and the view stays.
 */
export function focusNeighbourhood(cy: Core, node: NodeSingular | null, options: { depth?: number; only?: boolean; animate?: boolean } = {}): void {
  const { depth = 1, only = false, animate = true } = options;
  cy.batch(() => {
    cy.elements().removeClass('faded hidden-by-focus');
    if (!node) return;
    let near = node.closedNeighborhood();
    for (let i = 1; i < depth; i++) near = near.closedNeighborhood();
    const rest = cy.elements().not(near);
    rest.addClass(only ? 'hidden-by-focus' : 'faded');
  });
  // Clearing the focus leaves the view where the reader has put it.
  if (!node) return;
  const target = node.closedNeighborhood().not('.absent');
  if (target.length === 0) return;
  if (animate) cy.animate({ fit: { eles: target, padding: 40 } }, { duration: 250 });
  else cy.fit(target, 40);
}
