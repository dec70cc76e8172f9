import { csvCel, toCsv } from './csv';

describe('csvCel', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCel('=HYPERLINK("https://evil.example","klik")')).toBe(`"'=HYPERLINK(""https://evil.example"",""klik"")"`);
    expect(csvCel('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCel('-2+3')).toBe("'-2+3");
    expect(csvCel('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCel('\tcmd')).toBe("'\tcmd");
    expect(csvCel('\r=1')).toBe(`"'\r=1"`);
    expect(csvCel('Ambulant = jeugdhulp')).toBe('Ambulant = jeugdhulp');
  });

  it('keeps numbers in numeric columns numbers, negative ones too', () => {
    expect(csvCel(-1234, true)).toBe('-1234');
    expect(csvCel('-1234', true)).toBe('-1234');
    expect(csvCel('-12.34', true)).toBe('-12.34');
    expect(csvCel(0, true)).toBe('0');
    // Not a number after all: text rules apply.
    expect(csvCel('-1+1', true)).toBe("'-1+1");
    expect(csvCel('=1', true)).toBe("'=1");
    // In a text column a leading minus is neutralised.
    expect(csvCel('-1234')).toBe("'-1234");
  });

  it('quotes separators, quotes and line ends; empty for nothing', () => {
    expect(csvCel('a;b')).toBe('"a;b"');
    expect(csvCel('zeg "ja"')).toBe('"zeg ""ja"""');
    expect(csvCel('a\nb')).toBe('"a\nb"');
    expect(csvCel(null)).toBe('');
    expect(csvCel(undefined, true)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF lines, numeric columns as numbers', () => {
    const rows = [
      { naam: '=HYPERLINK("x")', bedrag: -500 },
      { naam: 'Verblijf', bedrag: '1000' },
    ];
    expect(toCsv(rows, ['naam', 'bedrag'], new Set(['bedrag']))).toBe(`naam;bedrag\r\n"'=HYPERLINK(""x"")";-500\r\nVerblijf;1000\r\n`);
  });
});
