// Live charts in the classroom: a chart widget holds <div class="migbook-vl" data-spec="...">, the kernel's
// Vega-Lite spec; this draws it with the vendored Vega bundle (window.vegaEmbed), each time the widget changes.
(function () {
  "use strict";
  function draw(el) {
    el.dataset.drawn = "pending";
    let spec;
    try {
      spec = JSON.parse(el.dataset.spec);
    } catch (err) {
      el.textContent = "This chart could not be drawn.";
      return;
    }
    window.vegaEmbed(el, spec, { renderer: "svg", actions: false })
      .then(() => { el.dataset.drawn = "true"; })
      .catch((err) => {
        el.dataset.drawn = "error";
        el.textContent = "This chart could not be drawn.";
        console.warn("migbook: live chart", err);
      });
  }
  function drawNew() {
    document.querySelectorAll(".migbook-vl:not([data-drawn])").forEach(draw);
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
