// Counts a view once the article page has loaded, then shows the fresh total in place.
// A beacon (not the HTML) counts, so views are right when pages come from a cache or CDN.
(function () {
  "use strict";
  var counter = document.querySelector("[data-view-beacon]");
  if (!counter || !window.fetch) return;

  function send() {
    fetch(counter.getAttribute("data-view-beacon"), {
      method: "POST",
      credentials: "omit",
      keepalive: true,
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.status === 200 ? response.json() : null;
    }).then(function (data) {
      if (data && typeof data.views === "number") counter.textContent = String(data.views);
    }).catch(function () { /* a lost beacon is a lost view, nothing more */ });
  }

  function whenLoaded() {
    if (document.readyState === "complete") send();
    else window.addEventListener("load", send, { once: true });
  }

  // A prerendered page is not read yet: count it only when the reader opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", whenLoaded, { once: true });
  } else {
    whenLoaded();
  }
})();
