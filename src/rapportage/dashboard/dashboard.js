// The quarterly-report dashboard for municipal finance officers: sign-in (a development picker,
// or OIDC authorisation code with PKCE through oauth4webapi), the report through GraphQL with the
// user's token, totals, drill-down region → municipality → provider, waiting times per product
// category against the norm (SVG), live budgets per provider (SVG, region staff), and downloads (fetched with the token, saved as a blob).
// It only reads; it never sends a mutation. The token lives in sessionStorage, never localStorage.

const SLEUTEL = 'hub-token';
const WIE = 'hub-wie';
const OIDC_STAAT = 'hub-oidc';
const SVG = 'http://www.w3.org/2000/svg';
/** Roles that may read the report and need no region argument: the picker offers only these. */
const LEZERS = ['regio', 'gemeente', 'auditor'];

const REGEL = 'code naam budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten ' +
  'clientenInZorg instroom uitstroom uitstroomVolgensPlan uitstroomVoortijdig uitstroomOverig aantalGestart mediaanWachtdagen p90Wachtdagen aantalWachtend aantalWachtendBovenNorm';
const QUERY = 'query Kwartaal($jaar: Int!, $kwartaal: Int!) { kwartaalrapportage(jaar: $jaar, kwartaal: $kwartaal) { regioCode jaar kwartaal van tot ' +
  'regio { ' + REGEL + ' } gemeenten { ' + REGEL + ' } aanbieders { ' + REGEL + ' } gemeenteAanbieders { gemeenteCode ' + REGEL + ' } ' +
  'wachttijdenPerCategorie { categorie naam aantalGestart mediaanWachtdagen p90Wachtdagen normDagen aantalWachtend aantalWachtendBovenNorm } ' +
  'begrotingsposten { naam productcategorieen budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten } ' +
  'signalen { soort aanbiederAgb naam contractNummer grens werkelijk } } }';

/** Live budgets of the report's year (README "Live budgets"): region staff only; a municipality is refused and sees no section. */
const BUDGET_QUERY = 'query Budget($jaar: Int!) { budgetstanden(jaar: $jaar) { contractId contractNummer aanbiederAgb plafondCenten toegekendCenten verplichtCenten ' +
  'prognoseCenten toegekendPercentage prognosePercentage drempels bereikteDrempel prognoseBovenPlafond } }';

const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const PROCENT = new Intl.NumberFormat('nl-NL', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const GETAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** Amounts arrive in eurocents. */
const euro = (c) => (c === null || c === undefined ? '–' : EURO.format(c / 100));
const getal = (n) => (n === null || n === undefined ? '–' : GETAL.format(n));
const procent = (r) => (r.budgetCenten ? PROCENT.format(r.prognoseCenten / r.budgetCenten) : '–');

/** Columns of a region, municipality or provider row: [field, heading, kind]. */
const GELD = [
  ['budgetCenten', 'Budget', 'euro'], ['gerealiseerdCenten', 'Gerealiseerd kwartaal', 'euro'], ['gerealiseerdJaarCenten', 'Gerealiseerd jaar', 'euro'],
  ['verplichtCenten', 'Verplicht', 'euro'], ['prognoseCenten', 'Prognose jaar', 'euro'], ['procentBudget', '% van budget', 'procent'],
  ['ruimteCenten', 'Ruimte', 'euro'], ['clientenInZorg', 'Cliënten in zorg', 'getal'], ['aantalWachtend', 'Wachtend', 'getal'],
  ['aantalWachtendBovenNorm', 'Wachtend boven norm', 'getal'],
];
const POSTEN = [
  ['productcategorieen', 'Categorieën', 'lijst'], ['budgetCenten', 'Budget', 'euro'], ['gerealiseerdCenten', 'Gerealiseerd kwartaal', 'euro'],
  ['gerealiseerdJaarCenten', 'Gerealiseerd jaar', 'euro'], ['verplichtCenten', 'Verplicht', 'euro'], ['prognoseCenten', 'Prognose jaar', 'euro'],
  ['procentBudget', '% van budget', 'procent'], ['ruimteCenten', 'Ruimte', 'euro'],
];
const SIGNALEN = [['soort', 'Signaal', 'signaalsoort'], ['contractNummer', 'Contract', 'tekst'], ['grens', 'Grens', 'signaal'], ['werkelijk', 'Werkelijk', 'signaal']];
const WACHTTIJDEN = [
  ['aantalGestart', 'Gestart', 'getal'], ['mediaanWachtdagen', 'Mediaan (dagen)', 'getal'], ['p90Wachtdagen', '90e percentiel (dagen)', 'getal'],
  ['normDagen', 'Norm (dagen)', 'getal'], ['aantalWachtend', 'Wachtend', 'getal'], ['aantalWachtendBovenNorm', 'Boven norm', 'getal'],
];
const TOTALEN = [
  ['budgetCenten', 'Budget', 'euro'], ['gerealiseerdCenten', 'Gerealiseerd dit kwartaal', 'euro'], ['gerealiseerdJaarCenten', 'Gerealiseerd dit jaar', 'euro'],
  ['verplichtCenten', 'Verplicht (rest van het jaar)', 'euro'], ['prognoseCenten', 'Prognose jaar', 'euro'], ['procentBudget', 'Prognose in % van budget', 'procent'],
  ['ruimteCenten', 'Ruimte', 'euro'], ['clientenInZorg', 'Cliënten in zorg', 'getal'], ['instroom', 'Instroom', 'getal'], ['uitstroom', 'Uitstroom', 'getal'],
  ['aantalWachtend', 'Wachtend', 'getal'], ['aantalWachtendBovenNorm', 'Wachtend boven norm', 'getal'],
];
const DOWNLOADS = [
  ['regio', 'Regio'], ['gemeenten', 'Gemeenten'], ['aanbieders', 'Aanbieders'], ['begrotingsposten', 'Begrotingsposten'], ['signalen', 'Signalen'],
];
const SIGNAALSOORT = { boven_plafond: 'Boven budgetplafond', buiten_lumpsumband: 'Buiten lumpsumband' };

const $ = (id) => document.getElementById(id);

const staat = { verzoek: 0, token: null, rapport: null, budgetten: null, gemeente: null, aanbieder: null, config: { oidc: null }, identiteiten: [] };

function waarde(rij, veld, soort) {
  if (soort === 'procent') return procent(rij);
  const v = rij[veld];
  if (soort === 'euro') return euro(v);
  if (soort === 'getal') return getal(v);
  if (soort === 'lijst') return (v || []).join(', ') || 'alle';
  if (soort === 'signaalsoort') return SIGNAALSOORT[v] || v;
  if (soort === 'signaal') return rij.soort === 'boven_plafond' ? euro(v) : getal(v) + (v === 1 ? ' cliënt' : ' cliënten');
  return v === null || v === undefined ? '' : String(v);
}

function maak(tag, attrs, tekst) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  if (tekst !== undefined) e.textContent = tekst;
  return e;
}

/**
 * A table whose first column names the row (a button when the row drills down); below 760 px the
 * style sheet turns rows into stacked cards with each cell labelled by its heading.
 */
function tabel(id, bijschrift, naamKop, kolommen, rijen, opties) {
  const o = opties || {};
  const t = maak('table', { id: id, class: 'gegevens' + (o.klik ? ' klikbaar' : '') });
  t.appendChild(maak('caption', { class: 'onzichtbaar' }, bijschrift));
  const kop = t.createTHead().insertRow();
  kop.appendChild(maak('th', { scope: 'col' }, naamKop));
  for (const k of kolommen) kop.appendChild(maak('th', { scope: 'col', class: k[2] === 'tekst' || k[2] === 'lijst' || k[2] === 'signaalsoort' ? '' : 'getal' }, k[1]));
  const body = t.createTBody();
  for (const r of rijen) {
    const tr = body.insertRow();
    tr.setAttribute('data-code', String(o.sleutel ? o.sleutel(r) : r.code));
    const th = maak('th', { scope: 'row', class: 'naam' });
    th.setAttribute('data-label', naamKop);
    if (o.klik) {
      const knop = maak('button', { type: 'button', class: 'link' }, o.naam ? o.naam(r) : r.naam);
      knop.setAttribute('aria-label', (o.naam ? o.naam(r) : r.naam) + ': ' + o.klikLabel);
      knop.addEventListener('click', () => o.klik(r));
      th.appendChild(knop);
      tr.addEventListener('click', (e) => { if (e.target === tr || e.target.tagName === 'TD') o.klik(r); });
    } else th.textContent = o.naam ? o.naam(r) : r.naam;
    tr.appendChild(th);
    for (const k of kolommen) {
      const td = tr.insertCell();
      td.setAttribute('data-veld', k[0]);
      td.setAttribute('data-label', k[1]);
      td.textContent = waarde(r, k[0], k[2]);
      if (k[2] === 'euro' || k[2] === 'getal' || k[2] === 'procent' || k[2] === 'signaal') td.className = 'getal';
      if (k[2] === 'euro' && typeof r[k[0]] === 'number' && r[k[0]] < 0) td.classList.add('negatief');
    }
  }
  if (!rijen.length) {
    const cel = body.insertRow().insertCell();
    cel.colSpan = kolommen.length + 1;
    cel.className = 'leeg';
    cel.textContent = o.leeg || 'Geen gegevens in deze periode.';
  }
  return t;
}

function svg(naam, attrs, tekst) {
  const e = document.createElementNS(SVG, naam);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (tekst !== undefined) e.textContent = tekst;
  return e;
}

/**
 * Waiting time per product category: median and 90th percentile as horizontal bars, the norm as
 * a vertical mark; a bar above the norm is drawn in the warning colour. Drawn at the width of its
 * container (again after a resize), so its text stays readable on a phone.
 */
function wachttijdGrafiek(doel, rijen) {
  const houder = $(doel);
  if (!rijen.length) { houder.replaceChildren(maak('p', { class: 'leeg' }, 'Geen wachttijden in deze periode.')); return; }
  const breedte = Math.max(260, houder.clientWidth || 600);
  const rijHoogte = 58, boven = 4, rechts = 12;
  const max = Math.max(1, ...rijen.map((r) => Math.max(r.p90Wachtdagen || 0, r.mediaanWachtdagen || 0, r.normDagen || 0))) * 1.1;
  const schaal = (d) => Math.round(((d || 0) / max) * (breedte - rechts));
  const hoogte = rijen.length * rijHoogte + boven + 18;
  const titelId = doel + '-titel';
  const s = svg('svg', { id: 'staaf-wachttijden', width: breedte, height: hoogte, viewBox: '0 0 ' + breedte + ' ' + hoogte, role: 'img', 'aria-labelledby': titelId });
  s.appendChild(svg('title', { id: titelId }, 'Wachttijd per productcategorie tegen de norm'));
  rijen.forEach((r, i) => {
    const y = boven + i * rijHoogte;
    const boven90 = r.normDagen !== null && r.p90Wachtdagen !== null && r.p90Wachtdagen > r.normDagen;
    const bovenMediaan = r.normDagen !== null && r.mediaanWachtdagen !== null && r.mediaanWachtdagen > r.normDagen;
    const g = svg('g', { 'data-categorie': r.categorie, class: bovenMediaan || boven90 ? 'boven-norm' : 'binnen-norm' });
    g.appendChild(svg('text', { x: 0, y: y + 13, class: 'label' }, r.categorie + ' ' + r.naam + (bovenMediaan || boven90 ? ' — boven norm' : '')));
    const p90 = svg('rect', { x: 0, y: y + 20, width: schaal(r.p90Wachtdagen), height: 14, class: 'p90' + (boven90 ? ' boven' : ''), 'data-reeks': 'p90Wachtdagen', 'data-waarde': r.p90Wachtdagen ?? '' });
    p90.appendChild(svg('title', {}, r.naam + ': 90e percentiel ' + getal(r.p90Wachtdagen) + ' dagen'));
    g.appendChild(p90);
    const med = svg('rect', { x: 0, y: y + 20, width: schaal(r.mediaanWachtdagen), height: 14, class: 'mediaan' + (bovenMediaan ? ' boven' : ''), 'data-reeks': 'mediaanWachtdagen', 'data-waarde': r.mediaanWachtdagen ?? '' });
    med.appendChild(svg('title', {}, r.naam + ': mediaan ' + getal(r.mediaanWachtdagen) + ' dagen'));
    g.appendChild(med);
    if (r.normDagen !== null) {
      const x = schaal(r.normDagen);
      g.appendChild(svg('line', { x1: x, x2: x, y1: y + 16, y2: y + 38, class: 'norm', 'data-norm': r.normDagen }));
    }
    g.appendChild(svg('text', { x: 0, y: y + 50, class: 'waarden' },
      'mediaan ' + getal(r.mediaanWachtdagen) + ' · p90 ' + getal(r.p90Wachtdagen) + ' · norm ' + (r.normDagen === null ? 'geen' : r.normDagen) + ' dagen'));
    s.appendChild(g);
  });
  houder.replaceChildren(s);
}

/** Budget used: realised this year and committed against the budget, one stacked bar. */
function uitputting(r) {
  const houder = $('uitputting');
  if (!r.budgetCenten) { houder.replaceChildren(maak('p', { class: 'uitleg' }, 'Geen budget bekend: geen uitputting te tonen.')); return; }
  const max = Math.max(r.budgetCenten, r.prognoseCenten);
  const pct = (c) => Math.max(0, (c / max) * 100);
  const s = svg('svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', class: 'balk', role: 'img', 'aria-label':
    'Gerealiseerd ' + euro(r.gerealiseerdJaarCenten) + ' en verplicht ' + euro(r.verplichtCenten) + ' van budget ' + euro(r.budgetCenten) });
  s.appendChild(svg('rect', { x: 0, y: 0, width: 100, height: 8, class: 'achtergrond' }));
  s.appendChild(svg('rect', { x: 0, y: 0, width: pct(r.gerealiseerdJaarCenten), height: 8, class: 'gerealiseerd' }));
  s.appendChild(svg('rect', { x: pct(r.gerealiseerdJaarCenten), y: 0, width: pct(Math.max(0, r.verplichtCenten)), height: 8, class: r.prognoseCenten > r.budgetCenten ? 'verplicht boven' : 'verplicht' }));
  s.appendChild(svg('rect', { x: pct(r.budgetCenten) - 0.3, y: 0, width: 0.6, height: 8, class: 'budgetlijn' }));
  const legenda = maak('p', { class: 'legenda' });
  legenda.append(maak('span', { class: 'blokje gerealiseerd' }), ' gerealiseerd ', maak('span', { class: 'blokje verplicht' }), ' verplicht ', maak('span', { class: 'blokje budgetlijn' }), ' budget');
  houder.replaceChildren(s, legenda);
}

/**
 * Live budgets: the signal (contracts whose granted amount reached a threshold, or whose forecast
 * exceeds the ceiling) and a chart per provider with a bar per contract. At the region level all
 * providers, at a provider's level that provider only; hidden at a municipality's level (ceilings
 * hold for the whole contract) and for whoever may not read them.
 */
function budgetSectie() {
  const sectie = $('sectie-budgetten');
  const r = staat.rapport;
  if (!staat.budgetten || (staat.gemeente && !staat.aanbieder)) { sectie.hidden = true; return; }
  const standen = staat.budgetten.filter((b) => !staat.aanbieder || b.aanbiederAgb === staat.aanbieder);
  sectie.hidden = false;
  const naamVan = (agb) => { const a = r.aanbieders.find((x) => x.code === agb); return a ? a.naam : 'AGB ' + agb; };
  const signalen = standen.filter((b) => b.bereikteDrempel !== null || b.prognoseBovenPlafond);
  const lijst = $('budget-signalen');
  lijst.replaceChildren(...(signalen.length ? signalen.map((b) => {
    const li = maak('li', {}, b.contractNummer + ' (' + naamVan(b.aanbiederAgb) + '): ' + (b.toegekendPercentage === null ? '–' : getal(b.toegekendPercentage) + ' %') + ' toegekend' +
      (b.bereikteDrempel !== null ? ', drempel ' + b.bereikteDrempel + ' % bereikt' : '') + (b.prognoseBovenPlafond ? ', prognose boven het plafond' : ''));
    li.setAttribute('data-contract', b.contractNummer);
    return li;
  }) : [maak('li', { class: 'geen' }, 'Geen budgetsignalen: geen contract boven een drempel of met een prognose boven het plafond.')]));
  const houder = $('grafiek-budgetten');
  const agbs = [...new Set(standen.map((b) => b.aanbiederAgb))];
  houder.replaceChildren(...(agbs.length ? agbs.map((agb) => budgetGrafiek(agb, naamVan(agb), standen.filter((b) => b.aanbiederAgb === agb), houder.clientWidth)) : [maak('p', { class: 'leeg' }, 'Geen budgetplafonds in dit jaar.')]));
}

/** One provider's contracts: granted and committed as stacked bars against the ceiling, with the thresholds as ticks. */
function budgetGrafiek(agb, naam, standen, beschikbaar) {
  const breedte = Math.max(260, beschikbaar || 600);
  const rijHoogte = 52, rechts = 12;
  const hoogte = standen.length * rijHoogte + 24;
  const titelId = 'budget-' + agb + '-titel';
  const s = svg('svg', { id: 'budget-' + agb, class: 'budget-aanbieder', 'data-aanbieder': agb, width: breedte, height: hoogte, viewBox: '0 0 ' + breedte + ' ' + hoogte, role: 'img', 'aria-labelledby': titelId });
  s.appendChild(svg('title', { id: titelId }, 'Budgetplafonds van ' + naam));
  s.appendChild(svg('text', { x: 0, y: 14, class: 'label' }, naam));
  standen.forEach((b, i) => {
    const y = 22 + i * rijHoogte;
    const max = Math.max(1, b.plafondCenten, b.prognoseCenten);
    const x = (c) => Math.round((Math.max(0, c) / max) * (breedte - rechts));
    const signaal = b.bereikteDrempel !== null || b.prognoseBovenPlafond;
    const g = svg('g', { 'data-contract': b.contractNummer, class: signaal ? 'signaal' : 'binnen' });
    g.appendChild(svg('text', { x: 0, y: y + 12, class: 'waarden' }, b.contractNummer + ': ' + euro(b.toegekendCenten) + ' toegekend, ' + euro(b.verplichtCenten) + ' verplicht, plafond ' + euro(b.plafondCenten)));
    g.appendChild(svg('rect', { x: 0, y: y + 18, width: breedte - rechts, height: 14, class: 'achtergrond' }));
    const toe = svg('rect', { x: 0, y: y + 18, width: x(b.toegekendCenten), height: 14, class: 'toegekend', 'data-reeks': 'toegekendCenten', 'data-waarde': b.toegekendCenten });
    toe.appendChild(svg('title', {}, b.contractNummer + ': toegekend ' + euro(b.toegekendCenten)));
    g.appendChild(toe);
    const ver = svg('rect', { x: x(b.toegekendCenten), y: y + 18, width: x(b.verplichtCenten), height: 14, class: 'verplicht', 'data-reeks': 'verplichtCenten', 'data-waarde': b.verplichtCenten });
    ver.appendChild(svg('title', {}, b.contractNummer + ': verplicht ' + euro(b.verplichtCenten)));
    g.appendChild(ver);
    for (const d of b.drempels) g.appendChild(svg('line', { x1: x((b.plafondCenten * d) / 100), x2: x((b.plafondCenten * d) / 100), y1: y + 16, y2: y + 34, class: 'drempel', 'data-drempel': d }));
    g.appendChild(svg('line', { x1: x(b.plafondCenten), x2: x(b.plafondCenten), y1: y + 14, y2: y + 36, class: 'plafond', 'data-plafond': b.plafondCenten }));
    s.appendChild(g);
  });
  return s;
}

/** Reads the live budgets of the report's year; on refusal (a municipality) the section stays hidden. */
async function laadBudgetten(jaar, nr) {
  let body;
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + staat.token },
      body: JSON.stringify({ query: BUDGET_QUERY, variables: { jaar: jaar } }),
    });
    body = await res.json();
  } catch {
    body = null;
  }
  if (nr !== staat.verzoek) return;
  staat.budgetten = body && !body.errors && body.data ? body.data.budgetstanden : null;
  $('sectie-budgetten').setAttribute('data-jaar', String(jaar));
  if (staat.rapport) budgetSectie();
}

function totalen(r) {
  const dl = $('totalen');
  dl.replaceChildren();
  for (const [veld, label, soort] of TOTALEN) {
    const div = maak('div', { class: 'totaal' + (veld === 'ruimteCenten' && r.ruimteCenten !== null && r.ruimteCenten < 0 ? ' negatief' : '') });
    div.setAttribute('data-totaal', veld);
    div.append(maak('dt', {}, label), maak('dd', {}, waarde(r, veld, soort)));
    dl.appendChild(div);
  }
  uitputting(r);
}

function kruimelpad(r) {
  const ol = $('kruimelpad');
  ol.replaceChildren();
  const stap = (tekst, doel, huidig) => {
    const li = maak('li');
    if (huidig) { const s = maak('span', {}, tekst); s.setAttribute('aria-current', 'page'); li.appendChild(s); } else {
      const b = maak('button', { type: 'button', class: 'link' }, tekst);
      b.addEventListener('click', doel);
      li.appendChild(b);
    }
    ol.appendChild(li);
  };
  stap('Regio ' + r.regio.naam, () => kies(null, null), !staat.gemeente);
  const g = staat.gemeente && r.gemeenten.find((x) => x.code === staat.gemeente);
  if (g) stap('Gemeente ' + g.naam, () => kies(g.code, null), !staat.aanbieder);
  const a = staat.aanbieder && r.gemeenteAanbieders.find((x) => x.gemeenteCode === staat.gemeente && x.code === staat.aanbieder);
  if (a) stap(a.naam, () => {}, true);
}

function toonNiveau() {
  const r = staat.rapport;
  const g = staat.gemeente ? r.gemeenten.find((x) => x.code === staat.gemeente) : null;
  const a = g && staat.aanbieder ? r.gemeenteAanbieders.find((x) => x.gemeenteCode === g.code && x.code === staat.aanbieder) : null;
  const rij = a || g || r.regio;
  $('rapport').setAttribute('data-niveau', a ? 'aanbieder' : g ? 'gemeente' : 'regio');
  kruimelpad(r);
  $('titel').textContent = a ? a.naam + ' in ' + g.naam : g ? 'Gemeente ' + g.naam : 'Regio ' + r.regio.naam;
  totalen(rij);
  const onder = $('onderliggend');
  if (a) {
    onder.hidden = false;
    $('onderliggend-kop').textContent = 'Wachttijd bij deze aanbieder';
    $('onderliggend-uitleg').textContent = 'Zorg gestart in het kwartaal: dagen van aanmelding tot start.';
    $('tabel-onderliggend').replaceChildren(tabel('tabel-detail', 'Wachttijd', 'Aanbieder', [
      ['aantalGestart', 'Gestart', 'getal'], ['mediaanWachtdagen', 'Mediaan (dagen)', 'getal'], ['p90Wachtdagen', '90e percentiel (dagen)', 'getal'],
      ['uitstroomVolgensPlan', 'Uitstroom volgens plan', 'getal'], ['uitstroomVoortijdig', 'Uitstroom voortijdig', 'getal'], ['uitstroomOverig', 'Uitstroom overig', 'getal'],
    ], [a]));
  } else if (g) {
    onder.hidden = false;
    $('onderliggend-kop').textContent = 'Aanbieders in ' + g.naam;
    $('onderliggend-uitleg').textContent = 'Kies een aanbieder voor de details. Budget: het lumpsumaandeel van deze gemeente (budgetplafonds gelden voor de hele regio).';
    const rijen = r.gemeenteAanbieders.filter((x) => x.gemeenteCode === g.code);
    $('tabel-onderliggend').replaceChildren(tabel('tabel-gemeente-aanbieders', 'Aanbieders in ' + g.naam, 'Aanbieder', GELD, rijen,
      { klik: (x) => kies(g.code, x.code), klikLabel: 'toon de details', leeg: 'Geen aanbieders met uitgaven of cliënten in deze gemeente in deze periode.' }));
  } else {
    onder.hidden = false;
    $('onderliggend-kop').textContent = 'Gemeenten';
    $('onderliggend-uitleg').textContent = 'Kies een gemeente om de aanbieders te zien.';
    $('tabel-onderliggend').replaceChildren(tabel('tabel-gemeenten', 'Gemeenten', 'Gemeente', GELD, r.gemeenten,
      { klik: (x) => kies(x.code, null), klikLabel: 'toon de aanbieders' }));
  }
  // Region-wide parts: at the region level only.
  const regio = !g;
  $('sectie-aanbieders').hidden = !regio;
  $('sectie-posten').hidden = !regio;
  if (regio) {
    $('tabel-aanbieders-houder').replaceChildren(tabel('tabel-aanbieders', 'Aanbieders in de regio', 'Aanbieder', GELD, r.aanbieders));
    $('tabel-posten-houder').replaceChildren(tabel('tabel-begrotingsposten', 'Begrotingsposten', 'Begrotingspost', POSTEN, r.begrotingsposten, { sleutel: (x) => x.naam }));
  }
  const signalen = r.signalen.filter((s) => !a || s.aanbiederAgb === a.code);
  $('sectie-signalen').hidden = !!g && !a;
  $('tabel-signalen-houder').replaceChildren(tabel('tabel-signalen', 'Signalen', 'Aanbieder', SIGNALEN, signalen,
    { sleutel: (x) => x.aanbiederAgb, leeg: 'Geen signalen: geen aanbieder boven het plafond of buiten de lumpsumband.' }));
  wachttijdGrafiek('grafiek-wachttijden', r.wachttijdenPerCategorie);
  $('tabel-wachttijden-houder').replaceChildren(tabel('tabel-wachttijden', 'Wachttijd per productcategorie', 'Productcategorie', WACHTTIJDEN, r.wachttijdenPerCategorie,
    { sleutel: (x) => x.categorie, naam: (x) => x.categorie + ' ' + x.naam, leeg: 'Geen wachttijden in deze periode.' }));
  budgetSectie();
}

function kies(gemeente, aanbieder) {
  staat.gemeente = gemeente;
  staat.aanbieder = aanbieder;
  toonNiveau();
  $('titel').focus();
}

function downloads(r) {
  const houder = $('downloads');
  houder.replaceChildren();
  const basis = '/export/kwartaal/' + r.jaar + '/' + r.kwartaal;
  for (const [tabelNaam, label] of DOWNLOADS) {
    const b = maak('button', { type: 'button', class: 'secundair' }, label + ' (CSV)');
    b.setAttribute('data-download', tabelNaam);
    b.addEventListener('click', () => download(basis + '/' + tabelNaam + '.csv', 'kwartaal-' + r.jaar + '-Q' + r.kwartaal + '-' + tabelNaam + '.csv'));
    houder.appendChild(b);
  }
  const x = maak('button', { type: 'button' }, 'Alles als Excel (XLSX)');
  x.setAttribute('data-download', 'xlsx');
  x.addEventListener('click', () => download(basis + '.xlsx', 'kwartaal-' + r.jaar + '-Q' + r.kwartaal + '.xlsx'));
  houder.appendChild(x);
}

/** A download needs the bearer token: fetch it, then hand the browser a blob to save. */
async function download(pad, naam) {
  const st = $('download-status');
  st.textContent = 'Bezig met downloaden…';
  try {
    const res = await fetch(pad, { headers: { authorization: 'Bearer ' + staat.token } });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      st.textContent = 'Download mislukt: ' + (res.status === 404 && !body.message ? 'nog niet beschikbaar' : body.message || 'HTTP ' + res.status);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = maak('a', { href: url, download: naam, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    st.textContent = naam + ' is gedownload.';
  } catch {
    st.textContent = 'Download mislukt: de hub is niet bereikbaar.';
  }
}

function fout(tekst) {
  $('rapport').hidden = true;
  $('fout').textContent = tekst;
  $('fout').hidden = false;
  $('status').textContent = '';
}

async function laad() {
  const jaar = Number($('jaar').value), kwartaal = Number($('kwartaal').value);
  $('fout').hidden = true;
  $('status').textContent = 'Rapportage laden…';
  // Only the latest request may draw: an earlier, slower answer for another period is dropped.
  const nr = ++staat.verzoek;
  let body, status;
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + staat.token },
      body: JSON.stringify({ query: QUERY, variables: { jaar: jaar, kwartaal: kwartaal } }),
    });
    status = res.status;
    body = await res.json().catch(() => ({ errors: [{ message: 'HTTP ' + res.status }] }));
  } catch {
    if (nr === staat.verzoek) fout('De hub is niet bereikbaar. Probeer het later opnieuw.');
    return;
  }
  if (nr !== staat.verzoek) return;
  if (status === 401) {
    afmelden();
    fout('Uw aanmelding is verlopen of ongeldig (' + ((body.errors && body.errors[0].message) || 'HTTP 401') + '). Meld u opnieuw aan.');
    return;
  }
  if (body.errors && body.errors.length) { fout('Fout: ' + body.errors[0].message); return; }
  const r = body.data && body.data.kwartaalrapportage;
  if (!r) { fout('Fout: geen gegevens ontvangen.'); return; }
  staat.rapport = r;
  staat.budgetten = null;
  staat.gemeente = null;
  staat.aanbieder = null;
  $('periode').textContent = r.kwartaal + 'e kwartaal ' + r.jaar + ' (' + datum(r.van) + ' t/m ' + datum(r.tot) + ')';
  downloads(r);
  $('rapport').setAttribute('data-periode', r.jaar + '-' + r.kwartaal);
  $('rapport').hidden = false;
  toonNiveau();
  $('status').textContent = 'Rapportage ' + r.jaar + ' Q' + r.kwartaal + ' geladen.';
  await laadBudgetten(r.jaar, nr);
}

const datum = (d) => new Date(d + 'T12:00:00Z').toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function aangemeld(token, wie) {
  staat.token = token;
  sessionStorage.setItem(SLEUTEL, token);
  sessionStorage.setItem(WIE, wie);
  $('wie').textContent = 'Aangemeld als ' + wie;
  $('sessie').hidden = false;
  $('aanmelden').hidden = true;
  $('keuze').hidden = false;
  laad();
}

function afmelden() {
  staat.verzoek++;
  staat.token = null;
  staat.rapport = null;
  sessionStorage.removeItem(SLEUTEL);
  sessionStorage.removeItem(WIE);
  $('sessie').hidden = true;
  $('keuze').hidden = true;
  $('rapport').hidden = true;
  $('fout').hidden = true;
  $('status').textContent = 'U bent afgemeld.';
  toonAanmelden();
}

async function toonAanmelden() {
  $('aanmelden').hidden = false;
  $('oidc-form').hidden = !staat.config.oidc;
  // Development only: the hub lists ready-made identities; in production this is a 404.
  if (!staat.identiteiten.length) {
    try {
      const res = await fetch('/dev/identiteiten');
      if (res.ok) staat.identiteiten = (await res.json()).identiteiten.filter((i) => LEZERS.includes(i.rol));
    } catch { /* no development sign-in */ }
  }
  const select = $('identiteit');
  select.replaceChildren(...staat.identiteiten.map((i, n) => maak('option', { value: String(n) }, i.label)));
  $('dev-form').hidden = !staat.identiteiten.length;
  $('geen-aanmelding').hidden = !!staat.config.oidc || !!staat.identiteiten.length;
}

// OIDC: authorisation code with PKCE (RFC 7636) through oauth4webapi, loaded only when used.
const terugUrl = () => location.origin + '/dashboard';
const lokaal = (u) => u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');

async function oidcServer(oauth) {
  const issuer = new URL(staat.config.oidc.issuer);
  // Plain http only for a provider on this machine (development, tests).
  const opties = lokaal(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...opties }));
  return { as, opties };
}

async function oidcAanmelden() {
  const oauth = await import('/dashboard/oauth4webapi.js');
  const { as } = await oidcServer(oauth);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(OIDC_STAAT, JSON.stringify({ verifier: verifier, state: state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', staat.config.oidc.clientId);
  url.searchParams.set('redirect_uri', terugUrl());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', staat.config.oidc.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  location.assign(url.href);
}

async function oidcTerug() {
  const bewaard = JSON.parse(sessionStorage.getItem(OIDC_STAAT) || 'null');
  sessionStorage.removeItem(OIDC_STAAT);
  const hier = new URL(location.href);
  history.replaceState(null, '', '/dashboard');
  if (!bewaard || !staat.config.oidc) throw new Error('geen aanmelding gestart in dit venster');
  const oauth = await import('/dashboard/oauth4webapi.js');
  const { as, opties } = await oidcServer(oauth);
  const client = { client_id: staat.config.oidc.clientId };
  const params = oauth.validateAuthResponse(as, client, hier, bewaard.state);
  const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, terugUrl(), bewaard.verifier, opties);
  const uitkomst = await oauth.processAuthorizationCodeResponse(as, client, res);
  const claims = oauth.getValidatedIdTokenClaims(uitkomst);
  return { token: uitkomst.access_token, wie: (claims && (claims.name || claims.preferred_username || claims.sub)) || 'OIDC-gebruiker' };
}

function jaren() {
  const nu = new Date();
  const vorig = Math.floor(nu.getMonth() / 3); // the last full quarter
  const jaar = vorig === 0 ? nu.getFullYear() - 1 : nu.getFullYear();
  const select = $('jaar');
  for (let j = nu.getFullYear() + 1; j >= 2015; j--) select.appendChild(maak('option', { value: String(j) }, String(j)));
  select.value = String(jaar);
  $('kwartaal').value = String(vorig === 0 ? 4 : vorig);
}

async function start() {
  jaren();
  $('periode-form').addEventListener('submit', (e) => { e.preventDefault(); laad(); });
  $('afmelden').addEventListener('click', afmelden);
  $('dev-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const i = staat.identiteiten[Number($('identiteit').value)];
    if (i) aangemeld(i.token, i.label);
  });
  $('oidc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    oidcAanmelden().catch((x) => fout('Aanmelden is niet gelukt: ' + (x && x.message ? x.message : 'onbekende fout')));
  });
  let wacht = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(wacht);
    wacht = requestAnimationFrame(() => {
      if (!staat.rapport || $('rapport').hidden) return;
      wachttijdGrafiek('grafiek-wachttijden', staat.rapport.wachttijdenPerCategorie);
      budgetSectie();
    });
  });
  try {
    const res = await fetch('/dashboard/config.json');
    if (res.ok) staat.config = await res.json();
  } catch { /* no OIDC */ }
  const zoek = new URLSearchParams(location.search);
  if (zoek.has('code') || zoek.has('error')) {
    try {
      const { token, wie } = await oidcTerug();
      aangemeld(token, wie);
    } catch (x) {
      await toonAanmelden();
      fout('Aanmelden is niet gelukt: ' + (x && x.message ? x.message : 'onbekende fout'));
    }
    return;
  }
  const token = sessionStorage.getItem(SLEUTEL);
  if (token) aangemeld(token, sessionStorage.getItem(WIE) || 'onbekend');
  else await toonAanmelden();
}

start();
