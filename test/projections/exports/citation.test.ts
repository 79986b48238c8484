import { archiveLocation, archiveReference, partialDateParts } from '../../../projections/exports/citation';
import { splitPersonalName } from '../../../projections/exports/personal-names';

describe('archival references', () => {
  it('are written in the citation form of Russian archives', () => {
    expect(archiveReference({ repository: 'GARF', fond: 'R-9501', opis: '17', delo: '8756' })).toBe('GARF, f. R-9501, op. 17, d. 8756');
    expect(archiveReference({ repository: 'RGASPI', fond: '495', opis: '120', delo: '263', list: '4' })).toBe('RGASPI, f. 495, op. 120, d. 263, l. 4');
    expect(archiveLocation({ repository: 'RGASPI', fond: '495', opis: '120', delo: '263', list: '4–7' })).toBe('f. 495, op. 120, d. 263, ll. 4–7');
    expect(archiveReference({ repository: 'ICRC Archives' })).toBe('ICRC Archives');
    expect(archiveReference({ kind: 'file', repository: 'GARF', fond: 'R-9501', opis: '1', delo: '45', years: '1936–1937' })).toBe('GARF, f. R-9501, op. 1, d. 45 (1936–1937)');
  });

  it('write an archive guide entry as holdings, never as a file: its counts are never a "d."', () => {
    const fond = { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } as const;
    expect(archiveReference(fond)).toBe('GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)');
    expect(archiveReference({ kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', opis: '5, 13, 16', storageUnits: 1629, years: '1925–1988' })).toBe(
      'GARF, f. R-9501, op. 5, 13, 16 (guide entry: 1,629 storage units, 1925–1988)',
    );
    expect(archiveLocation({ kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', opis: '6', storageUnits: 88, years: '1918–1936, 1945' })).toBe(
      'f. R-9501, op. 6 (guide entry: 88 storage units, 1918–1936, 1945)',
    );
    expect(archiveReference({ kind: 'guide-entry', repository: 'GARF', inventories: 1, storageUnits: 1 })).toBe('GARF (guide entry: 1 inventory, 1 storage unit)');
    expect(archiveReference({ kind: 'guide-entry', repository: 'GARF', fond: 'R-9501' })).toBe('GARF, f. R-9501 (guide entry)');
    // Even a guide entry stored with a file number (never accepted by the API) does not print one.
    expect(archiveReference({ ...fond, delo: '8756', list: '1' } as never)).not.toMatch(/\bd\. |\bl\. /);
  });
});

describe('partial dates', () => {
  it('give their numeric parts, and nothing for what is not one', () => {
    expect(partialDateParts('1954')).toEqual([1954]);
    expect(partialDateParts('1954-06')).toEqual([1954, 6]);
    expect(partialDateParts('1954-06-25')).toEqual([1954, 6, 25]);
    expect(partialDateParts('25 June 1954')).toBeNull();
  });
});

describe('personal names', () => {
  it('are split into given and family names, institutions kept whole', () => {
    expect(splitPersonalName('Paul Preston')).toEqual({ given: 'Paul', family: 'Preston' });
    expect(splitPersonalName('Silvia Ribelles de la Vega')).toEqual({ given: 'Silvia', family: 'Ribelles de la Vega' });
    expect(splitPersonalName('Avel Safronovich Yenukidze')).toEqual({ given: 'Avel Safronovich', family: 'Yenukidze' });
    expect(splitPersonalName('Володарский, Борис')).toEqual({ given: 'Борис', family: 'Володарский' });
    expect(splitPersonalName('Анна Петрова')).toEqual({ given: 'Анна', family: 'Петрова' });
    expect(splitPersonalName('Central Intelligence Agency')).toEqual({ literal: 'Central Intelligence Agency' });
    expect(splitPersonalName('Union of Red Cross and Red Crescent Societies of the USSR')).toEqual({ literal: 'Union of Red Cross and Red Crescent Societies of the USSR' });
    expect(splitPersonalName('Volodarsky')).toEqual({ literal: 'Volodarsky' });
  });
});
