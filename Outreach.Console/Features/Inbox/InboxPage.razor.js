// The inbox's keyboard, on the browser side. Which keys do what is decided by InboxKeyMap (C#): the page hands
// over the keys it wants; "/", "r" and Escape only move the focus, so they need no round trip. A key typed into a
// text box, a list, a menu or a dialog belongs to that control, never to the inbox.
let target = null;
let serverKeys = [];

function typing(element) {
  if (!element || element === document.body) { return false; }
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable ||
    !!element.closest('[role="listbox"], [role="combobox"], [role="menu"], [role="dialog"], [role="alertdialog"]');
}

// Enter activates a focused button or link as usual; it opens the highlighted conversation only otherwise.
function ownsEnter(element) {
  return !!element && element !== document.body &&
    !!element.closest('button, a[href], input, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="checkbox"]');
}

function dialogOpen() {
  return !!document.querySelector('[role="dialog"], [role="alertdialog"]');
}

function onKey(event) {
  if (!target || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
  if (dialogOpen()) { return; }
  if (typing(event.target)) {
    if (event.key === 'Escape') { event.target.blur(); }
    return;
  }
  if (event.key === '/') {
    const search = document.getElementById('inbox-search');
    if (search) { event.preventDefault(); search.focus(); search.select(); }
    return;
  }
  if (event.key === 'r') {
    const compose = document.querySelector('[data-testid="conversation-pane"] [data-testid="compose"]');
    if (compose) { event.preventDefault(); compose.focus(); }
    return;
  }
  if (event.key === 'Enter' && ownsEnter(event.target)) { return; }
  if (serverKeys.indexOf(event.key) < 0) { return; }
  // Moving through the list takes the keyboard back from a button clicked before (a tab, the pager), so that
  // Enter then opens the highlighted conversation.
  if ((event.key === 'j' || event.key === 'k') && event.target.matches && event.target.matches('button, a')) { event.target.blur(); }
  event.preventDefault();
  target.invokeMethodAsync('OnShortcutAsync', event.key).then(revealCursor, function () { });
}

function revealCursor() {
  reveal('[data-testid="conversation-row"][data-cursor="true"]');
}

export function attach(dotnet, keys) {
  target = dotnet;
  serverKeys = keys || [];
  document.removeEventListener('keydown', onKey);
  document.addEventListener('keydown', onKey);
}

export function detach() {
  target = null;
  document.removeEventListener('keydown', onKey);
}

// Brings a row back into view in its own scrolling list (after j/k, or back from a conversation on a phone).
export function reveal(selector) {
  const element = document.querySelector(selector);
  if (element) { element.scrollIntoView({ block: 'nearest' }); }
}
