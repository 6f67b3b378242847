// "Copy link" on article pages: shown only where this script runs, copies the
// article's address and says so to every reader (the status is a live region).
(function () {
  document.querySelectorAll("[data-share-url]").forEach(function (button) {
    var status = button.closest(".share").querySelector("[data-share-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-url");
      var say = function (ok) {
        status.textContent = button.getAttribute(ok ? "data-copied" : "data-failed");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { say(true); }, function () { say(false); });
        return;
      }
      // Plain http (no clipboard API): a selected text field and the older copy command.
      var field = document.createElement("textarea");
      field.value = url;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(field);
      say(copied);
    });
  });
})();
