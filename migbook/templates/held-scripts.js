/* Load the scripts a page with figures holds back until its charts have drawn (templates/layout.html).
 *
 * Held are every script of the page's head but the chart scripts (Sphinx's, the theme's helpers, the search
 * scripts: type="migbook/after-charts", inline ones too) and the theme's own, in a <template>. Written into
 * each such page's head (inline, so it runs even if a file fails to load); migbook-charts.js calls
 * window.migbookLoadHeldScripts() once the charts have drawn or failed, and if that script never ran at all
 * the page's load event does. The scripts run in their order in the page, as they would have: consecutive
 * files are fetched together, and an inline script waits for the files before it; while they run the page
 * seems to them still loading, and what they set to run when it is ready (DOMContentLoaded, load: both long
 * passed) runs once they all have. The page says when they have (data-migbook-theme="loaded").
 */
(function () {
  "use strict";
  var started = false;
  var add = EventTarget.prototype.addEventListener;
  var realState = Object.getOwnPropertyDescriptor(Document.prototype, "readyState").get;
  var waiting = [];  // listeners for DOMContentLoaded and load, called once every held script has run

  // While the held scripts run, the page seems to them still loading, as it was where they stood: a script
  // that waits for the page to be ready (most do) then waits for the scripts after it, as it would have.
  function seemLoading() {
    Object.defineProperty(document, "readyState", { configurable: true, get: function () { return "loading"; } });
    document.addEventListener = window.addEventListener = function (type, listener, options) {
      var passed = type === "DOMContentLoaded" || (type === "load" && this === window &&
                                                   realState.call(document) === "complete");
      if (passed && listener) { waiting.push({ target: this, type: type, listener: listener }); return; }
      add.call(this, type, listener, options);
    };
  }

  function call(entry) {
    var event = new Event(entry.type);
    try {
      if (typeof entry.listener === "function") { entry.listener.call(entry.target, event); }
      else { entry.listener.handleEvent(event); }
    } catch (error) {
      setTimeout(function () { throw error; }, 0);  // reported as the page's error, as the event would have
    }
  }

  function ready() {
    delete document.readyState;
    delete document.addEventListener;
    delete window.addEventListener;
    waiting.filter(function (e) { return e.type === "DOMContentLoaded"; }).forEach(call);
    waiting.filter(function (e) { return e.type === "load"; }).forEach(call);
    document.documentElement.dataset.migbookTheme = "loaded";
  }

  function copy(original) {
    var script = document.createElement("script");
    Array.prototype.forEach.call(original.attributes, function (attribute) {
      if (attribute.name !== "type") { script.setAttribute(attribute.name, attribute.value); }
    });
    if (original.hasAttribute("data-migbook-type")) { script.type = original.getAttribute("data-migbook-type"); }
    if (!original.hasAttribute("src")) { script.text = original.text; }
    script.async = false;
    return script;
  }

  // From scripts[from] on: append files until an inline script, which runs once they have loaded.
  function load(scripts, from) {
    var pending = 0;
    var i = from;
    var settle = function () { if (--pending === 0) { load(scripts, i); } };
    for (; i < scripts.length; i++) {
      var script = copy(scripts[i]);
      if (script.hasAttribute("src")) {
        pending++;
        script.addEventListener("load", settle);
        script.addEventListener("error", settle);
      } else if (pending) {
        break;
      }
      document.body.appendChild(script);
    }
    if (!pending) { ready(); }
  }

  window.migbookLoadHeldScripts = function () {
    if (started) { return; }
    started = true;
    var template = document.getElementById("migbook-after-charts");
    var scripts = Array.prototype.slice.call(document.querySelectorAll('script[type="migbook/after-charts"]'))
      .concat(template ? Array.prototype.slice.call(template.content.querySelectorAll("script")) : []);
    seemLoading();
    load(scripts, 0);
  };

  // migbook-charts.js marks the page when it starts; if it never did (the file did not load), load them now.
  add.call(window, "load", function () {
    if (!document.documentElement.dataset.migbookCharts) { window.migbookLoadHeldScripts(); }
  });
})();
