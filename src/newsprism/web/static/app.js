// newsprism pages: highlight toggles, scroll to the cited passage, the API docs' "Try" forms.
// Everything from the server is put into the page as text (textContent), never as HTML.
"use strict";

function setupToggles() {
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
}

function showCited() {
  var cited = document.getElementById("hl");
  if (cited) { cited.scrollIntoView({ block: "center" }); }
}

function requestFor(form) {
  var path = form.dataset.path;
  var query = new URLSearchParams();
  var headers = {};
  var body = null;
  form.querySelectorAll("input[data-in]").forEach(function (input) {
    if (input.value === "") { return; }
    if (input.dataset.in === "path") {
      path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
    } else if (input.dataset.in === "query") {
      query.append(input.name, input.value);
    }
  });
  var token = form.querySelector("input[name=__token]");
  if (token && token.value) { headers["Authorization"] = "Bearer " + token.value; }
  var text = form.querySelector("textarea[name=__body]");
  if (text) { body = text.value; headers["Content-Type"] = "application/json"; }
  var qs = query.toString();
  return { url: path + (qs ? "?" + qs : ""), init: { method: form.dataset.method, headers: headers, body: body } };
}

function setupTry() {
  document.querySelectorAll("form.try").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.parentElement.querySelector("pre.result");
      var req = requestFor(form);
      out.hidden = false;
      out.textContent = req.init.method + " " + req.url + "\n…";
      fetch(req.url, req.init).then(function (resp) {
        return resp.text().then(function (text) {
          var shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          out.textContent = req.init.method + " " + req.url + "\n" + resp.status + "\n\n" + shown;
        });
      }).catch(function (err) { out.textContent = String(err); });
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  setupToggles();
  showCited();
  setupTry();
});
