// attache serve: one event stream shared by every tab of the site.
// Each message to a tab is the server's state as the stream delivered it;
// a tab that connects late gets the latest one.
'use strict';
var ports = [];
var last = null;
var TYPES = ['hello', 'reload', 'error', 'clear'];

function broadcast(s) {
  last = s;
  for (var i = 0; i < ports.length; i++) ports[i].postMessage(s);
}

function open() {
  var es = new EventSource('/__attache/events');
  TYPES.forEach(function (t) {
    es.addEventListener(t, function (e) {
      try { broadcast(JSON.parse(e.data)); } catch (x) { /* ignore a bad event */ }
    });
  });
  es.onerror = function () {
    // Disconnected: what we know may be stale by the time a tab asks.
    last = null;
    if (es.readyState === 2) { es.close(); setTimeout(open, 1000); }
  };
}

self.onconnect = function (e) {
  var port = e.ports[0];
  ports.push(port);
  port.onmessage = function (m) {
    if (m.data === 'bye') {
      var i = ports.indexOf(port);
      if (i >= 0) ports.splice(i, 1);
    }
  };
  port.start();
  if (last) port.postMessage(last);
};

open();
