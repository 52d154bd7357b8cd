// Live charts in the classroom. A chart widget holds <div class="migbook-vl"><script type="application/json">
// {"spec": ..., "columns": {dataset: {column: values}}}</script></div>, the kernel's Vega-Lite spec and its live
// dataset packed as columns: this draws it with the vendored Vega bundle (window.vegaEmbed) each time the widget
// changes. A move that keeps the chart's structure changes only the panel's hidden update widget, which holds
// <div class="migbook-vl-update"><script type="application/json">{"data": {dataset: {column: values}},
// "signals": {...}, "description": "..."}</script></div>: that is applied to the chart already drawn
// (view.data, view.signal, view.description), with no new embedding.
(function () {
  "use strict";
  const FAILED = "This chart could not be drawn.";

  function payload(el) {
    const script = el.querySelector('script[type="application/json"]');
    return script ? JSON.parse(script.textContent) : null;
  }

  function draw(el) {
    el.dataset.drawn = "pending";
    let spec;
    try {
      const sent = payload(el);
      spec = sent.spec;
      for (const [name, columns] of Object.entries(sent.columns || {})) spec.datasets[name] = rows(columns);
    } catch (err) {
      el.textContent = FAILED;
      el.dataset.drawn = "error";
      return;
    }
    el.migbookView = window.vegaEmbed(el, spec, { renderer: "svg", actions: false })
      .then((result) => { el.dataset.drawn = "true"; return result.view; })
      .catch((err) => {
        el.dataset.drawn = "error";
        el.textContent = FAILED;
        console.warn("migbook: live chart", err);
        return null;
      });
  }

  function rows(columns) {
    const names = Object.keys(columns);
    const count = names.length ? columns[names[0]].length : 0;
    const out = new Array(count);
    for (let i = 0; i < count; i += 1) {
      const row = {};
      for (const name of names) row[name] = columns[name][i];
      out[i] = row;
    }
    return out;
  }

  function apply(view, update) {
    for (const [name, columns] of Object.entries(update.data || {})) view.data(name, rows(columns));
    for (const [name, value] of Object.entries(update.signals || {})) view.signal(name, value);
    if (update.description !== undefined) view.description(update.description);
    return view.runAsync();
  }

  function update(el) {
    el.dataset.drawn = "pending";
    const panel = el.closest(".migbook-live");
    const chart = panel && panel.querySelector(".migbook-vl[data-drawn]");
    let change;
    try {
      change = payload(el);
    } catch (err) {
      change = null;
    }
    if (!chart || !chart.migbookView || !change) {
      el.dataset.drawn = "error";
      console.warn("migbook: a live chart's update came with no chart to apply it to");
      return;
    }
    // Updates apply in order, each after the chart's embedding (or the update before it) has finished;
    // one that fails leaves the chart as it was for the next.
    chart.migbookView = chart.migbookView.then((view) => {
      if (!view) {
        el.dataset.drawn = "error";
        return null;
      }
      return apply(view, change)
        .then(() => { el.dataset.drawn = "true"; return view; })
        .catch((err) => {
          el.dataset.drawn = "error";
          console.warn("migbook: live chart update", err);
          return view;
        });
    });
  }

  function drawNew() {
    document.querySelectorAll(".migbook-vl:not([data-drawn])").forEach(draw);
    document.querySelectorAll(".migbook-vl-update:not([data-drawn])").forEach(update);
  }
  function start() {
    new MutationObserver(drawNew).observe(document.body, { childList: true, subtree: true });
    drawNew();
  }
  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
