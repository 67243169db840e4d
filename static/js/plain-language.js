// The plain-language advice beside a text, again a moment after the person
// stops typing. Without JavaScript the advice is the server's for the text as
// last sent. It is advice, never a check: a failed request keeps the last one.
(function () {
  "use strict";
  document.querySelectorAll("[data-plain-language-url]").forEach(function (panel) {
    var form = document.getElementById(panel.getAttribute("data-plain-language-form"));
    var body = panel.querySelector("[data-plain-language-body]");
    if (!form || !body || !window.fetch) {
      return;
    }
    var fields = (panel.getAttribute("data-plain-language-fields") || "").split(" ");
    var timer = null;
    var running = null;

    function refresh() {
      var data = new FormData();
      fields.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") {
          data.append(name, field.value);
        }
      });
      var token = form.elements.csrfmiddlewaretoken;
      if (running) {
        running.abort();
      }
      running = new AbortController();
      fetch(panel.getAttribute("data-plain-language-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
        signal: running.signal
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (result) {
          // The server's own rendering of the panel (escaped by the template).
          body.innerHTML = result.html;
        })
        .catch(function () {});
    }

    form.addEventListener("input", function (event) {
      if (fields.indexOf(event.target.name) === -1) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 800);
    });
  });
})();
