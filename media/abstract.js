// The abstract page's only script. It reads no data into the page: it turns clicks and keys into
// messages ({ type: 'action', action } or { type: 'open', paperId }) that the extension validates.
/* global acquireVsCodeApi, document, Element */
(function () {
  const vscode = acquireVsCodeApi();
  const paperId = document.body.dataset.paperId;
  // The panel's history goes into the state too, so Back still works after a window reload (the
  // extension checks every id in it before using it).
  let history;
  try {
    history = JSON.parse(document.body.dataset.history || '[]');
  } catch {
    history = [];
  }
  vscode.setState({ paperId, history, position: Number(document.body.dataset.position ?? -1) });
  // After following a link, Back or Forward the page is new: start reading (and tabbing) at its title.
  if (document.body.dataset.focus === 'title') document.getElementById('title')?.focus();

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action], [data-paper-id]') : null;
    if (!target || target.hasAttribute('disabled') || target === document.body) return;
    event.preventDefault();
    if (target.dataset.action) vscode.postMessage({ type: 'action', action: target.dataset.action, paperId });
    else if (target.dataset.paperId) vscode.postMessage({ type: 'open', paperId: target.dataset.paperId });
  });

  document.addEventListener('keydown', (event) => {
    if (event.altKey && event.key === 'ArrowLeft') vscode.postMessage({ type: 'action', action: 'back', paperId });
    if (event.altKey && event.key === 'ArrowRight') vscode.postMessage({ type: 'action', action: 'forward', paperId });
  });
})();
