// The quick exit, made quicker where the browser runs this script (after GOV.UK's "Exit this page").
// Every page works without it: the exit is a plain link to /exit, and every link and form works as usual.
//
// With it:
// - the exit blanks the page at once and replaces the current entry in the history, so Back does not return;
// - in another site's frame, the frame's entry is set to the guide's start before leaving, so Back to that
//   site shows the start, not the page she was on;
// - pressing Shift three times within five seconds leaves too;
// - moving within the guide replaces the history entry instead of adding one, and so does the free-text
//   form (sent with fetch, then the reply's address replaces the page), so after the exit Back goes to
//   what was open before the guide, not through her path.
// Nothing is stored, and nothing is sent anywhere but this site.
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var exitLink = document.querySelector("a.exit");
  if (!exitLink || !window.location.replace) {
    return;
  }

  // In another site's frame: the history entry of the page around the frame remembers the frame's
  // address, and Back would show the guide where she left it. Point it at the start of the guide
  // before leaving, and whenever the page around the frame is left by its own exit link.
  var framedStart = window.top !== window.self ? exitLink.getAttribute("data-start") : null;
  function forgetWhereSheWas() {
    if (framedStart && window.history && window.history.replaceState) {
      try {
        window.history.replaceState(null, "", framedStart);
      } catch (refused) {
        // Nothing to forget where the browser does not allow it.
      }
    }
  }
  window.addEventListener("pagehide", forgetWhereSheWas);

  function leave() {
    document.documentElement.classList.add("leaving");
    document.title = "";
    forgetWhereSheWas();
    var target = exitLink.href;
    if (exitLink.target === "_top" && window.top !== window.self) {
      try {
        window.top.location.replace(target);
        return;
      } catch (refused) {
        // The frame may not steer the page around it: leave the frame itself.
      }
    }
    window.location.replace(target);
  }

  exitLink.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  var presses = 0;
  var lastPress = 0;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses = event.timeStamp - lastPress > SHIFT_WINDOW_MS ? 1 : presses + 1;
    lastPress = event.timeStamp;
    if (presses >= SHIFT_PRESSES) {
      leave();
    }
  });

  // A link within the guide: same site, a page (not a file under /static/), opened in this tab as is.
  function withinGuide(link) {
    return (
      link.origin === window.location.origin &&
      (link.protocol === "http:" || link.protocol === "https:") &&
      !link.target &&
      !link.hasAttribute("download") &&
      link.pathname.indexOf("/static/") !== 0 &&
      !(link.hash && link.pathname === window.location.pathname && link.search === window.location.search)
    );
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && link !== exitLink && withinGuide(link)) {
      event.preventDefault();
      window.location.replace(link.href);
    }
  });

  var ask = document.querySelector("form.ask");
  if (ask && window.fetch && window.URLSearchParams) {
    ask.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = new URLSearchParams(new FormData(ask));
      fetch(ask.action, { method: "POST", body: body, credentials: "omit", cache: "no-store", redirect: "follow" })
        .then(function (response) {
          if (response.redirected && response.ok) {
            window.location.replace(response.url);
          } else {
            ask.submit();
          }
        })
        .catch(function () {
          ask.submit();
        });
    });
  }
})();
