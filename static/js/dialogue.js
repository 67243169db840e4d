/* Comments and reactions without a page reload. The forms work without this
   script; it only sends them with fetch and updates the area in place. */
(function () {
  "use strict";

  function announce(root, message) {
    var status = root.querySelector("[data-dialogue-status]");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message || ""; }, 50);
    }
  }

  function updateReactions(root, reactions) {
    reactions.forEach(function (reaction) {
      var button = root.querySelector('button[data-kind="' + reaction.kind + '"]');
      if (!button) { return; }
      button.setAttribute("aria-pressed", reaction.mine ? "true" : "false");
      button.classList.toggle("reaction--mine", reaction.mine);
      var count = button.querySelector("[data-count]");
      if (count) { count.textContent = String(reaction.count); }
    });
  }

  function replaceArea(root, html, anchor) {
    var area = root.querySelector("[data-dialogue-area]");
    if (!area) { return; }
    area.innerHTML = html;
    var target = anchor ? document.getElementById(anchor) : null;
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }

  function send(root, form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    if (submitter) { submitter.disabled = true; }
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (payload) {
        if (submitter) { submitter.disabled = false; }
        announce(root, payload.message);
        if (!payload.ok) { return; }
        if (payload.reactions) {
          updateReactions(root, payload.reactions);
        } else if (payload.html) {
          replaceArea(root, payload.html, payload.anchor);
        }
      });
    }).catch(function () {
      // No answer we understand: send the form the ordinary way.
      if (submitter) { submitter.disabled = false; }
      form.submit();
    });
  }

  function init(root) {
    root.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("[data-dialogue-form]")) { return; }
      event.preventDefault();
      send(root, form, event.submitter || null);
    });
  }

  document.querySelectorAll("[data-dialogue]").forEach(init);
})();
