// storyline serve: the upload page. Sends the files to /api/uploads, then follows the build
// at /api/jobs/{id} until it is done. Every text shown is set as text, never as markup.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) return;
  var input = document.getElementById("files");
  var box = document.getElementById("job");
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var problems = document.getElementById("job-problems");
  var made = document.getElementById("job-articles");
  var POLL_MS = 600;

  function say(message) { status.textContent = message; }

  function list(element, items, link) {
    while (element.firstChild) element.removeChild(element.firstChild);
    items.forEach(function (item) {
      var li = document.createElement("li");
      if (link) {
        var a = document.createElement("a");
        a.href = "/article/" + encodeURIComponent(item);
        a.textContent = item;
        a.className = "new-article";
        li.appendChild(a);
      } else {
        li.textContent = item;
      }
      element.appendChild(li);
    });
  }

  function show(job) {
    list(problems, job.problems, false);
    var seconds = job.seconds ? " (" + Math.round(job.seconds) + " s)" : "";
    if (job.status === "queued") {
      bar.removeAttribute("value");
      say("Waiting for an earlier build to finish…");
    } else if (job.status === "running") {
      bar.removeAttribute("value");
      say("Building: " + job.done + " inputs read and analysed so far, then the story is brought up to date" + seconds + "…");
    } else if (job.status === "done") {
      bar.max = 1; bar.value = 1;
      say("Done" + seconds + ": " + (job.summary || "") + (job.story ? "; " + job.story : "") +
          ". The pages show the new story now.");
      list(made, job.articles, true);
    } else {
      bar.max = 1; bar.value = 0;
      say("The build failed: " + (job.error || "no reason given"));
    }
    return job.status === "done" || job.status === "failed";
  }

  function follow(id) {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("the server answered " + response.status);
        return response.json();
      })
      .then(function (job) {
        if (!show(job)) window.setTimeout(function () { follow(id); }, POLL_MS);
      })
      .catch(function (error) { say("Lost track of the build: " + error.message); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    var most = Number(form.getAttribute("data-max-files"));
    var bytes = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    box.hidden = false;
    list(made, [], false);
    if (files.length === 0) { say("Choose one or more files first."); return; }
    if (files.length > most) { say("At most " + most + " files at a time."); return; }
    if (bytes > Number(form.getAttribute("data-max-bytes"))) { say("These files are larger than one upload may be."); return; }
    var data = new FormData();
    files.forEach(function (file) { data.append("files", file, file.name); });
    bar.removeAttribute("value");
    say("Sending " + files.length + " file(s)…");
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.detail || ("the server answered " + response.status));
          return body;
        });
      })
      .then(function (job) { show(job); follow(job.id); })
      .catch(function (error) { bar.max = 1; bar.value = 0; say("Not uploaded: " + error.message); });
  });
})();
