// The CRM pipeline board: drag an opportunity card to another stage column to move it there. Posts the stage with
// the page's CSRF header; on success the card moves at once (the live update then refreshes the board), on refusal
// the reason shows in #kanban-error. The "Move to" form on each card is the keyboard (and no-script) way.
(function () {
  "use strict";
  var dragged = null;

  function csrf() {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    var headers = { "Content-Type": "application/x-www-form-urlencoded", "X-Holdfast-Fetch": "1" };
    if (header && token) { headers[header.content] = token.content; }
    return headers;
  }

  function stageOf(element) {
    return element && element.closest ? element.closest(".crm-stage") : null;
  }

  function showError(text) {
    var box = document.getElementById("kanban-error");
    if (box) { box.textContent = text; }
  }

  function move(card, column) {
    var stage = column.getAttribute("data-stage");
    if (stage === card.getAttribute("data-stage")) { return; }
    showError("");
    fetch("/crm/Opportunity/" + encodeURIComponent(card.getAttribute("data-id")) + "/stage", {
      method: "POST", credentials: "same-origin", headers: csrf(), body: "stage=" + encodeURIComponent(stage)
    }).then(function (response) {
      if (response.ok) {
        card.setAttribute("data-stage", stage);
        var select = card.querySelector("select[name=stage]");
        if (select) { select.value = stage; }
        column.appendChild(card);
        return;
      }
      return response.text().then(function (text) { showError(text || ("Could not move: " + response.status)); });
    }).catch(function () { showError("Could not move the card: the server is unreachable."); });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".crm-card") : null;
    if (!card) { return; }
    dragged = card;
    card.classList.add("crm-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-id"));
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("crm-dragging"); }
    dragged = null;
    document.querySelectorAll(".crm-stage.crm-drop").forEach(function (c) { c.classList.remove("crm-drop"); });
  });
  document.addEventListener("dragover", function (event) {
    var column = stageOf(event.target);
    if (column && dragged) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("crm-drop");
    }
  });
  document.addEventListener("dragleave", function (event) {
    var column = stageOf(event.target);
    if (column && !column.contains(event.relatedTarget)) { column.classList.remove("crm-drop"); }
  });
  document.addEventListener("drop", function (event) {
    var column = stageOf(event.target);
    if (!column || !dragged) { return; }
    event.preventDefault();
    column.classList.remove("crm-drop");
    move(dragged, column);
  });
})();
