/* Load MathJax after the page's charts are drawn, so its 1.1 MB never delays the first chart.
 *
 * Added by migbook.sphinxext only to pages with math, in place of Sphinx's own MathJax
 * script (the page keeps Sphinx's inline MathJax configuration). MathJax is the local
 * copy beside this file's folder (_static/mathjax/), so it works over http and file://.
 */
(function () {
  "use strict";
  var src = new URL("../mathjax/tex-chtml.js", document.currentScript.src).href;

  function load() {
    var script = document.createElement("script");
    script.id = "MathJax-script";
    script.src = src;
    script.async = true;
    document.head.appendChild(script);
  }

  var charts = document.querySelector(".migbook-chart[data-spec-id]");
  if (!charts || document.documentElement.dataset.migbookCharts === "drawn") {
    load();
  } else {
    document.addEventListener("migbook:charts-drawn", load, { once: true });
  }
})();
