import { computeQuestionConsensus } from '../../../projections/consensus';
import { EXPORT_FORMATS, consensusForExport, exportQuestion, toAif, toCsl, toJson, toProv, type ExportFormat } from '../../../projections/exports';
import { buildEmptyInput, buildExportInput } from './export-fixture';

describe('exportQuestion', () => {
  it('offers the eight formats', () => {
    expect(EXPORT_FORMATS).toEqual(['markdown', 'json', 'prov', 'aif', 'argdown', 'dot', 'mermaid', 'csl']);
  });

  it('pretty-prints the JSON formats with two spaces', () => {
    const input = buildExportInput();
    const objects: [ExportFormat, unknown][] = [
      ['json', toJson(input)],
      ['prov', toProv(input)],
      ['aif', toAif(input)],
      ['csl', toCsl(input)],
    ];
    for (const [format, object] of objects) {
      const text = exportQuestion(format, input);
      expect(text, format).toBe(JSON.stringify(object, null, 2) + '\n');
      expect(text.split('\n')[1], format).toMatch(/^ {2}\S/);
    }
  });

  it('gives the same text for the same ledger, in every format', () => {
    for (const format of EXPORT_FORMATS) {
      const text = exportQuestion(format, buildExportInput());
      expect(text.endsWith('\n'), format).toBe(true);
      expect(exportQuestion(format, buildExportInput()), format).toBe(text);
    }
  });

  it('exports a question with nothing said yet, in every format', () => {
    for (const format of EXPORT_FORMATS) expect(exportQuestion(format, buildEmptyInput()).length, format).toBeGreaterThan(0);
    expect(JSON.parse(exportQuestion('csl', buildEmptyInput()))).toEqual([]);
  });

  it('refuses an unknown format, naming the known ones', () => {
    expect(() => exportQuestion('pdf' as ExportFormat, buildExportInput())).toThrow(/Unknown export format "pdf".*markdown, json/);
  });

  it('exports the consensus the engine computes, through consensusForExport', () => {
    const input = buildExportInput();
    const consensus = consensusForExport(computeQuestionConsensus(input.question, (id) => {
        const source = input.sources.get(id);
        return source && { title: source.title, reliability: source.reliability };
      }), '2025-03-02T00:00:00Z');
    expect(consensus.claims.map((c) => c.id)).toEqual(['c-infiltrated', 'c-external', 'c-budgetary', 'c-fond', 'c-deniability']);
    expect(consensus.proofStandard).toBe('preponderance');
    expect(consensus.claims.find((c) => c.id === 'c-budgetary')).toMatchObject({ label: 'retracted', strength: null, grounded: false, status: null, stances: { endorse: 1, dispute: 0 } });
    // C2 rests on the examined GARF file; the cited page of the CIA report is a lead.
    expect(consensus.claims.find((c) => c.id === 'c-external')).toMatchObject({ grounded: true, status: 'in', leads: 1, stances: { endorse: 2, dispute: 1 } });
    const c5 = consensus.claims.find((c) => c.id === 'c-deniability')!;
    expect(c5).toMatchObject({ label: 'open', grounded: false, stances: { endorse: 0, dispute: 1 } });
    expect(c5.reading).toContain('nothing in the record confirms it');
    expect(consensus.resolution?.agrees).toBeTypeOf('boolean');
    for (const format of EXPORT_FORMATS) expect(exportQuestion(format, { ...input, consensus }).length, format).toBeGreaterThan(0);
  });
});
