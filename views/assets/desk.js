// The desk's own small enhancements, on top of forms that work without JavaScript.
//
// A form marked data-busy="Signing in…" says it is working once sent (in its role=status
// [data-busy-status] element, announced to screen readers) and refuses to be sent a second time
// while the first is on its way. Coming back to the page (the back button) makes it usable again.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-busy')) return;
    if (form.getAttribute('aria-busy') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('aria-busy', 'true');
    var status = form.querySelector('[data-busy-status]');
    if (status) status.textContent = form.getAttribute('data-busy');
    form.querySelectorAll('button[type="submit"]').forEach(function (button) {
      button.setAttribute('aria-disabled', 'true');
    });
  });
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-busy][aria-busy="true"]').forEach(function (form) {
      form.removeAttribute('aria-busy');
      var status = form.querySelector('[data-busy-status]');
      if (status) status.textContent = '';
      form.querySelectorAll('button[aria-disabled="true"]').forEach(function (button) {
        button.removeAttribute('aria-disabled');
      });
    });
  });
})();
