// The composer: one press of a button sends the form once, and a long text
// is not sent twice by an impatient double-click. The server refuses a second
// sending too (a token per form); this only spares the round trip.
(function () {
  "use strict";
  document.querySelectorAll("form[data-composer]").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
        return;
      }
      sent = true;
      form.setAttribute("aria-busy", "true");
    });
  });
  var focusFirst = document.getElementById("form-errors") || document.getElementById("preview");
  if (focusFirst) {
    focusFirst.focus();
  }
})();
