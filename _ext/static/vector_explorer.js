/* The vector explorer (appendix "Vector explorer"; added by _ext/vector_explorer.py).
 *
 * Loads _static/vector_explorer_data.js (written by lib.book.vector_explorer):
 * for each engine, int8 codes (N, d) in base64 and d float32 scales. It answers
 * queries as gensim's KeyedVectors.most_similar does, in float64:
 *   x̂_w = float32(code · scale)            (the dequantised vectors)
 *   m   = Σ_i weight_i · x̂_i / ‖x̂_i‖ / Σ|weight_i|, made unit length, rounded to float32
 *   score(w) = x̂_w · m / ‖x̂_w‖, query words excluded, best first (ties: more frequent first).
 * "a − b + c" is positive [a, c], negative [b] (3CosAdd).
 * It also draws each engine's 2-D PCA map on a canvas: drag to pan, wheel or +/− to zoom,
 * arrow keys to pan when the map has the focus; the word nearest the pointer is labelled.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var dataUrl = script ? script.src.replace(/vector_explorer\.js(\?.*)?$/, "vector_explorer_data.js") : null;
  var TOPN = 10;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  /* ---------------- the vectors and gensim's arithmetic ---------------- */

  function decodeEngine(part, n, d) {
    var raw = atob(part.codes), X = new Float64Array(n * d), norms = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var s = 0;
      for (var j = 0; j < d; j++) {
        var code = raw.charCodeAt(i * d + j);
        var v = Math.fround((code > 127 ? code - 256 : code) * part.scale[j]);   // float32, as NumPy
        X[i * d + j] = v;
        s += v * v;
      }
      norms[i] = Math.sqrt(s);
    }
    return { X: X, norms: norms, xy: part.xy };
  }

  function neighbours(E, d, positive, negative, topn) {
    var query = positive.map(function (i) { return [i, 1]; }).concat(negative.map(function (i) { return [i, -1]; }));
    var mean = new Float64Array(d), j, i;
    query.forEach(function (q) {
      for (j = 0; j < d; j++) mean[j] += q[1] * (E.X[q[0] * d + j] / E.norms[q[0]]);
    });
    var len = 0;
    for (j = 0; j < d; j++) { mean[j] /= query.length; len += mean[j] * mean[j]; }
    var inv = 1 / Math.sqrt(len);
    for (j = 0; j < d; j++) mean[j] = Math.fround(mean[j] * inv);
    var asked = new Set(query.map(function (q) { return q[0]; })), n = E.norms.length, scored = [];
    for (i = 0; i < n; i++) {
      if (asked.has(i)) continue;
      var dot = 0;
      for (j = 0; j < d; j++) dot += E.X[i * d + j] * mean[j];
      scored.push([i, dot / E.norms[i]]);
    }
    scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return scored.slice(0, topn);
  }

  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  function suggestions(words, word) {
    return words.map(function (w, i) { return [editDistance(word, w), i, w]; })
      .filter(function (t) { return t[0] <= 2; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .slice(0, 5).map(function (t) { return t[2]; });
  }

  /* ---------------- the page ---------------- */

  function build(root, data) {
    var words = data.words, d = data.dim, names = Object.keys(data.engines);
    var index = new Map(words.map(function (w, i) { return [w, i]; }));
    var engines = {};
    names.forEach(function (name) { engines[name] = decodeEngine(data.engines[name], words.length, d); });

    var list = el("datalist", { id: "vx-words" });
    words.forEach(function (w) { list.append(el("option", { value: w })); });
    function field(id, label, value) {
      return [el("label", { for: id }, [label]),
        el("input", { id: id, type: "text", list: "vx-words", autocomplete: "off", spellcheck: "false",
          autocapitalize: "none", value: value })];
    }
    var nbForm = el("form", { id: "vx-neighbours-form", class: "vx-form" }, [el("fieldset", {}, [
      el("legend", {}, ["Nearest neighbours"])].concat(field("vx-word", "Word", "king"),
      [el("button", { type: "submit" }, ["Find neighbours"])]))]);
    var anForm = el("form", { id: "vx-analogy-form", class: "vx-form" }, [el("fieldset", {}, [
      el("legend", {}, ["Analogy: a − b + c"])].concat(field("vx-a", "a", "king"), field("vx-b", "minus b", "man"),
      field("vx-c", "plus c", "woman"), [el("button", { type: "submit" }, ["Solve"])]))]);
    var output = el("div", { id: "vx-output", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var select = el("select", { id: "vx-map-engine" });
    names.forEach(function (name) { select.append(el("option", { value: name }, [name])); });
    var canvas = el("canvas", { id: "vx-map", tabindex: "0", role: "img",
      "aria-label": "Map of the " + words.length + " words: the first two principal components of the chosen "
        + "engine's vectors. Drag or use the arrow keys to pan, the wheel or + and − to zoom." });
    var hover = el("p", { id: "vx-hover", class: "vx-hover" }, ["Point at a dot to see its word."]);
    var buttons = [["+", "Zoom in", 1.5], ["−", "Zoom out", 1 / 1.5], ["Reset", "Reset the map", 0]].map(function (b) {
      var button = el("button", { type: "button", "aria-label": b[1] }, [b[0]]);
      button.addEventListener("click", function () { if (b[2]) zoom(b[2]); else resetView(); });
      return button;
    });
    var controls = el("div", { class: "vx-map-controls" }, [el("label", { for: "vx-map-engine" }, ["Map of"]), select]
      .concat(buttons));
    root.replaceChildren(list, nbForm, anForm, output, controls, canvas, hover);

    /* results */
    var highlight = { query: [], found: {} };
    function lookup(raw) {
      var w = raw.trim().toLowerCase();
      return { word: w, i: index.get(w) };
    }
    function unknown(items) {
      output.replaceChildren();
      items.forEach(function (it) {
        var s = suggestions(words, it.word);
        output.append(el("p", { class: "vx-unknown" }, [
          it.word ? "“" + it.word + "” is not among the explorer's " + words.length.toLocaleString("en")
            + " words (the most frequent of the course corpus)." : "Type a word first.",
          s.length ? " Did you mean: " + s.join(", ") + "?" : ""]));
      });
    }
    function show(title, positive, negative) {
      var columns = el("div", { class: "vx-columns" });
      highlight = { query: positive.concat(negative), found: {} };
      names.forEach(function (name) {
        var found = neighbours(engines[name], d, positive, negative, TOPN);
        highlight.found[name] = found.map(function (f) { return f[0]; });
        var ol = el("ol", { "data-engine": name });
        found.forEach(function (f) {
          ol.append(el("li", { "data-word": words[f[0]], "data-score": String(f[1]) }, [
            el("span", { class: "vx-word" }, [words[f[0]]]), " ",
            el("span", { class: "vx-score" }, [f[1].toFixed(3)])]));
        });
        columns.append(el("section", { class: "vx-engine", "aria-label": name + " vectors" },
          [el("p", { class: "vx-engine-name" }, [name]), ol]));
      });
      output.replaceChildren(el("p", { class: "vx-title" }, [title]), columns);
      draw();
    }
    nbForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = lookup(document.getElementById("vx-word").value);
      if (q.i === undefined) return unknown([q]);
      show("Nearest neighbours of “" + q.word + "” (cosine):", [q.i], []);
    });
    anForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = ["vx-a", "vx-b", "vx-c"].map(function (id) { return lookup(document.getElementById(id).value); });
      var missing = q.filter(function (x) { return x.i === undefined; });
      if (missing.length) return unknown(missing);
      show(q[0].word + " − " + q[1].word + " + " + q[2].word + " ≈ (3CosAdd, question words excluded):",
        [q[0].i, q[2].i], [q[1].i]);
    });

    /* the map */
    var view = { x: 0, y: 0, scale: 1 }, hovered = -1;
    function bounds() {
      var xy = engines[select.value].xy, r = 0;
      for (var k = 0; k < xy.length; k++) r = Math.max(r, Math.abs(xy[k]));
      return r || 1;
    }
    function resetView() { view = { x: 0, y: 0, scale: 1 }; draw(); }
    function toScreen(k, w, h) {
      var xy = engines[select.value].xy, unit = Math.min(w, h) / 2.2 / bounds() * view.scale;
      return [w / 2 + (xy[2 * k] - view.x) * unit, h / 2 - (xy[2 * k + 1] - view.y) * unit, unit];
    }
    function zoom(factor) { view.scale = Math.min(200, Math.max(0.5, view.scale * factor)); draw(); }
    function draw() {
      var ratio = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
      if (!w || !h) return;
      canvas.width = w * ratio; canvas.height = h * ratio;
      var ctx = canvas.getContext("2d"), style = getComputedStyle(canvas);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, w, h);
      ctx.fillStyle = "rgba(0, 114, 178, 0.45)";
      for (var k = 0; k < words.length; k++) {
        var p = toScreen(k, w, h);
        if (p[0] > -5 && p[0] < w + 5 && p[1] > -5 && p[1] < h + 5) ctx.fillRect(p[0] - 1.5, p[1] - 1.5, 3, 3);
      }
      ctx.font = "13px sans-serif";
      function label(k, colour) {
        var p = toScreen(k, w, h);
        ctx.fillStyle = colour;
        ctx.beginPath(); ctx.arc(p[0], p[1], 4, 0, 2 * Math.PI); ctx.fill();
        ctx.fillStyle = style.color;
        ctx.fillText(words[k], p[0] + 6, p[1] - 6);
      }
      (highlight.found[select.value] || []).forEach(function (k) { label(k, "#E69F00"); });
      highlight.query.forEach(function (k) { label(k, "#D55E00"); });
      if (hovered >= 0) label(hovered, "#009E73");
    }
    function nearest(event) {
      var rect = canvas.getBoundingClientRect(), mx = event.clientX - rect.left, my = event.clientY - rect.top;
      var best = -1, bestD = 64;
      for (var k = 0; k < words.length; k++) {
        var p = toScreen(k, rect.width, rect.height), dd = (p[0] - mx) * (p[0] - mx) + (p[1] - my) * (p[1] - my);
        if (dd < bestD) { bestD = dd; best = k; }
      }
      return best;
    }
    var drag = null;
    canvas.addEventListener("pointerdown", function (e) { drag = [e.clientX, e.clientY, view.x, view.y]; });
    window.addEventListener("pointerup", function () { drag = null; });
    canvas.addEventListener("pointermove", function (e) {
      if (drag) {
        var unit = toScreen(0, canvas.clientWidth, canvas.clientHeight)[2];
        view.x = drag[2] - (e.clientX - drag[0]) / unit;
        view.y = drag[3] + (e.clientY - drag[1]) / unit;
      }
      var k = nearest(e);
      if (k !== hovered) {
        hovered = k;
        hover.textContent = k >= 0 ? "Word under the pointer: " + words[k] : "Point at a dot to see its word.";
      }
      draw();
    });
    canvas.addEventListener("wheel", function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); },
      { passive: false });
    canvas.addEventListener("keydown", function (e) {
      var step = 0.1 * bounds() / view.scale, moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0],
        ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[e.key]) { view.x += moves[e.key][0]; view.y += moves[e.key][1]; draw(); }
      else if (e.key === "+" || e.key === "=") zoom(1.5);
      else if (e.key === "-") zoom(1 / 1.5);
      else if (e.key === "0") resetView();
      else return;
      e.preventDefault();
    });
    select.addEventListener("change", draw);
    window.addEventListener("resize", draw);
    nbForm.requestSubmit();
  }

  function start() {
    var root = document.getElementById("vx-app");
    if (!root || !dataUrl) return;
    var loader = document.createElement("script");
    loader.src = dataUrl;
    loader.onload = function () { build(root, window.vectorExplorerData); };
    loader.onerror = function () {
      root.replaceChildren(el("p", { role: "status" }, ["The explorer's vectors (" + dataUrl + ") did not load."]));
    };
    document.head.append(loader);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
