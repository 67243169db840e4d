// Suggestions under the header's search box as people type: pages, people,
// units, topics and cases from /sok/forslag/, in a listbox the box controls
// (the WAI-ARIA combobox pattern with a grouped listbox). Arrow keys move
// through the suggestions, Enter opens the chosen one and Enter without a
// choice searches as before; Escape closes the list. Without this script the
// box is a plain search field that submits to /sok/.
(function () {
  "use strict";
  var DELAY = 150;
  var MIN_LETTERS = 2;

  document.querySelectorAll("form[data-suggest-url]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    if (!input || !window.fetch) {
      return;
    }
    var url = form.getAttribute("data-suggest-url");
    var prefix = input.id || "site-search";
    var listbox = document.createElement("div");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;
    var asked = null;

    listbox.id = prefix + "-suggestions";
    listbox.className = "suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", form.getAttribute("data-suggest-label"));
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("site-search--suggest");
    form.appendChild(listbox);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    function announce(count) {
      var text;
      if (count === 0) {
        text = form.getAttribute("data-suggest-none");
      } else if (count === 1) {
        text = form.getAttribute("data-suggest-one");
      } else {
        text = form.getAttribute("data-suggest-many").replace("{count}", count);
      }
      status.textContent = text;
    }

    function choose(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!options.length) {
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      choose(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function go(option) {
      window.location.assign(option.getAttribute("data-url"));
    }

    function show(groups) {
      listbox.replaceChildren();
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      groups.forEach(function (group, groupIndex) {
        var box = document.createElement("div");
        var heading = document.createElement("div");
        heading.id = prefix + "-group-" + groupIndex;
        heading.className = "suggest__heading";
        heading.setAttribute("role", "presentation");
        heading.textContent = group.label;
        box.setAttribute("role", "group");
        box.setAttribute("aria-labelledby", heading.id);
        box.appendChild(heading);
        group.items.forEach(function (item) {
          var option = document.createElement("div");
          var label = document.createElement("span");
          option.id = prefix + "-option-" + options.length;
          option.className = "suggest__option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.setAttribute("data-url", item.url);
          label.className = "suggest__label";
          label.textContent = item.label;
          option.appendChild(label);
          if (item.detail) {
            var detail = document.createElement("span");
            detail.className = "suggest__detail";
            detail.textContent = item.detail;
            option.appendChild(document.createTextNode(" "));
            option.appendChild(detail);
          }
          box.appendChild(option);
          options.push(option);
        });
        listbox.appendChild(box);
      });
      announce(options.length);
      if (options.length) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LETTERS) {
        asked = null;
        show([]);
        status.textContent = "";
        return;
      }
      if (query === asked) {
        open();
        return;
      }
      asked = query;
      if (pending) {
        pending.abort();
      }
      pending = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: pending ? pending.signal : undefined
      })
        .then(function (response) {
          return response.ok ? response.json() : { groups: [] };
        })
        .then(function (data) {
          if (query === asked && document.activeElement === input) {
            show(data.groups || []);
          }
        })
        .catch(function () {
          // Aborted by a newer request, or offline: searching still works.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !listbox.hidden;
      if (event.key === "ArrowDown") {
        if (!options.length) {
          return;
        }
        event.preventDefault();
        open();
        choose(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!options.length) {
          return;
        }
        event.preventDefault();
        open();
        choose(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    // Keep the focus in the box while an option is clicked.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        go(option);
      }
    });
  });
})();
