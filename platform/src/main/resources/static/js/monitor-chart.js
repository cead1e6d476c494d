// The charts of a monitor's page, drawn with uPlot: response time and uptime over 24 hours, 7 days, 30 days or a year.
// #monitor-charts names the monitor's history (data-history, the API's /history); the range buttons
// ([data-range]) switch both charts. 24 hours reads raw checks for the response time (down checks are gaps) and minute
// rollups for the uptime; 7 and 30 days read hour rollups; a year reads day rollups. Each uptime point is the share of
// up checks in its bucket; the caption under the chart adds them up for the whole range.
(function () {
  "use strict";

  var RANGES = {
    "24h": { seconds: 86400, rollup: "minute", label: "24 hours" },
    "7d": { seconds: 7 * 86400, rollup: "hour", label: "7 days" },
    "30d": { seconds: 30 * 86400, rollup: "hour", label: "30 days" },
    "1y": { seconds: 365 * 86400, rollup: "day", label: "1 year" }
  };

  function read(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
  }

  function plot(element, label, stroke, unit, times, values, range) {
    element.textContent = "";
    if (!times.length) {
      element.textContent = "No checks in the last " + RANGES[range].label + ".";
      return;
    }
    var options = {
      width: element.clientWidth || 800,
      height: 240,
      scales: unit === "%" ? { y: { range: [0, 100] } } : {},
      series: [{}, { label: label, stroke: stroke, spanGaps: false, points: { show: times.length < 60 } }],
      axes: [{}, { label: unit }]
    };
    new uPlot(options, [times, values], element);
  }

  function percent(up, total) {
    return (up * 100 / total).toFixed(3) + " %";
  }

  function draw(root, range) {
    var history = root.getAttribute("data-history");
    var since = new Date(Date.now() - RANGES[range].seconds * 1000).toISOString();
    var response = root.querySelector("#response-chart");
    var uptime = root.querySelector("#uptime-chart");
    var caption = root.querySelector("#uptime-caption");
    root.setAttribute("data-range", range);
    root.removeAttribute("data-ready");
    root.querySelectorAll("[data-range]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-range") === range ? "true" : "false");
    });
    var rollups = read(history + "?resolution=" + RANGES[range].rollup + "&since=" + encodeURIComponent(since));
    var responses = range === "24h" ? read(history + "?since=" + encodeURIComponent(since)) : rollups;
    Promise.all([rollups, responses]).then(function (answers) {
      var buckets = answers[0], checks = answers[1];
      var times = [], millis = [];
      checks.forEach(function (check) {
        if (range === "24h") {
          times.push(Date.parse(check.at) / 1000);
          millis.push(check.status === "UP" ? check.responseMillis : null);
        } else {
          times.push(Date.parse(check.bucket) / 1000);
          millis.push(check.up > 0 ? check.avgMillis : null);
        }
      });
      plot(response, "Response time (ms)", "#1f9d55", "ms", times, millis, range);
      var bucketTimes = [], shares = [], up = 0, total = 0;
      buckets.forEach(function (bucket) {
        var count = bucket.up + bucket.down;
        bucketTimes.push(Date.parse(bucket.bucket) / 1000);
        shares.push(count ? bucket.up * 100 / count : null);
        up += bucket.up;
        total += count;
      });
      plot(uptime, "Uptime (%)", "#3182ce", "%", bucketTimes, shares, range);
      caption.textContent = total
        ? RANGES[range].label + ": " + up + " of " + total + " checks up (" + percent(up, total) + ")"
        : RANGES[range].label + ": no checks";
      root.setAttribute("data-ready", "true");
    }).catch(function () {
      caption.textContent = "The charts could not be loaded.";
    });
  }

  function load() {
    var root = document.getElementById("monitor-charts");
    if (!root || typeof uPlot === "undefined") { return; }
    root.querySelectorAll("button[data-range]").forEach(function (button) {
      button.addEventListener("click", function () { draw(root, button.getAttribute("data-range")); });
    });
    draw(root, "24h");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
