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
    b.setAttribute('aria-label', title);
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
