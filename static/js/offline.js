// Installable and offline reading (intranet.offline). Registers the service
// worker (/sw.js) that keeps the pages a person reads, forgets everything it kept
// when the person presses «Logg ut» (the logout response says so too, with
// Clear-Site-Data), and on the offline page lists the pages that can be read
// without a network. Without this script, or in a browser without service
// workers, the intranet works as before, online only. What is kept and for how
// long: intranet/offline/policy.py.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches) {
    return;
  }
  var logoutPath = script.getAttribute("data-logout");

  window.addEventListener("load", function () {
    navigator.serviceWorker
      .register(script.getAttribute("data-worker"), { scope: "/" })
      .catch(function () {
        // No worker (private mode, a full disk): the pages work online only.
      });
  });

  function forgetEverything() {
    var cachesGone = caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    });
    var workersGone = navigator.serviceWorker.getRegistrations().then(function (all) {
      return Promise.all(all.map(function (registration) { return registration.unregister(); }));
    });
    return Promise.all([cachesGone, workersGone]);
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (new URL(form.action, location.href).pathname !== logoutPath) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var sent = false;
      function send() {
        if (!sent) {
          sent = true;
          form.submit();
        }
      }
      forgetEverything().then(send, send);
      // Logging out never waits long for the browser's storage.
      window.setTimeout(send, 2000);
    });
  });

  var saved = document.querySelector("[data-offline-saved]");
  if (saved) {
    listSavedPages(saved);
  }

  // The offline page: links to the stored pages, most recently read first,
  // titled with their own heading.
  function listSavedPages(section) {
    var skip = section.getAttribute("data-offline-skip");
    var frontPage = section.getAttribute("data-offline-front-page");
    var list = section.querySelector("ul");
    caches.open(section.getAttribute("data-offline-saved")).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.reverse().map(function (request) {
          var path = new URL(request.url).pathname;
          if (path === skip) {
            return null;
          }
          return cache.match(request, { ignoreVary: true }).then(function (response) {
            return response.text();
          }).then(function (html) {
            var page = new DOMParser().parseFromString(html, "text/html");
            var heading = page.querySelector("main h1");
            var title = path === "/" ? frontPage : heading ? heading.textContent : page.title;
            return { path: path, title: title.trim() };
          });
        }));
      });
    }).then(function (pages) {
      pages.forEach(function (page) {
        if (!page || !page.title) {
          return;
        }
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.path;
        link.textContent = page.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      section.hidden = list.children.length === 0;
    }).catch(function () {
      // Nothing to list: the page says what it can without the list.
    });
  }
}());
