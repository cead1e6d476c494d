// Holdfast live updates. Connects to /live, subscribes to the topics named by data-live-topic attributes
// (space-separated), and on each event dispatches a bubbling "live-update" DOM event (detail: id, topic, kind,
// data) on every element naming that topic, so htmx can refresh it: hx-get="..." hx-trigger="live-update".
// Reconnects with backoff and resumes from the last event id; when events may have been missed it dispatches
// "live-reset" on those elements instead, meaning "refresh everything". Shows the state in [data-live-status].
// An event for an element that is re-fetching right now is held and fired on the element that replaced it once the
// swap has settled (htmx would queue it on the old element, which an outerHTML swap removes, and so drop it): a
// change made during a refresh is never lost, and a burst of events costs one refresh in flight plus one after it.
(function () {
  "use strict";

  var MIN_DELAY = 500, MAX_DELAY = 30000, KEEP_ALIVE = 25000;
  var socket = null, delay = MIN_DELAY, lastId = null, subscribed = {}, stopped = false, keepAlive = null;
  var held = {}; // element id -> { name, detail }: the latest event for an element that was re-fetching

  function topicsOnPage() {
    var topics = {};
    document.querySelectorAll("[data-live-topic]").forEach(function (element) {
      element.getAttribute("data-live-topic").split(/\s+/).forEach(function (topic) {
        if (topic) { topics[topic] = true; }
      });
    });
    return topics;
  }

  function elementsFor(topic) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-live-topic]"), function (element) {
      return element.getAttribute("data-live-topic").split(/\s+/).indexOf(topic) >= 0;
    });
  }

  function status(state, text) {
    document.querySelectorAll("[data-live-status]").forEach(function (element) {
      element.textContent = "Live updates: " + text;
      element.setAttribute("data-live-state", state);
    });
  }

  function fire(elements, name, detail) {
    elements.forEach(function (element) {
      if (element.id && element.classList.contains("htmx-request")) {
        if (!held[element.id] || held[element.id].name !== "live-reset") { held[element.id] = { name: name, detail: detail }; }
        return;
      }
      element.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: detail }));
    });
  }

  // Fires the held events on the elements now carrying those ids, once they are no longer re-fetching.
  function release() {
    Object.keys(held).forEach(function (id) {
      var element = document.getElementById(id), event = held[id];
      if (!element) { delete held[id]; return; }
      if (element.classList.contains("htmx-request")) { return; }
      delete held[id];
      element.dispatchEvent(new CustomEvent(event.name, { bubbles: true, detail: event.detail }));
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(frame)); }
  }

  // Subscribes to topics new on the page (with the resume point) and drops those gone from it.
  function sync(resume) {
    var wanted = topicsOnPage(), added = [], removed = [];
    Object.keys(wanted).forEach(function (topic) { if (!subscribed[topic]) { added.push(topic); } });
    Object.keys(subscribed).forEach(function (topic) { if (!wanted[topic]) { removed.push(topic); } });
    if (added.length) {
      var frame = { type: "subscribe", topics: added };
      if (resume && lastId) { frame.after = lastId; }
      send(frame);
      added.forEach(function (topic) { subscribed[topic] = true; });
    }
    if (removed.length) {
      send({ type: "unsubscribe", topics: removed });
      removed.forEach(function (topic) { delete subscribed[topic]; });
    }
  }

  function received(message) {
    var frame;
    try { frame = JSON.parse(message.data); } catch (e) { return; }
    switch (frame.type) {
      case "welcome":
        if (!lastId) { lastId = frame.last; }
        subscribed = {};
        sync(true);
        break;
      case "event":
        lastId = frame.id;
        fire(elementsFor(frame.topic), "live-update", { id: frame.id, topic: frame.topic, kind: frame.kind, data: frame.data });
        break;
      case "reset":
        lastId = frame.last;
        fire(document.querySelectorAll("[data-live-topic]"), "live-reset", {});
        break;
      case "refused":
        if (window.console) { console.warn("live updates refused for " + frame.topic + ": " + frame.reason); }
        break;
      case "error":
        if (window.console) { console.warn("live updates: " + frame.error + ": " + frame.message); }
        break;
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/live");
    socket.onopen = function () {
      delay = MIN_DELAY;
      status("connected", "connected");
      keepAlive = setInterval(function () { send({ type: "ping" }); }, KEEP_ALIVE); // proxies close idle sockets
    };
    socket.onmessage = received;
    socket.onclose = function (event) {
      socket = null;
      clearInterval(keepAlive);
      if (stopped) { return; }
      if (event.code === 1008) { // the session this socket was opened in has ended: signed out or expired
        status("signed-out", "off (signed out)");
        return;
      }
      status("reconnecting", "reconnecting…");
      setTimeout(connect, delay + Math.floor(Math.random() * delay / 2));
      delay = Math.min(delay * 2, MAX_DELAY);
    };
  }

  function start() {
    if (!document.querySelector("[data-live-topic], [data-live-status]") || !("WebSocket" in window)) { return; }
    status("connecting", "connecting…");
    document.body.addEventListener("htmx:afterSettle", function () { sync(false); release(); });
    // a refresh that failed swaps nothing; its element keeps its id
    document.body.addEventListener("htmx:afterRequest", function () { setTimeout(release, 0); });
    window.addEventListener("pagehide", function () { stopped = true; if (socket) { socket.close(1000); } });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && stopped) { stopped = false; connect(); }
    });
    connect();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
