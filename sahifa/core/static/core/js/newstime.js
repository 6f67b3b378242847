/* Keeps news times true on cached pages: redoes "Today, 09:47" / "Yesterday, 17:48" /
   "19:48, 1-08-2025" from each <time data-news-time datetime="..."> against the reader's
   clock, in the site's time zone (not the reader's), like sahifa/core/timefmt.py does.
   The words come from the script tag (data-today, data-yesterday, data-zone). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.Intl || !Intl.DateTimeFormat) { return; }
  var words = { today: script.getAttribute("data-today"), yesterday: script.getAttribute("data-yesterday") };
  var parts;
  try {
    parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: script.getAttribute("data-zone"), hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
    });
  } catch (e) {
    return; // an unknown zone: keep the server's words
  }

  function local(date) {
    var out = {};
    parts.formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    out.dayNumber = Date.UTC(+out.year, +out.month - 1, +out.day) / 86400000;
    return out;
  }

  function wordsFor(moment, today) {
    var clock = moment.hour + ":" + moment.minute;
    var days = today.dayNumber - moment.dayNumber;
    if (days === 0) { return words.today.replace("{time}", clock); }
    if (days === 1) { return words.yesterday.replace("{time}", clock); }
    return clock + ", " + (+moment.day) + "-" + moment.month + "-" + moment.year;
  }

  function refresh() {
    var today = local(new Date());
    Array.prototype.forEach.call(document.querySelectorAll("time[data-news-time]"), function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime())) { return; }
      var text = wordsFor(local(when), today);
      if (el.textContent !== text) { el.textContent = text; }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
  // A page left open across midnight catches up within a minute.
  window.setInterval(refresh, 60000);
})();
