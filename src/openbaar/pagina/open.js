// The public waiting-time page: no sign-in. It reads /open/wachttijden.json (the same feed anyone
// may download) and shows per product category a chart and a table per provider. It adds nothing
// up: the feed has no totals on purpose, so neither has the page.

const SVG = 'http://www.w3.org/2000/svg';
const GETAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const DATUM = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIJD = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** Columns of a provider row: [field, heading]. */
const KOLOMMEN = [
  ['aantalClienten', 'Cliënten gestart'],
  ['mediaanAanmeldingTotStart', 'Aanmelding → start, mediaan'],
  ['p80AanmeldingTotStart', 'Aanmelding → start, 80e pct.'],
  ['mediaanAanmeldingTotToewijzing', 'Aanmelding → toewijzing, mediaan'],
  ['p80AanmeldingTotToewijzing', 'Aanmelding → toewijzing, 80e pct.'],
  ['mediaanToewijzingTotStart', 'Toewijzing → start, mediaan'],
  ['p80ToewijzingTotStart', 'Toewijzing → start, 80e pct.'],
];

const $ = (id) => document.getElementById(id);
const staat = { feed: null };

const getal = (v) => (v === null || v === undefined ? '–' : typeof v === 'number' ? GETAL.format(v) : String(v));
const datum = (d) => DATUM.format(new Date(d + 'T00:00:00Z'));
const aanbieder = (c) => (c.aanbiederNaam || 'Aanbieder') + ' (AGB ' + c.aanbiederAgb + ')';

function maak(tag, attrs, tekst) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  if (tekst !== undefined) e.textContent = tekst;
  return e;
}

function svg(naam, attrs, tekst) {
  const e = document.createElementNS(SVG, naam);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (tekst !== undefined) e.textContent = tekst;
  return e;
}

/** A provider per row; below 760 px the dashboard's style sheet turns rows into labelled cards. */
function tabel(categorie, cellen) {
  const t = maak('table', { class: 'gegevens', 'data-categorie': categorie });
  t.appendChild(maak('caption', { class: 'onzichtbaar' }, 'Wachttijden per aanbieder, categorie ' + categorie));
  const kop = t.createTHead().insertRow();
  kop.appendChild(maak('th', { scope: 'col' }, 'Aanbieder'));
  for (const k of KOLOMMEN) kop.appendChild(maak('th', { scope: 'col', class: 'getal' }, k[1] + (k[0] === 'aantalClienten' ? '' : ' (dagen)')));
  const body = t.createTBody();
  for (const c of cellen) {
    const tr = body.insertRow();
    tr.setAttribute('data-agb', c.aanbiederAgb);
    const th = maak('th', { scope: 'row', class: 'naam', 'data-label': 'Aanbieder' }, aanbieder(c));
    tr.appendChild(th);
    for (const k of KOLOMMEN) {
      const td = tr.insertCell();
      td.className = 'getal';
      td.setAttribute('data-veld', k[0]);
      td.setAttribute('data-label', k[1]);
      td.textContent = getal(c[k[0]]);
    }
  }
  return t;
}

/**
 * Request → start per provider: median (dark) and 80th percentile (light) as horizontal bars, at
 * the width of its container; a provider with fewer than 10 clients gets a line of text, no bar.
 */
function grafiek(houder, categorie, cellen) {
  const breedte = Math.max(260, houder.clientWidth || 600);
  const rijHoogte = 58, boven = 4, rechts = 12;
  const max = Math.max(1, ...cellen.map((c) => Math.max(c.p80AanmeldingTotStart || 0, c.mediaanAanmeldingTotStart || 0))) * 1.1;
  const schaal = (d) => Math.round(((d || 0) / max) * (breedte - rechts));
  const hoogte = cellen.length * rijHoogte + boven;
  const titelId = 'grafiek-' + categorie + '-titel';
  const s = svg('svg', { width: breedte, height: hoogte, viewBox: '0 0 ' + breedte + ' ' + hoogte, role: 'img', 'aria-labelledby': titelId, 'data-categorie': categorie });
  s.appendChild(svg('title', { id: titelId }, 'Wachttijd van aanmelding tot start per aanbieder, categorie ' + categorie));
  cellen.forEach((c, i) => {
    const y = boven + i * rijHoogte;
    const g = svg('g', { 'data-agb': c.aanbiederAgb });
    g.appendChild(svg('text', { x: 0, y: y + 13, class: 'label' }, aanbieder(c)));
    if (c.aantalClienten === '<10') {
      g.appendChild(svg('text', { x: 0, y: y + 32, class: 'klein' }, 'minder dan 10 cliënten: geen cijfers'));
    } else {
      const p80 = svg('rect', { x: 0, y: y + 20, width: schaal(c.p80AanmeldingTotStart), height: 14, class: 'p90', 'data-reeks': 'p80', 'data-waarde': c.p80AanmeldingTotStart ?? '' });
      p80.appendChild(svg('title', {}, aanbieder(c) + ': 80e percentiel ' + getal(c.p80AanmeldingTotStart) + ' dagen'));
      g.appendChild(p80);
      const med = svg('rect', { x: 0, y: y + 20, width: schaal(c.mediaanAanmeldingTotStart), height: 14, class: 'mediaan', 'data-reeks': 'mediaan', 'data-waarde': c.mediaanAanmeldingTotStart ?? '' });
      med.appendChild(svg('title', {}, aanbieder(c) + ': mediaan ' + getal(c.mediaanAanmeldingTotStart) + ' dagen'));
      g.appendChild(med);
      g.appendChild(svg('text', { x: 0, y: y + 50, class: 'waarden' },
        getal(c.aantalClienten) + ' cliënten · mediaan ' + getal(c.mediaanAanmeldingTotStart) + ' · p80 ' + getal(c.p80AanmeldingTotStart) + ' dagen'));
    }
    s.appendChild(g);
  });
  houder.replaceChildren(s);
}

function toon() {
  const feed = staat.feed;
  const regio = $('regio').value;
  const cellen = feed.cellen.filter((c) => c.regioCode === regio);
  const naam = cellen[0] ? cellen[0].regioNaam : regio;
  $('periode').textContent = naam + ': zorg gestart van ' + datum(feed.periode.van) + ' tot en met ' + datum(feed.periode.tot) +
    '. Berekend op ' + TIJD.format(new Date(feed.gegenereerdOp)) + '.';
  $('download-csv').setAttribute('href', '/open/wachttijden.csv?regio=' + encodeURIComponent(regio));
  $('download-json').setAttribute('href', '/open/wachttijden.json?regio=' + encodeURIComponent(regio));
  const doel = $('categorieen');
  doel.replaceChildren();
  if (!cellen.length) { doel.appendChild(maak('p', { class: 'leeg' }, 'Geen gestarte zorg in deze periode.')); return; }
  const perCategorie = new Map();
  for (const c of cellen) {
    if (!perCategorie.has(c.productCategorie)) perCategorie.set(c.productCategorie, []);
    perCategorie.get(c.productCategorie).push(c);
  }
  for (const [categorie, lijst] of perCategorie) {
    const sectie = maak('section', { class: 'categorie', 'data-categorie': categorie, 'aria-labelledby': 'kop-' + categorie });
    sectie.appendChild(maak('h2', { id: 'kop-' + categorie }, categorie + ' ' + lijst[0].productCategorieNaam));
    sectie.appendChild(maak('p', { class: 'uitleg' }, 'Dagen van aanmelding tot start per aanbieder: mediaan (donker) en 80e percentiel (licht).'));
    const houder = maak('div', { class: 'grafiek' });
    sectie.appendChild(houder);
    const tabelHouder = maak('div', { class: 'tabel-houder' });
    tabelHouder.appendChild(tabel(categorie, lijst));
    sectie.appendChild(tabelHouder);
    doel.appendChild(sectie);
    grafiek(houder, categorie, lijst);
  }
  $('feed').setAttribute('data-regio', regio);
}

async function start() {
  try {
    const res = await fetch('/open/wachttijden.json');
    if (!res.ok) throw new Error('HTTP ' + res.status);
    staat.feed = await res.json();
  } catch (e) {
    $('status').textContent = '';
    $('fout').textContent = 'De wachttijden konden niet worden geladen. Probeer het later opnieuw.';
    $('fout').hidden = false;
    return;
  }
  const regios = new Map(staat.feed.cellen.map((c) => [c.regioCode, c.regioNaam]));
  const keuze = $('regio');
  for (const [code, naam] of [...regios].sort((a, b) => a[1].localeCompare(b[1], 'nl'))) keuze.appendChild(maak('option', { value: code }, naam));
  $('status').textContent = '';
  if (!regios.size) { $('status').textContent = 'Nog geen wachttijden gepubliceerd.'; return; }
  $('keuze').hidden = false;
  $('feed').hidden = false;
  keuze.addEventListener('change', toon);
  toon();
  let wacht;
  window.addEventListener('resize', () => { clearTimeout(wacht); wacht = setTimeout(toon, 150); });
}

void start();
