// storyline serve: the story page's timeline, zoomed and panned. The server drew the whole
// span (serve/timeline.py); this draws the part in view again, the same way: days to x on a
// linear scale, so gaps stay true, and marks stacked in lanes where they would touch.
(function () {
  "use strict";
  var figure = document.getElementById("axis");
  if (!figure) return;
  var svg = figure.querySelector("svg");
  var tickGroup = svg.querySelector(".ticks");
  var SVG_NS = "http://www.w3.org/2000/svg";
  var WIDTH = 960, LEFT = 12, RIGHT = 12, LANE = 14, TOP = 24, AXIS = 28, MARK = 8, GAP = 3, MOST_LANES = 16;
  var MIN_DAYS = 7;
  // Day numbers are Python's date ordinals: day 1 is 1 January of year 1.
  var EPOCH_ORDINAL = 719163;
  var DAY_MS = 86400000;
  var full = [Number(figure.getAttribute("data-first")), Number(figure.getAttribute("data-last"))];
  var view = full.slice();
  var marks = Array.prototype.map.call(svg.querySelectorAll(".mark"), function (element) {
    return {
      element: element,
      rect: element.querySelector("rect"),
      first: Number(element.getAttribute("data-first")),
      last: Number(element.getAttribute("data-last")),
      entry: element.getAttribute("data-entry")
    };
  });
  marks.sort(function (a, b) { return a.first - b.first || b.last - a.last; });

  function scale() { return (WIDTH - LEFT - RIGHT) / (view[1] - view[0]); }
  function dayToDate(day) { return new Date((day - EPOCH_ORDINAL) * DAY_MS); }
  function dateToDay(date) { return Math.round(date.getTime() / DAY_MS) + EPOCH_ORDINAL; }
  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function layout() {
    var k = scale();
    var laneEnds = [];
    marks.forEach(function (mark) {
      var x = LEFT + (mark.first - view[0]) * k;
      var width = Math.max(MARK, (mark.last + 1 - mark.first) * k);
      var shown = x + width >= 0 && x <= WIDTH;
      mark.element.classList.toggle("off", !shown);
      if (!shown) return;
      var lane = -1;
      for (var i = 0; i < laneEnds.length; i++) {
        if (laneEnds[i] + GAP <= x) { lane = i; break; }
      }
      if (lane < 0) {
        if (laneEnds.length < MOST_LANES) { lane = laneEnds.length; laneEnds.push(0); }
        else { lane = laneEnds.indexOf(Math.min.apply(null, laneEnds)); }
      }
      laneEnds[lane] = Math.max(laneEnds[lane], x + width);
      mark.rect.setAttribute("x", x.toFixed(1));
      mark.rect.setAttribute("width", width.toFixed(1));
      mark.rect.setAttribute("y", TOP + lane * LANE);
    });
    var height = AXIS + LANE * Math.max(1, laneEnds.length) + 8;
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + height);
    drawTicks(k, height);
  }

  function tickDays() {
    var span = view[1] - view[0];
    var start = dayToDate(view[0]), end = dayToDate(view[1]);
    var found = [], step, y, m, d;
    var fit = (WIDTH - LEFT - RIGHT) / 80;
    if (span > 3 * 365) {
      step = Math.max(1, Math.round(span / 365 / fit));
      for (y = start.getUTCFullYear() + 1; y <= end.getUTCFullYear(); y++) {
        if (y % step === 0) found.push([dateToDay(new Date(Date.UTC(y, 0, 1))), String(y)]);
      }
    } else if (span > 90) {
      step = Math.max(1, Math.round(span / 30 / fit));
      for (m = start.getUTCFullYear() * 12 + start.getUTCMonth() + 1; m <= end.getUTCFullYear() * 12 + end.getUTCMonth(); m++) {
        if (m % step === 0) found.push([dateToDay(new Date(Date.UTC(Math.floor(m / 12), m % 12, 1))), Math.floor(m / 12) + "-" + pad(m % 12 + 1)]);
      }
    } else {
      step = Math.max(1, Math.round(span / fit));
      for (d = Math.ceil(view[0]); d <= view[1]; d++) {
        if (d % step === 0) {
          var date = dayToDate(d);
          found.push([d, date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate())]);
        }
      }
    }
    return found;
  }

  function drawTicks(k, height) {
    while (tickGroup.firstChild) tickGroup.removeChild(tickGroup.firstChild);
    tickDays().forEach(function (tick) {
      var x = LEFT + (tick[0] - view[0]) * k;
      if (x < 0 || x > WIDTH) return;
      var line = document.createElementNS(SVG_NS, "line");
      line.setAttribute("x1", x.toFixed(1)); line.setAttribute("x2", x.toFixed(1));
      line.setAttribute("y1", 18); line.setAttribute("y2", height);
      var label = document.createElementNS(SVG_NS, "text");
      label.setAttribute("x", (x + 3).toFixed(1)); label.setAttribute("y", 13);
      label.textContent = tick[1];
      tickGroup.appendChild(line); tickGroup.appendChild(label);
    });
  }

  function clamp() {
    var span = Math.min(full[1] - full[0], Math.max(MIN_DAYS, view[1] - view[0]));
    var start = Math.min(Math.max(view[0], full[0]), full[1] - span);
    view = [start, start + span];
  }

  function zoom(factor, centre) {
    if (centre === undefined) centre = (view[0] + view[1]) / 2;
    view = [centre - (centre - view[0]) / factor, centre + (view[1] - centre) / factor];
    clamp();
    layout();
  }

  function dayAt(clientX) {
    var box = svg.getBoundingClientRect();
    var x = (clientX - box.left) * WIDTH / box.width;
    return view[0] + (x - LEFT) / scale();
  }

  figure.querySelectorAll("button[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "in") zoom(2);
      else if (how === "out") zoom(0.5);
      else { view = full.slice(); layout(); }
    });
  });

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, dayAt(event.clientX));
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, view: view.slice(), moved: false };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var box = svg.getBoundingClientRect();
    var dx = (event.clientX - drag.x) * WIDTH / box.width;
    if (Math.abs(dx) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    if (!drag.moved) return;
    var days = dx / ((WIDTH - LEFT - RIGHT) / (drag.view[1] - drag.view[0]));
    view = [drag.view[0] - days, drag.view[1] - days];
    clamp();
    layout();
  });
  window.addEventListener("pointerup", function () {
    if (drag && drag.moved) {
      // The click that ends a drag is not a click on a mark.
      svg.addEventListener("click", function swallow(event) { event.preventDefault(); svg.removeEventListener("click", swallow, true); }, true);
    }
    drag = null;
    svg.classList.remove("dragging");
  });

  // A mark and its entry in the list are selected together.
  function select(number) {
    marks.forEach(function (mark) { mark.element.classList.toggle("selected", mark.entry === number); });
    document.querySelectorAll("li.entry.selected").forEach(function (item) { item.classList.remove("selected"); });
    var item = document.getElementById("entry-" + number);
    if (item) item.classList.add("selected");
  }
  marks.forEach(function (mark) {
    mark.element.addEventListener("click", function () { select(mark.entry); });
  });
  if (window.location.hash.indexOf("#entry-") === 0) select(window.location.hash.slice(7));
})();
