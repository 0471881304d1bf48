/* Page support for the course website (added by _ext/page_scripts.py).
 *
 * 1. The ipywidgets renderer typesets widget labels with MathJax 2's
 *    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]). The site loads
 *    MathJax 3, which has no Hub: give the MathJax 3 object a Hub whose Queue
 *    typesets the element with MathJax 3, once MathJax has started.
 * 2. Figures that a widget draws (an Output widget showing a Matplotlib
 *    figure) come without alt text: give each one an alt text that names the
 *    explorer's controls and their saved values.
 */
(function () {
  "use strict";

  function addHub(mathjax) {
    if (mathjax && typeof mathjax === "object" && mathjax.version && !mathjax.Hub) {
      mathjax.Hub = {
        Queue: function (job) {
          var element = Array.isArray(job) ? job[2] : undefined;
          var ready = mathjax.startup && mathjax.startup.promise ? mathjax.startup.promise : Promise.resolve();
          ready.then(function () {
            if (mathjax.typesetPromise) {
              return mathjax.typesetPromise(element ? [element] : undefined);
            }
          }).catch(function (error) { console.warn("MathJax could not typeset a widget label:", error); });
        },
      };
    }
    return mathjax;
  }

  var current = addHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) { current = addHub(value); },
  });

  function controlsOf(image) {
    var box = image.closest(".widget-vbox, .widget-hbox, .widget-box") || image.closest(".jupyter-widgets");
    while (box && box.parentElement && box.parentElement.closest(".widget-vbox, .widget-hbox, .widget-box")) {
      box = box.parentElement.closest(".widget-vbox, .widget-hbox, .widget-box");
    }
    if (!box) { return []; }
    var parts = [];
    box.querySelectorAll(".widget-inline-hbox").forEach(function (control) {
      var label = control.querySelector(".widget-label");
      var readout = control.querySelector(".widget-readout, input, select, .widget-toggle-button.mod-active");
      var name = label ? label.textContent.trim() : "";
      var value = "";
      if (readout) { value = (readout.value !== undefined ? readout.value : readout.textContent) || readout.textContent || ""; }
      value = String(value).trim();
      if (name || value) { parts.push(name && value ? name + " = " + value : name || value); }
    });
    return parts;
  }

  function describe(root) {
    root.querySelectorAll(".jupyter-widgets img:not([alt]), .jupyter-widgets img[alt='']").forEach(function (image) {
      var controls = controlsOf(image);
      image.alt = controls.length
        ? "Figure drawn by the explorer for " + controls.join(", ")
        : "Figure drawn by the interactive explorer";
    });
  }

  function watch() {
    describe(document);
    new MutationObserver(function () { describe(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
