// Holdfast's page glue: CSRF header on every htmx request. The live-update client lives in live.js.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });
})();
