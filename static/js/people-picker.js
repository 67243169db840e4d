// The people picker: under a text box of names, a search box suggests
// colleagues by name or unit (a <datalist>), and "Legg til" adds the chosen
// one on a new line. The text box stays what is sent; without this script it
// is used as it is. See intranet/composer/people_forms.py.
(function () {
  "use strict";
  document.querySelectorAll("[data-people-picker]").forEach(function (picker) {
    var names = document.getElementById(picker.getAttribute("data-people-picker"));
    var search = picker.querySelector("input[type=search]");
    var add = picker.querySelector("button");
    var list = picker.querySelector("datalist");
    var status = picker.querySelector("[role=status]");
    var url = picker.getAttribute("data-url");
    var timer = null;
    var asked = "";
    if (!names || !search || !add || !list || !url) {
      return;
    }
    picker.hidden = false;

    function suggest() {
      var query = search.value.trim();
      if (query.length < 2 || query === asked) {
        return;
      }
      asked = query;
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (query !== asked) {
            return;
          }
          list.replaceChildren();
          data.results.forEach(function (person) {
            var option = document.createElement("option");
            option.value = person.label;
            option.textContent = person.unit ? person.label + ", " + person.unit : person.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }

    function addPerson() {
      var chosen = search.value.trim();
      if (!chosen) {
        return;
      }
      var lines = names.value.split(/[\n,;]+/).map(function (line) {
        return line.trim();
      }).filter(Boolean);
      if (lines.indexOf(chosen) === -1) {
        lines.push(chosen);
      }
      names.value = lines.join("\n");
      search.value = "";
      status.textContent = (picker.getAttribute("data-added") || "+") + ": " + chosen;
      search.focus();
    }

    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 250);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter adds the person instead of sending the whole form.
        event.preventDefault();
        addPerson();
      }
    });
    add.addEventListener("click", addPerson);
  });
})();
