// cytoscape-svg ships no types: it is a cytoscape extension adding `cy.svg(options)` (cytoscape-augment.d.ts).
declare module 'cytoscape-svg' {
  const extension: import('cytoscape').Ext;
  export default extension;
}
