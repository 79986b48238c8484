/** The export formats of a question (GET /api/questions/:id/export?format=), with what each is for. */
export const EXPORT_FORMATS = [
  { format: 'markdown', name: 'Report (Markdown)', what: 'the debate with footnoted sources' },
  { format: 'json', name: 'JSON', what: 'the question and its consensus' },
  { format: 'csl-json', name: 'Bibliography (CSL-JSON)', what: 'the cited sources, for Zotero, pandoc, citeproc' },
  { format: 'argdown', name: 'Argdown', what: 'the argument map as Argdown text' },
  { format: 'dot', name: 'Graphviz DOT', what: 'the argument map coloured by label' },
  { format: 'mermaid', name: 'Mermaid', what: 'the argument map for Mermaid' },
  { format: 'prov-json', name: 'W3C PROV-JSON', what: 'who said and recorded what, when' },
  { format: 'aif', name: 'AIF', what: 'the Argument Interchange Format' },
] as const;
