/* Draw every migbook figure on the page with the vendored Vega bundle.
 *
 * Each figure is a <div class="migbook-chart" data-spec-id="..."> next to a
 * <script type="application/json"> holding its Vega-Lite spec. Charts follow
 * the page's light or dark theme and keep their control settings when the
 * reader switches theme. Nothing is fetched from the network.
 */
(function () {
  "use strict";
  var views = new Map();
  document.documentElement.dataset.migbookCharts = "drawing";  // (held-scripts.js: this script has run)

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // Dark mode: vega-embed's dark theme, plus what migbook's theme asks for in the chart's usermeta
  // (migbook.figures.theme: DARK_COLOURS, DARK_CONFIG): lighter colours where the light ones are too dark,
  // laid over the spec's own config, which would otherwise win over the theme's.
  function darken(spec) {
    var dark = spec.usermeta && spec.usermeta.migbook && spec.usermeta.migbook.dark;
    if (!dark) { return spec; }
    var text = JSON.stringify(spec);
    Object.keys(dark.colours || {}).forEach(function (from) {
      text = text.split('"' + from + '"').join('"' + dark.colours[from] + '"');
    });
    spec = JSON.parse(text);
    var config = spec.config || {};
    Object.keys(dark.config || {}).forEach(function (key) {
      var value = dark.config[key];
      config[key] = value && typeof value === "object" ? Object.assign({}, config[key], value) : value;
    });
    spec.config = config;
    return spec;
  }

  // The page stores each figure's data as columns, repeated values once (migbook.figures.pack):
  // give Vega-Lite back its records.
  function unpackValues(packed) {
    var columns = packed.columns.map(function (c) {
      return [c.name, c.values || c.index.map(function (i) { return c.pool[i]; })];
    });
    var rows = new Array(packed["migbook-packed"]);
    for (var i = 0; i < rows.length; i++) {
      var row = {};
      columns.forEach(function (c) { row[c[0]] = c[1][i]; });
      rows[i] = row;
    }
    return rows;
  }

  function isPacked(values) {
    return values && typeof values === "object" && !Array.isArray(values) && "migbook-packed" in values;
  }

  function unpackData(spec) {
    if (Array.isArray(spec)) { return spec.map(unpackData); }
    if (!spec || typeof spec !== "object") { return spec; }
    Object.keys(spec).forEach(function (key) {
      if (key === "values" && isPacked(spec[key])) { return; }
      spec[key] = unpackData(spec[key]);
    });
    if (spec.data && isPacked(spec.data.values)) { spec.data.values = unpackValues(spec.data.values); }
    if (spec.datasets && typeof spec.datasets === "object") {
      Object.keys(spec.datasets).forEach(function (name) {
        if (isPacked(spec.datasets[name])) { spec.datasets[name] = unpackValues(spec.datasets[name]); }
      });
    }
    return spec;
  }

  function specFor(el) {
    var source = document.getElementById(el.dataset.specId);
    var spec = unpackData(JSON.parse(source.textContent));
    if (isDark()) { spec = darken(spec); }
    var old = views.get(el);
    if (old && spec.params) {
      // Keep what the reader chose when the chart is redrawn.
      spec.params.forEach(function (p) {
        if (p.bind) {
          try { p.value = old.view.signal(p.name); } catch (e) { /* not a signal */ }
        }
      });
    }
    return spec;
  }

  // The text alternative follows the controls: each figure carries its sentence for every setting,
  // packed as skeletons (the words) and numbers (see migbook.figures.twin.spoken).
  function keyOf(value) {
    return typeof value === "number" ? String(Number(value.toPrecision(15))) : String(value);
  }

  function unpack(spoken, key) {
    var entry = spoken.settings[key];
    if (!entry) { return null; }
    return spoken.skeletons[entry[0]].map(function (part, i) {
      return part + (i + 1 < entry.length ? entry[i + 1] : "");
    }).join("");
  }

  function speak(el, view) {
    var sentence = document.getElementById(el.getAttribute("aria-describedby"));
    if (!sentence || !sentence.dataset.summariesId) { return; }
    var spoken = JSON.parse(document.getElementById(sentence.dataset.summariesId).textContent);
    var update = function () {
      var key = spoken.params.map(function (name) { return keyOf(view.signal(name)); }).join("|");
      var text = unpack(spoken, key);
      if (text !== null) { sentence.textContent = text; }
    };
    spoken.params.forEach(function (name) { view.addSignalListener(name, update); });
    update();
  }

  function draw(el) {
    var spec = specFor(el);
    var old = views.get(el);
    if (old) { old.finalize(); }
    el.dataset.rendered = "pending";
    return window.vegaEmbed(el, spec, {
      renderer: "svg",
      actions: false,
      theme: isDark() ? "dark" : undefined
    }).then(function (result) {
      views.set(el, result);
      el.migbookView = result.view;  // for the tests, which read the controls' signals
      speak(el, result.view);
      el.dataset.rendered = "true";
      el.dispatchEvent(new CustomEvent("migbook:rendered", { bubbles: true }));
    }).catch(function (error) {
      el.dataset.rendered = "error";
      el.textContent = "This chart could not be drawn (" + error.message + "). Its numbers are in the table below.";
      console.error("migbook chart", el.id, error);
    });
  }

  // Once every chart has drawn (or failed), say so (for the tests and the benchmark), then let the theme's
  // scripts run.
  function drawn() {
    document.documentElement.dataset.migbookCharts = "drawn";
    document.dispatchEvent(new CustomEvent("migbook:charts-drawn"));
    if (typeof window.migbookLoadHeldScripts === "function") {
      window.migbookLoadHeldScripts();  // templates/held-scripts.js, inline in the page's head
    } else {
      document.documentElement.dataset.migbookTheme = "loaded";  // a page that holds nothing back
    }
  }

  // A chart is drawn as soon as the Vega bundle has run and the page has been parsed past its figure (its
  // spec and the sentence under it), while the rest of the page is still arriving: not after every other
  // script. This script and the bundle load async (migbook.sphinxext.chart_scripts), in either order.
  var started = [];
  var finished = false;
  var queue = Promise.resolve();

  // After a chart has drawn, let the browser paint it before the next chart's work starts.
  function afterPaint() {
    return new Promise(function (resolve) {
      if (document.hidden) { setTimeout(resolve, 0); return; }
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  // Charts are drawn one at a time, in page order: the first is on screen before the others' work begins.
  function enqueue(el) {
    el.dataset.rendered = "pending";
    var done = queue.then(function () { return draw(el); });
    queue = done.then(afterPaint);
    return done;
  }

  function parsedPast(node) {
    for (var n = node; n; n = n.parentNode) {
      if (n.nextSibling) { return true; }
    }
    return false;
  }

  function scan() {
    if (finished || typeof window.vegaEmbed !== "function") { return; }
    var loading = document.readyState === "loading";
    document.querySelectorAll(".migbook-chart[data-spec-id]:not([data-rendered])").forEach(function (el) {
      var end = el.closest("figure") || document.getElementById(el.dataset.specId);
      if (!loading || (end && parsedPast(end))) { started.push(enqueue(el)); }
    });
    if (!loading) {
      finished = true;
      parser.disconnect();
      Promise.all(started).then(drawn);
    }
  }

  var parser = new MutationObserver(scan);
  parser.observe(document, { childList: true, subtree: true });
  document.addEventListener("readystatechange", scan);
  if (typeof window.vegaEmbed !== "function") {
    var bundle = document.getElementById("migbook-vega");
    var failed = function () {
      console.error("migbook: the Vega bundle did not load");
      finished = true;
      parser.disconnect();
      drawn();
    };
    if (bundle) {
      bundle.addEventListener("load", scan);
      bundle.addEventListener("error", failed);
    } else {
      failed();
    }
  }
  scan();

  new MutationObserver(function (changes) {
    if (changes.some(function (c) { return c.attributeName === "data-theme"; })) {
      views.forEach(function (_view, el) { draw(el); });
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

})();
