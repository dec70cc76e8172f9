// The administrator's page: opens a session (POST sessie with the bearer token; the answer sets
// an HttpOnly cookie for /beheer), then links the queue dashboard and shows the messages per status.
'use strict';

(function () {
  function $(id) { return document.getElementById(id); }

  function fout(tekst) {
    $('fout').textContent = tekst || '';
    $('fout').hidden = !tekst;
  }

  function json(res) {
    return res.json().then(function (b) {
      if (!res.ok) throw new Error(b.message || String(res.status));
      return b;
    });
  }

  function toonBerichten() {
    return fetch('berichten', { headers: { accept: 'application/json' } }).then(json).then(function (b) {
      var tbody = $('berichten').tBodies[0];
      tbody.textContent = '';
      b.berichten.forEach(function (r) {
        var tr = tbody.insertRow();
        tr.dataset.richting = r.richting;
        tr.dataset.status = r.status;
        [r.richting, r.status, String(r.aantal), r.oudste ? new Date(r.oudste).toLocaleString('nl-NL') : ''].forEach(function (w, i) {
          var td = tr.insertCell();
          td.textContent = w;
          if (i === 2) td.className = 'getal';
        });
      });
    });
  }

  function aangemeld(tot) {
    $('tot').textContent = new Date(tot).toLocaleTimeString('nl-NL');
    $('aanmelden').hidden = true;
    $('sessie').hidden = false;
    return toonBerichten();
  }

  function meldAan(token) {
    fout('');
    fetch('sessie', { method: 'POST', headers: { authorization: 'Bearer ' + token, accept: 'application/json' } })
      .then(json)
      .then(function (b) { $('token').value = ''; return aangemeld(b.geldigTot); })
      .catch(function (e) { fout('Aanmelden mislukt: ' + e.message); });
  }

  $('meld-aan').addEventListener('click', function () { meldAan($('token').value.trim()); });
  $('meld-af').addEventListener('click', function () {
    fetch('sessie', { method: 'DELETE' }).then(function () {
      $('sessie').hidden = true;
      $('aanmelden').hidden = false;
    });
  });

  // A session still open (the cookie is HttpOnly: ask the server).
  toonBerichten().then(function () {
    $('aanmelden').hidden = true;
    $('sessie').hidden = false;
    $('tot').textContent = 'het einde van de sessie';
  }, function () { /* not signed in */ });

  // Development only: the administrator identities of /dev/identiteiten.
  fetch('../dev/identiteiten', { headers: { accept: 'application/json' } })
    .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
    .then(function (b) {
      var lijst = b.identiteiten.filter(function (i) { return i.rol === 'beheerder' && !i.regio; });
      if (lijst.length === 0) return;
      lijst.forEach(function (i, n) {
        var o = document.createElement('option');
        o.value = String(n);
        o.textContent = i.label;
        $('identiteit').appendChild(o);
      });
      $('identiteit').addEventListener('change', function () {
        var i = lijst[Number($('identiteit').value)];
        if (i) meldAan(i.token);
      });
      $('kiezer').hidden = false;
    })
    .catch(function () { /* production: no development identities */ });
})();
