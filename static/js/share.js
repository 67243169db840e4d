// Sharing a story. On its sharing page ("Del"), buttons that copy a suggested
// text or a link; without JavaScript they stay hidden and the text is
// selectable in its read-only field. In the team's form for the suggested
// texts, a count of the characters left under each text; without JavaScript
// the limit is said beside the field and the server refuses a longer text.
(function () {
  "use strict";

  function selectAll(field) {
    field.focus();
    field.select();
  }

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Plain http (a test server): the older way, on the selected text.
    selectAll(field);
    return document.execCommand && document.execCommand("copy")
      ? Promise.resolve()
      : Promise.reject(new Error("copy"));
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      copy(field).then(
        function () {
          status.textContent = button.getAttribute("data-copied");
        },
        function () {
          selectAll(field);
          status.textContent = button.getAttribute("data-copy-failed");
        }
      );
    });
  });

  // Characters as the server counts them: code points, a line break one.
  function length(text) {
    return Array.from(text).length;
  }

  document.querySelectorAll("textarea[data-share-limit]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("data-share-limit"), 10);
    var left = field.getAttribute("data-share-left") || "{count}";
    var over = field.getAttribute("data-share-over") || "-{count}";
    // Seen at once; screen readers hear it a moment after typing stops.
    var shown = document.createElement("p");
    var spoken = document.createElement("p");
    var timer = null;
    if (!limit) {
      return;
    }
    shown.className = "share-count";
    shown.setAttribute("aria-hidden", "true");
    spoken.className = "w-sr-only visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", spoken);
    field.insertAdjacentElement("afterend", shown);

    function message() {
      var excess = length(field.value) - limit;
      return (excess > 0 ? over : left).replace("{count}", String(Math.abs(excess)));
    }

    function show() {
      var excess = length(field.value) - limit;
      shown.textContent = message();
      shown.style.fontWeight = excess > 0 ? "bold" : "";
    }

    show();
    field.addEventListener("input", function () {
      show();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        spoken.textContent = message();
      }, 1000);
    });
  });
})();
