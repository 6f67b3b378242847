/* The header's weather, finished in the browser so cached pages stay right for everyone:
   shows the city the reader chose (remembered in localStorage) and hides readings that
   have grown too old while the page sat in a cache. */
(function () {
  "use strict";
  var KEY = "sahifa.weather.city";

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(city) {
    try { window.localStorage.setItem(KEY, city); } catch (e) { /* private mode */ }
  }

  function setUp(widget) {
    var items = Array.prototype.slice.call(widget.querySelectorAll("[data-weather-city]"));
    var now = Date.now();
    items = items.filter(function (item) {
      if (Date.parse(item.getAttribute("data-expires")) > now) { return true; }
      item.parentNode.removeChild(item);
      return false;
    });
    var select = widget.querySelector("[data-weather-select]");
    if (select) {
      Array.prototype.slice.call(select.options).forEach(function (option) {
        var alive = items.some(function (i) { return i.getAttribute("data-weather-city") === option.value; });
        if (!alive) { select.removeChild(option); }
      });
    }
    if (!items.length) { widget.hidden = true; return; }

    function show(city) {
      var found = items.some(function (i) { return i.getAttribute("data-weather-city") === city; });
      if (!found) { city = items[0].getAttribute("data-weather-city"); }
      items.forEach(function (i) { i.hidden = i.getAttribute("data-weather-city") !== city; });
      if (select) { select.value = city; }
    }
    show(remembered());
    if (select && select.options.length > 1) {
      select.closest("label").hidden = false;
      select.addEventListener("change", function () { remember(select.value); show(select.value); });
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-weather]"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
