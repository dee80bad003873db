/* Signed-in pages only; everything here is an enhancement (each page works without it).
   1. A warning before the idle sign-out, with a button that keeps the session (WCAG 2.2.1).
   2. Quiz answers saved to the open attempt as they are chosen.
   3. A form posted after an idle sign-out filled in again with what was typed. */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var warnBefore = parseInt(body.getAttribute("data-idle-warning-seconds"), 10);
  var keepAliveUrl = body.getAttribute("data-keep-alive-url");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var warnTimer = null;
  var dialog = null;

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data || new URLSearchParams(),
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
      redirect: "manual",
    });
  }

  function minutes(seconds) {
    var m = Math.round(seconds / 60);
    return m === 1 ? "1 minute" : m + " minutes";
  }

  function buildDialog() {
    dialog = document.createElement("div");
    dialog.className = "session-warning";
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "session-warning-title");
    dialog.setAttribute("aria-describedby", "session-warning-text");
    dialog.innerHTML =
      '<h2 id="session-warning-title">Are you still there?</h2>' +
      '<p id="session-warning-text"></p>' +
      '<button type="button" class="button">Stay signed in</button>';
    dialog.querySelector("button").addEventListener("click", function () {
      post(keepAliveUrl).then(function (response) {
        if (response.ok) {
          hideDialog();
          restart();
        } else {
          dialog.querySelector("p").textContent =
            "You have been signed out. Sign in again to go on; your quiz answers are kept.";
        }
      }, function () {
        dialog.querySelector("p").textContent = "The connection failed. Try again.";
      });
    });
    document.body.appendChild(dialog);
  }

  function showDialog() {
    if (!dialog) buildDialog();
    dialog.querySelector("p").textContent =
      "You will be signed out in " + minutes(warnBefore) +
      " because nothing has happened on this page. Your quiz answers are kept either way.";
    dialog.hidden = false;
    dialog.querySelector("button").focus();
  }

  function hideDialog() {
    if (dialog) dialog.hidden = true;
  }

  function restart() {
    if (!idle || !keepAliveUrl) return;
    clearTimeout(warnTimer);
    warnTimer = setTimeout(showDialog, Math.max(idle - warnBefore, 1) * 1000);
  }

  restart();

  // Quiz drafts: post the whole form on every change (the server keeps only valid choices).
  var form = document.querySelector("form[data-draft-url]");
  if (form) {
    var status = form.querySelector("[data-draft-status]");
    form.addEventListener("change", function () {
      post(form.getAttribute("data-draft-url"), new URLSearchParams(new FormData(form))).then(
        function (response) {
          if (response.ok) {
            restart();
            if (status) status.textContent = "Answers saved.";
          } else if (status) {
            status.textContent = "Your answers could not be saved just now. Submit them when you are ready.";
          }
        },
        function () {
          if (status) status.textContent = "Your answers could not be saved just now. Submit them when you are ready.";
        }
      );
    });
  }

  // What was typed before the sign-out, handed back once by the server (lms/middleware.py).
  var resume = document.getElementById("resume-form");
  if (resume) {
    var fields = JSON.parse(resume.textContent);
    var target = document.querySelector("main form[method=post]");
    var filled = false;
    if (target) {
      Object.keys(fields).forEach(function (name) {
        var values = fields[name];
        Array.prototype.forEach.call(target.elements, function (el) {
          if (el.name !== name || el.type === "hidden" || el.type === "password" || el.type === "file") return;
          if (el.type === "checkbox" || el.type === "radio") {
            el.checked = values.indexOf(el.value) !== -1;
          } else if (el.tagName === "SELECT") {
            Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
          } else {
            el.value = values[0] || "";
          }
          filled = true;
        });
      });
    }
    var note = document.querySelector("[data-resume-message]");
    if (filled && note) note.hidden = false;
  }

  // A live word count under a textarea (the CRS essay); words as the server counts them.
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-word-count]"), function (area) {
    var out = document.getElementById(area.getAttribute("data-word-count"));
    if (!out) return;
    var words = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;
    area.addEventListener("input", function () {
      var count = (area.value.match(words) || []).length;
      out.textContent = count.toLocaleString("en-US") + (count === 1 ? " word" : " words") + " (not saved yet).";
    });
  });
})();
