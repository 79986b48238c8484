/**
 * The boundaries of the code (docs/architecture.md, "Boundaries"), checked by `npm run check:boundaries`
 * in CI. Type-only imports count: a boundary crossed only by a type still couples the two sides.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others, can only be understood (and loaded) together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment:
        'contract/ (the events, their catalogue and upcasters, the metadata) is what the write side and the read side share: it imports nothing, so neither side can leak into it.',
      from: { path: '^contract/' },
      to: { pathNot: '^contract/' },
    },
    {
      name: 'projections-read-only-the-contract',
      severity: 'error',
      comment:
        'Projections are pure folds of the contract\'s events: they import the contract, each other and npm packages, never the runtime (src/), the page (web/) or Node\'s I/O.',
      from: { path: '^projections/' },
      to: { pathNot: '^(projections|contract|node_modules)/' },
    },
    {
      name: 'http-knows-no-feature',
      severity: 'error',
      comment:
        'src/http is the HTTP plumbing every feature uses (problem details, validation, body limits, Swagger): it may use configuration, the store port, dates and the contract, never a feature; create-app.ts hands it what features provide.',
      from: { path: '^src/http/' },
      to: { dependencyTypesNot: ['core'], pathNot: '^(src/(http|config|event-store|dates)|contract|node_modules)/' },
    },
    {
      name: 'web-reads-the-contract-only',
      severity: 'error',
      comment:
        'The page (web/) runs in the browser: it may import the contract\'s types and the pure readers it shares with the server (partial dates, archive citations), never the server (src/) or the projections at large.',
      from: { path: '^web/' },
      to: { dependencyTypesNot: ['core'], pathNot: '^(web/|contract/|projections/dates/|projections/exports/citation\\.ts$|node_modules/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.scratch)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // The page's modules are .tsx; the server's .ts.
    // Packages' own type files and ESM-only packages (Vite's plugins) resolve as TypeScript resolves them.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
    },
  },
};
