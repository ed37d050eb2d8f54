// attache default theme: text-size (A- A A+) and high-contrast controls.
// The choice is kept in localStorage so it holds across pages. Without
// JavaScript the controls are simply absent and every page still works.
(function () {
  'use strict';
  var root = document.documentElement;
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, v) { try { if (v) { localStorage.setItem(key, v); } else { localStorage.removeItem(key); } } catch (e) { /* private mode */ } }
  function apply() {
    var size = get('attache-text-size');
    if (size) { root.setAttribute('data-text-size', size); } else { root.removeAttribute('data-text-size'); }
    if (get('attache-contrast') === 'high') { root.setAttribute('data-contrast', 'high'); } else { root.removeAttribute('data-contrast'); }
  }
  apply();
  var host = document.querySelector('.site-header > .wrap');
  var labels = document.getElementById('a11y-labels');
  if (!host || !labels) { return; }
  var box = document.createElement('div');
  box.className = 'a11y-controls';
  box.dir = 'ltr'; // "A+" must not turn into "+A" on right-to-left pages
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', labels.getAttribute('data-text-size'));
  function button(text, title, onclick, pressed) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.title = title;
    // The accessible name starts with the visible text ("A+ Larger text"):
    // speech-input users say what they see (WCAG 2.5.3, label in name).
    b.setAttribute('aria-label', /\w/.test(text) ? text + ' ' + title : title);
    b.setAttribute('aria-pressed', pressed() ? 'true' : 'false');
    b.addEventListener('click', function () {
      onclick();
      apply();
      Array.prototype.forEach.call(box.querySelectorAll('button'), function (x) { x._sync(); });
    });
    b._sync = function () { b.setAttribute('aria-pressed', pressed() ? 'true' : 'false'); };
    box.appendChild(b);
  }
  button('A-', labels.getAttribute('data-smaller'), function () { set('attache-text-size', 'small'); }, function () { return get('attache-text-size') === 'small'; });
  button('A', labels.getAttribute('data-default'), function () { set('attache-text-size', ''); }, function () { return !get('attache-text-size'); });
  button('A+', labels.getAttribute('data-larger'), function () { set('attache-text-size', 'large'); }, function () { return get('attache-text-size') === 'large'; });
  button('◐', labels.getAttribute('data-contrast'), function () { set('attache-contrast', get('attache-contrast') === 'high' ? '' : 'high'); }, function () { return get('attache-contrast') === 'high'; });
  host.appendChild(box);
})();

// Version switcher: lists what /versions.json publishes (the current site
// and the kept releases under v/<version>/, see internal/archive), each
// entry linking to this page in that version. The header's placeholder
// stays hidden without JavaScript, and when no release is published.
(function () {
  'use strict';
  var box = document.querySelector('.version-switcher[data-root]');
  if (!box || !window.fetch || !window.URL || /\bkind-404\b/.test(document.body.className)) { return; }
  var here = new URL(location.href);
  // The root of the tree this page belongs to (the site, or a release
  // under v/<version>/), and the site's root, which an archived page's
  // notice names.
  var treeRoot = new URL(box.getAttribute('data-root'), here);
  var notice = document.querySelector('.archived-notice[data-site-root]');
  var siteRoot = notice ? new URL(notice.getAttribute('data-site-root'), here) : treeRoot;
  var shown = notice ? notice.getAttribute('data-version') : null;
  var rest = here.pathname.indexOf(treeRoot.pathname) === 0 ? here.pathname.slice(treeRoot.pathname.length) : '';
  var lang = document.documentElement.lang;
  function date(s) {
    try { return new Date(s).toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' }); } catch (e) { return s.slice(0, 10); }
  }
  fetch(new URL('versions.json', siteRoot).href).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data || !data.versions || !data.versions.length) { return; }
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = box.getAttribute('data-label') + (shown ? ': ' + shown : '');
    details.appendChild(summary);
    var list = document.createElement('ul');
    function item(text, entry, current) {
      var li = document.createElement('li');
      var el = document.createElement(current ? 'span' : 'a');
      el.textContent = text;
      if (current) {
        el.setAttribute('aria-current', 'page');
      } else {
        var page = (entry.languages || []).indexOf(lang) >= 0 ? rest : '';
        el.href = new URL(entry.path + page, siteRoot).href;
      }
      li.appendChild(el);
      list.appendChild(li);
    }
    var cur = data.current || { path: './', languages: [] };
    item(box.getAttribute('data-current') + (cur.version ? ' (' + cur.version + ')' : ''), cur, !shown);
    data.versions.forEach(function (v) {
      item(v.version + (v.date ? ' · ' + date(v.date) : ''), v, v.version === shown);
    });
    details.appendChild(list);
    box.appendChild(details);
    box.hidden = false;
  }).catch(function () { /* no versions.json: no switcher */ });
})();
