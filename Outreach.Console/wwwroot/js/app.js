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

// A message thread starts at its newest message and follows new ones only while the reader is at the
// bottom; someone scrolled up to read stays where they are.
window.outreach.followThread = function (list) {
  if (!list) { return; }
  var atBottom = true;
  list.scrollTop = list.scrollHeight;
  list.addEventListener('scroll', function () {
    atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  });
  new MutationObserver(function () {
    if (atBottom) { list.scrollTop = list.scrollHeight; }
  }).observe(list, { childList: true, subtree: true });
};

// Browser notifications for hot leads, only after the operator asked for them.
window.outreach.requestNotifications = function () {
  if (!('Notification' in window)) { return Promise.resolve(false); }
  if (Notification.permission === 'granted') { return Promise.resolve(true); }
  return Notification.requestPermission().then(function (p) { return p === 'granted'; });
};
window.outreach.notify = function (title, body, url) {
  if (!('Notification' in window) || Notification.permission !== 'granted') { return; }
  var note = new Notification(title, { body: body, tag: url });
  note.onclick = function () { window.focus(); location.href = url; };
};
// Report downloads: any element with data-oc-download fetches its URL as a stream, shows how much has arrived
// in the element named by data-oc-progress, and saves the file under the server's name. Plain JavaScript,
// not the circuit: a long export never waits on a Blazor call's timeout.
(function () {
  'use strict';

  function size(bytes) {
    return bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
  }

  function fileName(response, url) {
    var header = response.headers.get('Content-Disposition') || '';
    var match = /filename="?([^";]+)"?/i.exec(header);
    return match ? match[1] : url.split('?')[0].split('/').pop();
  }

  window.outreach = window.outreach || {};
  window.outreach.download = async function (url, progress) {
    var started = Date.now();
    var show = function (text) { if (progress) { progress.textContent = text; } };
    show('Preparing…');
    var response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (err) {
      show('The download failed: the server could not be reached.');
      return { ok: false };
    }
    if (!response.ok) {
      var body = {};
      try { body = await response.json(); } catch (err) { body = {}; }
      show(body.error || ('The download failed (' + response.status + ').'));
      return { ok: false, status: response.status };
    }
    var reader = response.body.getReader();
    var chunks = [];
    var received = 0;
    for (;;) {
      var next = await reader.read();
      if (next.done) { break; }
      chunks.push(next.value);
      received += next.value.length;
      show('Downloading… ' + size(received) + ' in ' + Math.round((Date.now() - started) / 1000) + ' s');
    }
    var blob = new Blob(chunks, { type: response.headers.get('Content-Type') || 'application/octet-stream' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName(response, url);
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 10000);
    show('Downloaded ' + link.download + ' (' + size(received) + ').');
    return { ok: true, bytes: received };
  };

  document.addEventListener('click', function (event) {
    var trigger = event.target.closest('[data-oc-download]');
    if (!trigger || trigger.disabled) { return; }
    event.preventDefault();
    var progress = trigger.dataset.ocProgress ? document.getElementById(trigger.dataset.ocProgress) : null;
    trigger.disabled = true;
    window.outreach.download(trigger.dataset.ocDownload, progress).finally(function () { trigger.disabled = false; });
  });
})();
