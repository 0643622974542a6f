// Renders every chart from its JSON block with vega-embed (inlined above: no network needed).
// When all have settled, <html> gets data-charts-rendered="N" (and data-charts-failed="M"): the
// report's tests wait for that marker. A chart that fails keeps its static SVG image.
(function () {
  "use strict";
  var root = document.documentElement;
  var blocks = Array.prototype.slice.call(document.querySelectorAll('script.vega-spec[type="application/json"]'));
  root.setAttribute("data-charts-expected", String(blocks.length));
  if (typeof window.vegaEmbed !== "function") {
    root.setAttribute("data-charts-rendered", "0");
    root.setAttribute("data-charts-failed", String(blocks.length));
    return;
  }
  var options = JSON.parse(document.getElementById("embed-options").textContent);
  var jobs = blocks.map(function (block) {
    var target = document.getElementById(block.getAttribute("data-target"));
    var fallback = Array.prototype.slice.call(target.childNodes);
    return Promise.resolve()
      .then(function () {
        var spec = JSON.parse(block.textContent);
        target.textContent = "";
        return window.vegaEmbed(target, spec, options);
      })
      .then(function (result) {
        target.classList.add("rendered");
        return result;
      })
      .catch(function (error) {
        target.textContent = "";
        fallback.forEach(function (node) { target.appendChild(node); });
        target.classList.add("failed");
        target.setAttribute("data-error", String(error));
        throw error;
      });
  });
  Promise.allSettled(jobs).then(function (results) {
    var rendered = results.filter(function (r) { return r.status === "fulfilled"; }).length;
    root.setAttribute("data-charts-failed", String(results.length - rendered));
    root.setAttribute("data-charts-rendered", String(rendered));
  });
})();
