/* 养老服务查询 — for a portal page that embeds the checker in an iframe.
   Resizes every <iframe data-yanglao> to the height the checker reports, so
   the page scrolls as one. It reads only that height: the checker never
   sends what a person answered. No other effect on the host page. */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "yanglao:height" || typeof data.height !== "number") {
      return;
    }
    var frames = document.querySelectorAll("iframe[data-yanglao]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) {
        continue;
      }
      // Only the checker the iframe was pointed at may resize it.
      if (new URL(frame.src, location.href).origin !== event.origin) {
        continue;
      }
      var height = Math.max(200, Math.min(50000, Math.ceil(data.height)));
      frame.style.height = height + "px";
    }
  });
})();
