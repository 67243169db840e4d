/* A story's picture gallery. Each thumbnail is a link to the picture at full
   size, which works without this script. With it, the picture opens in a modal
   <dialog> with its caption; the buttons, the arrow keys and a sideways swipe
   show the previous and the next one, and Escape or the close button goes back
   to the thumbnail of the picture last shown. The buttons' labels come from the
   gallery's data- attributes, in the page's language. */
(function () {
  "use strict";

  var SWIPE_DISTANCE = 50; // CSS pixels sideways, and more sideways than down

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function button(className, label) {
    var node = element("button", "button button--secondary " + className, label);
    node.type = "button";
    return node;
  }

  function init(root) {
    var links = Array.prototype.slice.call(root.querySelectorAll("[data-gallery-item]"));
    var dialog = element("dialog", "gallery-dialog");
    if (!links.length || typeof dialog.showModal !== "function") { return; }

    var inner = element("div", "gallery-dialog__inner");
    var close = button("gallery-dialog__close", root.getAttribute("data-close-label"));
    var figure = element("figure", "gallery-dialog__figure");
    var picture = element("picture");
    var source = element("source");
    var image = element("img", "gallery-dialog__image");
    var caption = element("figcaption", "gallery-dialog__caption");
    var nav = element("div", "gallery-dialog__nav");
    var previous = button("gallery-dialog__previous", root.getAttribute("data-previous-label"));
    var position = element("p", "gallery-dialog__position");
    var next = button("gallery-dialog__next", root.getAttribute("data-next-label"));
    var positionLabel = root.getAttribute("data-position-label") || "{current} / {total}";
    var current = 0;

    dialog.setAttribute("aria-label", root.getAttribute("data-label") || "");
    source.type = "image/webp";
    position.setAttribute("role", "status");
    picture.appendChild(source);
    picture.appendChild(image);
    figure.appendChild(picture);
    figure.appendChild(caption);
    nav.appendChild(previous);
    nav.appendChild(position);
    nav.appendChild(next);
    inner.appendChild(close);
    inner.appendChild(figure);
    inner.appendChild(nav);
    dialog.appendChild(inner);
    root.appendChild(dialog);
    previous.hidden = next.hidden = links.length < 2;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumbnail = link.querySelector("img");
      var text = link.parentNode.querySelector("figcaption");
      source.srcset = link.getAttribute("data-webp") || link.href;
      image.src = link.href;
      image.alt = thumbnail ? thumbnail.alt : "";
      // The picture's size keeps its shape while it loads (the CSS scales it).
      image.setAttribute("width", link.getAttribute("data-width") || "");
      image.setAttribute("height", link.getAttribute("data-height") || "");
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !text;
      position.textContent = positionLabel
        .replace("{current}", String(current + 1))
        .replace("{total}", String(links.length));
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        // A new tab or window with a modifier key or the middle button, as usual.
        if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        show(index);
        dialog.showModal();
      });
    });

    close.addEventListener("click", function () { dialog.close(); });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.addEventListener("close", function () { links[current].focus(); });
    // A click on the backdrop lands on the dialog itself, not on its content.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) { return; }
      if (event.key === "ArrowLeft" || event.key === "Left") {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight" || event.key === "Right") {
        event.preventDefault();
        show(current + 1);
      }
    });

    // Swipes: the stylesheet leaves only vertical panning to the browser
    // (touch-action), so a sideways finger reaches us without a pointercancel.
    var start = null;
    function begin(x, y) { start = { x: x, y: y }; }
    function end(x, y) {
      if (!start) { return; }
      var dx = x - start.x;
      var dy = y - start.y;
      start = null;
      if (Math.abs(dx) >= SWIPE_DISTANCE && Math.abs(dx) > Math.abs(dy)) {
        show(dx < 0 ? current + 1 : current - 1);
      }
    }
    if (window.PointerEvent) {
      dialog.addEventListener("pointerdown", function (event) {
        if (event.pointerType !== "mouse" && event.isPrimary) { begin(event.clientX, event.clientY); }
      });
      dialog.addEventListener("pointerup", function (event) {
        if (event.isPrimary) { end(event.clientX, event.clientY); }
      });
      dialog.addEventListener("pointercancel", function () { start = null; });
    } else {
      dialog.addEventListener("touchstart", function (event) {
        var touch = event.changedTouches[0];
        begin(touch.clientX, touch.clientY);
      });
      dialog.addEventListener("touchend", function (event) {
        var touch = event.changedTouches[0];
        end(touch.clientX, touch.clientY);
      });
    }
  }

  document.querySelectorAll("[data-gallery]").forEach(init);
})();
