// The response-time chart of a monitor's page: reads the raw history named by data-history on #response-chart
// (JSON: [{at, status, responseMillis, message}]) and draws it with uPlot; down checks show as gaps.
(function () {
  "use strict";

  function draw(element, checks) {
    var times = [], millis = [];
    checks.forEach(function (check) {
      times.push(Date.parse(check.at) / 1000);
      millis.push(check.status === "UP" ? check.responseMillis : null);
    });
    if (!times.length) {
      element.textContent = "No checks in the last 24 hours.";
      return;
    }
    var options = {
      width: element.clientWidth || 800,
      height: 300,
      series: [{}, { label: "Response time (ms)", stroke: "#1f9d55", spanGaps: false }],
      axes: [{}, { label: "ms" }]
    };
    new uPlot(options, [times, millis], element);
  }

  function load() {
    var element = document.getElementById("response-chart");
    if (!element || typeof uPlot === "undefined") { return; }
    fetch(element.getAttribute("data-history"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (checks) { draw(element, checks); })
      .catch(function () { element.textContent = "The chart could not be loaded."; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
