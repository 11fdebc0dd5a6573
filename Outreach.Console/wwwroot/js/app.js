// Reconnect experience. blazor.web.js (ASP.NET Core 9 client) toggles classes on #components-reconnect-modal;
// this wires its buttons and reloads automatically when the server no longer knows the circuit
// (for example after the node restarted), since a rejected circuit cannot be resumed.
(function () {
  'use strict';

  function modal() { return document.getElementById('components-reconnect-modal'); }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-oc-action]');
    if (!button) { return; }
    if (button.dataset.ocAction === 'reload') {
      location.reload();
    } else if (button.dataset.ocAction === 'retry' && window.Blazor && typeof window.Blazor.reconnect === 'function') {
      window.Blazor.reconnect().then(function (ok) { if (!ok) { location.reload(); } });
    }
  });

  var reloadScheduled = false;
  function watch(element) {
    new MutationObserver(function () {
      if (element.classList.contains('components-reconnect-rejected') && !reloadScheduled) {
        reloadScheduled = true;
        setTimeout(function () { location.reload(); }, 1500);
      }
    }).observe(element, { attributes: true, attributeFilter: ['class'] });
  }

  function start() {
    var element = modal();
    if (element) { watch(element); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
