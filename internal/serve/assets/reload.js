// attache serve: live reload and build-error overlay. Injected by the
// development server only; never part of a build.
(function () {
  'use strict';
  if (window.__attacheServe) return;
  window.__attacheServe = true;

  var ID = '__attache-overlay';
  var page = { server: '', gen: 0, seq: 0, errors: [] };
  try {
    var el = document.getElementById('__attache-state');
    if (el) page = JSON.parse(el.textContent);
  } catch (e) { /* no state: wait for the events */ }
  page.gen = page.gen || 0;
  page.seq = page.seq || 0;

  var reloading = false;
  var live = false; // a state came from the server since the page loaded
  // For tests and the curious: is this tab hearing from the server?
  window.__attacheLive = function () { return live; };
  function reload() {
    if (reloading) return;
    reloading = true;
    location.reload();
  }

  // onState decides from the server's state: another server process or a
  // newer good build means reload; a newer state of the same build shows
  // or clears the errors. Older states (replayed by the worker) are ignored.
  function onState(s) {
    if (!s || typeof s !== 'object' || reloading) return;
    live = true;
    if (page.server && s.server !== page.server) { reload(); return; }
    if (!page.server) page.server = s.server;
    if (s.seq <= page.seq) return;
    if (s.gen > page.gen) { reload(); return; }
    page.seq = s.seq;
    if (s.errors && s.errors.length) show(s.errors); else hide();
  }

  function hide() {
    var o = document.getElementById(ID);
    if (o) o.parentNode.removeChild(o);
  }

  // show draws the errors with textContent only: messages quote the
  // sources and must never become markup.
  function show(errors) {
    hide();
    var o = document.createElement('div');
    o.id = ID;
    o.setAttribute('role', 'alert');
    o.setAttribute('aria-labelledby', ID + '-title');
    // The page may be right-to-left; paths and messages read left to right.
    o.setAttribute('dir', 'ltr');
    o.setAttribute('lang', 'en');
    o.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
      'background:rgba(20,20,20,.55);padding:4vh 4vw;box-sizing:border-box;' +
      'text-align:left;unicode-bidi:isolate;font:16px/1.5 system-ui,sans-serif;';
    var box = document.createElement('div');
    box.style.cssText = 'max-width:60rem;margin:0 auto;background:#fff;color:#1a1a1a;' +
      'border-top:6px solid #c62828;border-radius:4px;padding:1.25rem 1.5rem;' +
      'box-shadow:0 8px 30px rgba(0,0,0,.35);';
    var h = document.createElement('h2');
    h.id = ID + '-title';
    h.style.cssText = 'margin:0 0 .5rem;font-size:1.25rem;color:#b71c1c;';
    h.textContent = 'The site did not build: ' + errors.length +
      (errors.length === 1 ? ' error' : ' errors');
    var p = document.createElement('p');
    p.style.cssText = 'margin:0 0 1rem;';
    p.textContent = 'This page is the last good build. Fix the file and save; the page reloads by itself.';
    var ul = document.createElement('ul');
    ul.style.cssText = 'margin:0 0 1rem;padding:0;list-style:none;';
    for (var i = 0; i < errors.length; i++) {
      var d = errors[i];
      var li = document.createElement('li');
      li.className = '__attache-error';
      li.style.cssText = 'margin:0 0 .75rem;padding:.5rem .75rem;background:#fdecea;border-radius:3px;';
      if (d.file) {
        var loc = document.createElement('code');
        loc.setAttribute('dir', 'ltr');
        loc.style.cssText = 'display:block;font:600 .9rem/1.4 ui-monospace,monospace;word-break:break-all;';
        loc.textContent = d.file + (d.line ? ':' + d.line + (d.col ? ':' + d.col : '') : '');
        li.appendChild(loc);
      }
      var msg = document.createElement('span');
      msg.style.cssText = 'white-space:pre-wrap;';
      msg.textContent = d.message;
      li.appendChild(msg);
      ul.appendChild(li);
    }
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.style.cssText = 'font:inherit;padding:.4rem 1rem;cursor:pointer;';
    var before = document.activeElement;
    close.addEventListener('click', function () {
      hide();
      if (before && before.focus) before.focus();
    });
    o.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { close.click(); }
    });
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(ul);
    box.appendChild(close);
    o.appendChild(box);
    (document.body || document.documentElement).appendChild(o);
    close.focus();
  }

  var TYPES = ['hello', 'reload', 'error', 'clear'];

  // Browsers allow six HTTP/1.1 connections per host, and an event stream
  // holds one for as long as the tab is open: tabs share one stream through
  // a SharedWorker where there is one.
  function connect() {
    if (typeof SharedWorker === 'function') {
      try {
        var w = new SharedWorker('/__attache/worker.js', { name: 'attache-serve' });
        w.port.onmessage = function (e) { onState(e.data); };
        w.port.start();
        window.addEventListener('pagehide', function () { w.port.postMessage('bye'); });
        // Back from the back-forward cache the port is gone: start afresh.
        window.addEventListener('pageshow', function (e) { if (e.persisted) location.reload(); });
        return;
      } catch (e) { /* fall back to a stream of our own */ }
    }
    stream();
  }

  function stream() {
    var es = new EventSource('/__attache/events');
    TYPES.forEach(function (t) {
      es.addEventListener(t, function (e) {
        try { onState(JSON.parse(e.data)); } catch (x) { /* ignore a bad event */ }
      });
    });
    es.onerror = function () {
      // A browser stops retrying on some failures; retry ourselves so a
      // restarted server is found again.
      if (es.readyState === 2) { es.close(); setTimeout(stream, 1000); }
    };
  }

  if (page.errors && page.errors.length) show(page.errors);
  connect();
})();
