/* podfeed's page script, shared by every page (assets/player.<hash>.js).
   Every page works without it: the browser's own audio controls play, the
   chapter times are links to #t=SECONDS, the feed address can be selected
   and copied by hand. With it: chapter times seek the player, the chapter
   playing is highlighted, skip and speed buttons appear, copy and share
   buttons work. No framework. */
(function () {
  "use strict";
  var d = document;

  function each(sel, f, root) {
    Array.prototype.forEach.call((root || d).querySelectorAll(sel), f);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (ok, fail) {
      var t = d.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.style.position = "fixed";
      t.style.opacity = "0";
      d.body.appendChild(t);
      t.select();
      var done = false;
      try { done = d.execCommand("copy"); } catch (e) { done = false; }
      d.body.removeChild(t);
      if (done) { ok(); } else { fail(new Error("copy refused")); }
    });
  }

  // Copy buttons: data-copy names the input (or element) whose text to copy,
  // data-status the element that says it worked.
  each("button[data-copy]", function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var src = d.getElementById(b.getAttribute("data-copy"));
      var status = d.getElementById(b.getAttribute("data-status"));
      var text = src ? (src.value !== undefined ? src.value : src.textContent) : "";
      copyText(text).then(function () {
        if (status) { status.textContent = "Copied: " + text; }
      }, function () {
        if (src && src.select) { src.select(); }
        if (status) { status.textContent = "Press Ctrl+C (⌘C) to copy the selected address."; }
      });
    });
  });

  // The system's share sheet, where there is one.
  if (navigator.share) {
    each("button[data-share]", function (b) {
      b.parentNode.hidden = false;
      b.addEventListener("click", function () {
        navigator.share({ title: b.getAttribute("data-title") || d.title, url: b.getAttribute("data-share") })
          .catch(function () {});
      });
    });
  }

  function setup(player) {
    var box = player.closest(".player") || player.parentNode;
    var starts = (player.getAttribute("data-chapters") || "").split(" ").filter(Boolean).map(parseFloat);
    var titles = [];
    var now = box.querySelector(".now");

    // A clip plays from its start and pauses at clipEnd; any other seek
    // ends the clip.
    var clipEnd = -1;
    function seek(t, play) {
      if (!(t >= 0)) { return; }
      clipEnd = -1;
      player.currentTime = t;
      player.setAttribute("data-seek", String(t));
      mark();
      if (play) {
        var p = player.play();
        if (p && p.catch) { p.catch(function () {}); }
      }
    }
    // Setting currentTime before the audio has loaded is allowed (playback
    // then starts there); data-seek keeps the request in case loading
    // resets it.
    player.addEventListener("loadedmetadata", function () {
      var t = parseFloat(player.getAttribute("data-seek"));
      if (t > 0 && Math.abs(player.currentTime - t) > 0.5) { player.currentTime = t; }
    });

    each("button[data-skip]", function (b) {
      b.addEventListener("click", function () {
        var to = player.currentTime + parseFloat(b.getAttribute("data-skip"));
        if (isFinite(player.duration)) { to = Math.min(to, player.duration); }
        seek(Math.max(0, to), false);
      });
    }, box);
    each("select[data-rate]", function (s) {
      s.addEventListener("change", function () {
        player.playbackRate = parseFloat(s.value) || 1;
      });
      player.addEventListener("ratechange", function () {
        s.value = String(player.playbackRate);
      });
    }, box);
    each(".controls", function (c) { c.hidden = false; }, box);

    // The links that seek this player: on a page with one player, every
    // chapter time on the page.
    var scope = d.querySelectorAll("audio[data-player]").length > 1 ? box : d;
    each("a[data-start]", function (a) {
      var t = parseFloat(a.getAttribute("data-start"));
      var i = starts.indexOf(t);
      if (i >= 0 && !titles[i]) {
        var row = a.closest("li, p");
        titles[i] = row ? row.textContent.replace(a.textContent, "").trim() : "";
      }
      a.addEventListener("click", function (e) {
        e.preventDefault();
        seek(t, true);
      });
    }, scope);

    // Soundbite buttons play just their clip.
    each("button[data-clip]", function (b) {
      var r = b.getAttribute("data-clip").split(" ").map(parseFloat);
      b.hidden = false;
      b.addEventListener("click", function () {
        seek(r[0], true);
        clipEnd = r[1];
      });
    }, scope);
    player.addEventListener("timeupdate", function () {
      if (clipEnd >= 0 && player.currentTime >= clipEnd) {
        clipEnd = -1;
        player.pause();
      }
    });

    var current = -2;
    function mark() {
      var t = player.currentTime, i = -1;
      for (var k = 0; k < starts.length; k++) {
        if (starts[k] <= t + 0.05) { i = k; }
      }
      if (i === current) { return; }
      current = i;
      each("a[data-start]", function (a) {
        var on = i >= 0 && parseFloat(a.getAttribute("data-start")) === starts[i];
        var row = a.closest("li, p") || a;
        row.classList.toggle("playing", on);
        if (on) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
      }, scope);
      if (now) {
        now.textContent = i >= 0 && titles[i] ? "Chapter " + (i + 1) + " of " + starts.length + ": " + titles[i] : "";
      }
    }
    player.addEventListener("timeupdate", mark);
    player.addEventListener("seeked", mark);
    player.addEventListener("play", function () {
      each("audio[data-player]", function (other) {
        if (other !== player) { other.pause(); }
      });
    });

    // A link to #t=SECONDS starts the player there.
    var m = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash);
    if (m && player.id === "player") { seek(parseFloat(m[1]), false); }
    player.setAttribute("data-ready", "");
  }
  each("audio[data-player]", setup);

})();
