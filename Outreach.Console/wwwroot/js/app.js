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

// CSV upload for the import page: the file goes as the raw request body (streamed to disk by the
// server, never through the circuit), with the antiforgery token in a header and upload progress shown
// in the given element.
window.outreach = window.outreach || {};
window.outreach.uploadCsv = function (input, progress) {
  return new Promise(function (resolve) {
    var file = input && input.files && input.files[0];
    if (!file) { resolve({ ok: false, error: 'Choose a CSV file first.' }); return; }
    var token = document.querySelector('input[name="__RequestVerificationToken"]');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/prospects/import/upload?name=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'text/csv');
    if (token) { xhr.setRequestHeader('RequestVerificationToken', token.value); }
    xhr.upload.onprogress = function (e) {
      if (progress && e.lengthComputable) { progress.textContent = 'Uploading… ' + Math.round(e.loaded * 100 / e.total) + '%'; }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText || '{}'); } catch (err) { body = {}; }
      if (xhr.status === 200) { resolve({ ok: true, importId: body.importId, url: body.url }); }
      else { resolve({ ok: false, error: body.error || ('Upload failed (' + xhr.status + ').') }); }
    };
    xhr.onerror = function () { resolve({ ok: false, error: 'The upload was interrupted.' }); };
    xhr.send(file);
  });
};
