// storyline serve: small behaviours of every page. No inline script anywhere: the
// Content-Security-Policy allows only the server's own files.
(function () {
  "use strict";

  // A filter's select applies itself when changed.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.submit();
    });
  });

  // Rows whose text holds what is typed stay; the others hide (the form still works without script).
  document.querySelectorAll("input[data-filter-rows]").forEach(function (input) {
    var rows = document.querySelectorAll(input.getAttribute("data-filter-rows"));
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = wanted !== "" && (row.getAttribute("data-text") || "").indexOf(wanted) < 0;
      });
    });
  });

  // The article page's layers: each checkbox shows or hides one kind of mark.
  var text = document.getElementById("text");
  document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });

  // A linked passage is brought into view even when the address had no #target.
  var target = document.getElementById("target");
  if (target && window.location.hash !== "#target") {
    target.scrollIntoView({ block: "center" });
  }
})();
