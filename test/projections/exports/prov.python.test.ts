import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceOf, claimsOf } from '../../../projections/exports/ledger-items';
import { qn } from '../../../projections/exports/prov-document';
import { toProv, type ProvDocument } from '../../../projections/exports/prov.export';
import { importReferenceDebate, type ReferenceDebate } from './reference-debate-input';

/**
 * The reference debate's PROV-JSON read by python-prov (Debian python3-prov), the W3C PROV library
 * for Python: does it understand the document as PROV (qualified names, primary sources, revisions),
 * and does the document survive PROV-XML and PROV-N? Runs when some python3 on the machine imports
 * `prov` (the Debian package installs it for /usr/bin/python3, which may not be the first python3
 * on the PATH); otherwise skips and says why.
 */
const python = ['python3', '/usr/bin/python3'].find((exe) => spawnSync(exe, ['-c', 'import prov'], { encoding: 'utf8' }).status === 0);
if (!python) console.warn('prov.python.test: skipped, no python3 with the prov module (Debian: apt-get install python3-prov)');

interface ProvReading {
  records: number;
  derivations: number;
  primarySource: number;
  primarySourcePairs: string[];
  revisions: number;
  typesAsQualifiedNames: number;
  typesAsOther: string[];
  xmlRecords: number;
  xmlEqual: boolean;
  provnLines: number;
  namespaces: string[];
}

describe.skipIf(!python)('PROV-JSON of the reference debate, read by python-prov', () => {
  let debate: ReferenceDebate;
  let doc: ProvDocument;
  let reading: ProvReading;
  let dir: string;

  beforeAll(async () => {
    debate = await importReferenceDebate();
    doc = toProv(debate.input);
    dir = mkdtempSync(join(tmpdir(), 'prov-python-'));
    const file = join(dir, 'debate.prov.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const run = spawnSync(python!, [join(__dirname, 'prov-read.py'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`python-prov failed: ${run.stderr}`);
    reading = JSON.parse(run.stdout) as ProvReading;
  }, 120_000);

  afterAll(async () => {
    await debate?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads every prov:type as a qualified name, none as a literal', () => {
    expect(reading.typesAsOther).toEqual([]);
    expect(reading.typesAsQualifiedNames).toBeGreaterThan(100);
    expect(reading.namespaces).toContain('ledger=urn:claims-ledger:');
  });

  it('recognises every primary-source derivation the ledger has: each piece of evidence from its source, each claim from where it was said', () => {
    const inDocument = Object.values(doc.wasDerivedFrom ?? {}).filter((r) => (r['prov:type'] as { $: string }).$ === 'prov:PrimarySource');
    expect(reading.primarySource).toBeGreaterThan(0);
    expect(reading.primarySource).toBe(inDocument.length);
    const pairs = new Set(reading.primarySourcePairs);
    const evidence = evidenceOf(debate.input);
    expect(evidence.length).toBeGreaterThan(10);
    for (const e of evidence) expect(pairs.has(`${qn('evidence', e.id)} <- ${qn('source', e.sourceId)}`), e.id).toBe(true);
    const saidSomewhere = claimsOf(debate.input).filter((c) => c.versions[0]!.provenance.saidIn !== null);
    expect(saidSomewhere.length).toBeGreaterThan(5);
    for (const c of saidSomewhere) expect(pairs.has(`${qn('claim', c.id)} <- ${qn('source', c.versions[0]!.provenance.saidIn!)}`), c.id).toBe(true);
  });

  it('serialises to PROV-XML that is well-formed and reads back to the same document, and to PROV-N', () => {
    expect(reading.xmlRecords).toBe(reading.records);
    expect(reading.xmlEqual).toBe(true);
    expect(reading.provnLines).toBeGreaterThan(reading.records);
  });
});
