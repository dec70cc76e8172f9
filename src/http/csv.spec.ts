import { csvTekst, decimaal, euro, kolom, schrijfCsv, tabel } from './csv';

describe('csvTekst', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvTekst('=HYPERLINK("https://evil.example","klik")')).toBe(`"'=HYPERLINK(""https://evil.example"",""klik"")"`);
    expect(csvTekst('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvTekst('-2+3')).toBe("'-2+3");
    expect(csvTekst('-1234')).toBe("'-1234");
    expect(csvTekst('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTekst('\tcmd')).toBe("'\tcmd");
    expect(csvTekst('\r=1')).toBe(`"'\r=1"`);
    expect(csvTekst('Ambulant = jeugdhulp')).toBe('Ambulant = jeugdhulp');
  });

  it('quotes separators, quotes and line ends (RFC 4180); empty for nothing', () => {
    expect(csvTekst('a;b')).toBe('"a;b"');
    expect(csvTekst('zeg "ja"')).toBe('"zeg ""ja"""');
    expect(csvTekst('a\nb')).toBe('"a\nb"');
    expect(csvTekst('1,5')).toBe('1,5');
    expect(csvTekst(null)).toBe('');
  });
});

describe('euro and decimaal', () => {
  it('writes eurocents as euros with a decimal comma and two decimals, never cents', () => {
    expect(euro(76400)).toBe('764,00');
    expect(euro(5)).toBe('0,05');
    expect(euro(-5)).toBe('-0,05');
    expect(euro(-123456)).toBe('-1234,56');
    expect(euro(0)).toBe('0,00');
    expect(decimaal(17.5)).toBe('17,5');
    expect(decimaal(-3)).toBe('-3');
  });
});

describe('schrijfCsv', () => {
  type R = { naam: string; centen: number | string | null; dag: string | null; dagen: number | null; code: string };
  const kolommen = tabel<R>(
    kolom.tekst('naam', (r) => r.naam),
    kolom.codeNaam('product_categorie', 'product_categorie_naam', (r) => r.code, (r) => (r.code === '45' ? 'Jeugdhulp ambulant' : null)),
    kolom.bedrag('bedrag_euro', (r) => r.centen),
    kolom.datum('datum', (r) => r.dag),
    kolom.aantal('wachtdagen', (r) => r.dagen),
  );

  it('BOM, header, CRLF lines, each column by its kind; numbers are never neutralised', () => {
    const rows: R[] = [
      { naam: '=HYPERLINK("x")', centen: -50000, dag: '2026-11-02', dagen: 17.5, code: '45' },
      { naam: 'Verblijf; groep', centen: '76400', dag: null, dagen: null, code: '43' },
    ];
    expect(schrijfCsv(kolommen, rows)).toBe(
      '\uFEFFnaam;product_categorie;product_categorie_naam;bedrag_euro;datum;wachtdagen\r\n' +
        `"'=HYPERLINK(""x"")";45;Jeugdhulp ambulant;-500,00;2026-11-02;17,5\r\n` +
        '"Verblijf; groep";43;;764,00;;\r\n',
    );
  });

  it('refuses a header not in snake_case, a header twice, and an amount that is not whole cents', () => {
    expect(() => tabel(kolom.tekst<R>('budgetCenten', (r) => r.naam))).toThrow(/snake_case/);
    expect(() => tabel(kolom.tekst<R>('naam', (r) => r.naam), kolom.tekst<R>('naam', (r) => r.naam))).toThrow(/twee keer/);
    expect(() => schrijfCsv(kolommen, [{ naam: 'x', centen: 12.5, dag: null, dagen: null, code: '45' }])).toThrow(/centen/);
    expect(() => schrijfCsv(kolommen, [{ naam: 'x', centen: 1, dag: '02-11-2026', dagen: null, code: '45' }])).toThrow(/datum/);
  });
});
