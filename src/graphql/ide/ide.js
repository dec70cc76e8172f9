// The hub's GraphQL IDE: GraphiQL (served by the hub itself from its own node_modules) with a
// token picker. The token goes in the Authorization header of every request; the schema and its
// docs appear once a token is chosen (the api answers nobody without one).
'use strict';

(function () {
  var SLEUTEL = 'hub-ide-token';
  var body = document.body;
  // GraphiQL's dialogs add one <style> element; the page's CSP admits it by this response's nonce.
  window.__webpack_nonce__ = body.dataset.stijlNonce;
  var introspectie = body.dataset.introspectie === 'aan';
  var token = sessionStorage.getItem(SLEUTEL) || '';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  function $(id) { return document.getElementById(id); }

  function melding(tekst) {
    $('melding').textContent = tekst;
    $('melding').hidden = !tekst;
  }

  function uitleg() {
    if (!introspectie) return melding('Introspectie staat uit (productie): geen schema en documentatie in deze IDE. Queries werken wel met een geldig token; het schema staat in schema/schema.graphql.');
    if (!token) return melding('Kies een identiteit of plak een bearer token: zonder token antwoordt de hub niet en blijft het schema leeg.');
    melding('');
  }

  function heeftAutorisatie(headers) {
    return Object.keys(headers).some(function (k) { return k.toLowerCase() === 'authorization'; });
  }

  // One fetcher per token: GraphiQL fetches the schema again when its fetcher changes.
  function maakFetcher(t) {
    return function (params, opties) {
      var headers = { 'content-type': 'application/json', accept: 'application/json' };
      var extra = (opties && opties.headers) || {};
      Object.keys(extra).forEach(function (k) { headers[k] = extra[k]; });
      if (t && !heeftAutorisatie(extra)) headers.authorization = 'Bearer ' + t;
      return fetch('graphql', { method: 'POST', headers: headers, body: JSON.stringify(params), credentials: 'omit' })
        .then(function (res) { return res.json(); });
    };
  }

  function toon() {
    uitleg();
    root.render(React.createElement(GraphiQL, {
      key: token || 'zonder-token',
      fetcher: maakFetcher(token),
      schema: introspectie && token ? undefined : null,
      defaultQuery: '# Kies een identiteit of plak een token, dan verschijnt het schema (Docs).\n{\n  aanbieders(first: 5) {\n    edges { node { agb naam } }\n  }\n}\n',
    }));
  }

  function gebruik(t, wie) {
    token = t;
    if (t) sessionStorage.setItem(SLEUTEL, t); else sessionStorage.removeItem(SLEUTEL);
    $('token').value = t;
    $('wie').textContent = t ? (wie || 'eigen token') : '';
    toon();
  }

  $('gebruik').addEventListener('click', function () { gebruik($('token').value.trim(), 'eigen token'); });
  $('token').addEventListener('keydown', function (e) { if (e.key === 'Enter') gebruik($('token').value.trim(), 'eigen token'); });

  if (body.dataset.identiteiten === 'aan') {
    fetch('dev/identiteiten', { headers: { accept: 'application/json' } })
      .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
      .then(function (antwoord) {
        var lijst = antwoord.identiteiten;
        var select = $('identiteit');
        lijst.forEach(function (i, n) {
          var o = document.createElement('option');
          o.value = String(n);
          o.textContent = i.label + ' · ' + i.rol;
          select.appendChild(o);
        });
        select.addEventListener('change', function () {
          var i = lijst[Number(select.value)];
          gebruik(i ? i.token : '', i ? i.label : '');
        });
        $('kiezer').hidden = false;
      })
      .catch(function () { melding('De ontwikkelidentiteiten konden niet worden geladen; plak een token.'); });
  }

  gebruik(token, token ? 'eigen token' : '');
})();
