// The quarterly-report dashboard: reads the report through GraphQL with the user's token and
// draws tables and bar charts (inline SVG). It only reads; it never sends a mutation.
'use strict';

(function () {
  var SLEUTEL = 'hub-token';
  var SVG = 'http://www.w3.org/2000/svg';
  var REGEL = 'code naam budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten ' +
    'clientenInZorg instroom uitstroom uitstroomVolgensPlan uitstroomVoortijdig uitstroomOverig aantalGestart mediaanWachtdagen p90Wachtdagen aantalWachtend aantalWachtendBovenNorm';
  var QUERY = 'query Kwartaal($jaar: Int!, $kwartaal: Int!) { kwartaalrapportage(jaar: $jaar, kwartaal: $kwartaal) { regioCode jaar kwartaal van tot ' +
    'regio { ' + REGEL + ' } gemeenten { ' + REGEL + ' } aanbieders { ' + REGEL + ' } ' +
    'begrotingsposten { naam productcategorieen budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten } ' +
    'signalen { soort aanbiederAgb naam contractNummer grens werkelijk } } }';

  var KOLOMMEN = [
    ['code', 'Code', 'tekst'], ['naam', 'Naam', 'tekst'], ['budgetCenten', 'Budget', 'euro'], ['gerealiseerdCenten', 'Gerealiseerd kwartaal', 'euro'],
    ['gerealiseerdJaarCenten', 'Gerealiseerd jaar', 'euro'], ['verplichtCenten', 'Verplicht', 'euro'], ['prognoseCenten', 'Prognose jaar', 'euro'],
    ['ruimteCenten', 'Ruimte', 'euro'], ['clientenInZorg', 'In zorg', 'getal'], ['instroom', 'Instroom', 'getal'], ['uitstroom', 'Uitstroom', 'getal'],
    ['uitstroomVolgensPlan', 'Volgens plan', 'getal'], ['uitstroomVoortijdig', 'Voortijdig', 'getal'], ['uitstroomOverig', 'Overig', 'getal'],
    ['mediaanWachtdagen', 'Wachttijd mediaan', 'dagen'], ['p90Wachtdagen', 'Wachttijd p90', 'dagen'], ['aantalWachtend', 'Wachtend', 'getal'],
    ['aantalWachtendBovenNorm', 'Boven norm', 'getal'],
  ];
  var POSTEN = [
    ['naam', 'Begrotingspost', 'tekst'], ['productcategorieen', 'Categorieën', 'lijst'], ['budgetCenten', 'Budget', 'euro'], ['gerealiseerdCenten', 'Gerealiseerd kwartaal', 'euro'],
    ['gerealiseerdJaarCenten', 'Gerealiseerd jaar', 'euro'], ['verplichtCenten', 'Verplicht', 'euro'], ['prognoseCenten', 'Prognose jaar', 'euro'], ['ruimteCenten', 'Ruimte', 'euro'],
  ];
  var SIGNALEN = [['soort', 'Signaal', 'tekst'], ['aanbiederAgb', 'AGB', 'tekst'], ['naam', 'Aanbieder', 'tekst'], ['contractNummer', 'Contract', 'tekst'], ['grens', 'Grens', 'signaal'], ['werkelijk', 'Werkelijk', 'signaal']];

  function $(id) { return document.getElementById(id); }

  /** Eurocents as Dutch euros: € 1.234,56 (a minus sign before the euro sign). */
  function euro(c) {
    if (c === null || c === undefined) return '';
    var neg = c < 0;
    var a = Math.abs(c);
    var heel = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    var cent = String(a % 100).padStart(2, '0');
    return (neg ? '-' : '') + '€ ' + heel + ',' + cent;
  }
  function dagen(d) { return d === null || d === undefined ? '' : String(Math.round(d * 10) / 10).replace('.', ','); }

  function cel(waarde, soort, rij) {
    if (soort === 'euro') return euro(waarde);
    if (soort === 'dagen') return dagen(waarde);
    if (soort === 'lijst') return (waarde || []).join(', ');
    if (soort === 'signaal') return rij.soort === 'boven_plafond' ? euro(waarde) : String(waarde);
    return waarde === null || waarde === undefined ? '' : String(waarde);
  }

  function tabel(doel, id, kolommen, rijen, sleutel) {
    var t = document.createElement('table');
    t.id = id;
    var kop = t.createTHead().insertRow();
    kolommen.forEach(function (k) { var th = document.createElement('th'); th.textContent = k[1]; kop.appendChild(th); });
    var body = t.createTBody();
    rijen.forEach(function (r) {
      var tr = body.insertRow();
      tr.dataset.code = String(r[sleutel]);
      kolommen.forEach(function (k) {
        var td = tr.insertCell();
        td.dataset.veld = k[0];
        td.textContent = cel(r[k[0]], k[2], r);
        if (k[2] !== 'tekst' && k[2] !== 'lijst') td.className = 'getal';
      });
    });
    if (!rijen.length) { var leeg = body.insertRow().insertCell(); leeg.colSpan = kolommen.length; leeg.textContent = 'Geen gegevens'; }
    $(doel).replaceChildren(t);
  }

  function el(naam, attrs, tekst) {
    var e = document.createElementNS(SVG, naam);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (tekst !== undefined) e.textContent = tekst;
    return e;
  }

  /** Horizontal bars: one group per row, one bar per series (values ≥ 0; negatives drawn as 0). */
  function staven(doel, id, rijen, series, opmaak) {
    var regel = 18, groep = series.length * regel + 8, links = 190, breedte = 640;
    var max = 1;
    rijen.forEach(function (r) { series.forEach(function (s) { max = Math.max(max, r[s[0]] || 0); }); });
    var svg = el('svg', { id: id, width: links + breedte + 140, height: Math.max(1, rijen.length) * groep + 24, role: 'img', 'aria-label': id });
    rijen.forEach(function (r, i) {
      var y = i * groep;
      svg.appendChild(el('text', { x: 0, y: y + 13 }, r.naam));
      series.forEach(function (s, j) {
        var v = r[s[0]] || 0;
        var w = Math.max(0, Math.round((v / max) * breedte));
        var bar = el('rect', { x: links, y: y + j * regel, width: w, height: regel - 4, fill: s[2], 'data-code': r.code, 'data-reeks': s[0], 'data-waarde': v });
        bar.appendChild(el('title', {}, r.naam + ' — ' + s[1] + ': ' + opmaak(r[s[0]])));
        svg.appendChild(bar);
        svg.appendChild(el('text', { x: links + w + 4, y: y + j * regel + 11 }, s[1] + ' ' + opmaak(r[s[0]])));
      });
    });
    $(doel).replaceChildren(svg);
  }

  function fout(tekst) {
    $('rapport').hidden = true;
    $('fout').textContent = tekst;
    $('fout').hidden = false;
    $('status').textContent = '';
  }

  function toon(r) {
    $('fout').hidden = true;
    $('titel').textContent = 'Regio ' + r.regioCode + ' — ' + r.jaar + ' Q' + r.kwartaal + ' (' + r.van + ' t/m ' + r.tot + ')';
    tabel('regio', 'tabel-regio', KOLOMMEN, [r.regio], 'code');
    tabel('gemeenten', 'tabel-gemeenten', KOLOMMEN, r.gemeenten, 'code');
    tabel('aanbieders', 'tabel-aanbieders', KOLOMMEN, r.aanbieders, 'code');
    tabel('begrotingsposten', 'tabel-begrotingsposten', POSTEN, r.begrotingsposten, 'naam');
    tabel('signalen', 'tabel-signalen', SIGNALEN, r.signalen, 'aanbiederAgb');
    var geld = [['gerealiseerdCenten', 'kwartaal', '#2f6db5'], ['prognoseCenten', 'prognose', '#9bb8dc']];
    staven('grafiek-gemeenten', 'staaf-gemeenten', r.gemeenten, geld, euro);
    staven('grafiek-aanbieders', 'staaf-aanbieders', r.aanbieders, geld, euro);
    staven('grafiek-wachttijden', 'staaf-wachttijden', r.aanbieders.filter(function (a) { return a.aantalGestart > 0; }),
      [['mediaanWachtdagen', 'mediaan', '#b5662f'], ['p90Wachtdagen', 'p90', '#e0b08c']], dagen);
    $('rapport').hidden = false;
    $('status').textContent = 'Bijgewerkt';
  }

  function laad() {
    var token = sessionStorage.getItem(SLEUTEL);
    if (!token) { fout('Plak eerst een token.'); return; }
    var jaar = Number($('jaar').value), kwartaal = Number($('kwartaal').value);
    $('status').textContent = 'Laden…';
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: QUERY, variables: { jaar: jaar, kwartaal: kwartaal } }),
    }).then(function (res) {
      return res.json().catch(function () { return { errors: [{ message: 'HTTP ' + res.status }] }; });
    }).then(function (body) {
      if (body.errors && body.errors.length) { fout('Fout: ' + body.errors[0].message); return; }
      if (!body.data || !body.data.kwartaalrapportage) { fout('Fout: geen gegevens'); return; }
      toon(body.data.kwartaalrapportage);
    }).catch(function () { fout('Fout: de hub is niet bereikbaar'); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var nu = new Date();
    var vorig = Math.floor(nu.getMonth() / 3); // the last full quarter
    $('jaar').value = String(vorig === 0 ? nu.getFullYear() - 1 : nu.getFullYear());
    $('kwartaal').value = String(vorig === 0 ? 4 : vorig);
    if (sessionStorage.getItem(SLEUTEL)) $('token').placeholder = 'Token bewaard voor deze sessie';
    $('login-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var t = $('token').value.trim();
      if (t) { sessionStorage.setItem(SLEUTEL, t); $('token').value = ''; }
      laad();
    });
    $('uitloggen').addEventListener('click', function () {
      sessionStorage.removeItem(SLEUTEL);
      $('rapport').hidden = true;
      $('token').placeholder = 'Plak hier uw token';
      $('status').textContent = 'Uitgelogd';
    });
  });
})();
