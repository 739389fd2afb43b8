/* podfeed's page script, shared by every page (assets/player.<hash>.js).
   Every page works without it: the browser's own audio controls play, the
   chapter and transcript times are links to #t=SECONDS, the transcript
   reads as text, the feed address can be selected and copied by hand.
   With it: chapter times seek the player, the chapter playing is
   highlighted, the transcript follows the player (the cue being said is
   lit and kept in view, a cue clicked seeks to it), skip and speed
   buttons appear, copy and share buttons work. No framework. */
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
    var clipEnd = -1, followers = [];
    function seek(t, play) {
      if (!(t >= 0)) { return; }
      clipEnd = -1;
      player.currentTime = t;
      player.setAttribute("data-seek", String(t));
      mark();
      followers.forEach(function (f) { f(); });
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
    // The controls show once the page is marked as scripted: the layout
    // does it in its head, a show's own older layout may not.
    d.documentElement.classList.add("js");

    // The links that seek this player: on a page with one player, every
    // chapter time on the page.
    var scope = d.querySelectorAll("audio[data-player]").length > 1 ? box : d;
    each("a[data-start]", function (a) {
      var t = parseFloat(a.getAttribute("data-start"));
      var i = starts.indexOf(t);
      if (i >= 0 && !titles[i] && !a.closest(".cues")) {
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
        if (a.closest(".cues")) { return; }
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
    if (player.id === "player") {
      each(".transcript .cues", function (box) { followers.push(follow(player, box, seek)); });
    }
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
  // The transcript follows the player: the cue being said is lit (and
  // aria-current) and kept in view inside the transcript's box, unless the
  // reader scrolled it a moment ago; a click on a cue seeks to it, unless
  // it selected text.
  function follow(player, box, seek) {
    var cues = box.querySelectorAll("span[data-end]");
    var from = [], to = [];
    Array.prototype.forEach.call(cues, function (c) {
      from.push(parseFloat(c.getAttribute("data-start")));
      to.push(parseFloat(c.getAttribute("data-end")));
    });
    var lit = -1, touched = 0;
    var smooth = !(window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches);
    box.classList.add("live");

    // The last cue that starts at or before t, if t is before its end.
    function at(t) {
      var lo = 0, hi = from.length - 1, i = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (from[mid] <= t) { i = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      return i >= 0 && t < Math.max(to[i], from[i] + 0.25) ? i : -1;
    }
    function keep(c) {
      if (Date.now() - touched < 4000) { return; }
      var top = c.offsetTop, view = box.scrollTop;
      if (top >= view + 8 && top + c.offsetHeight <= view + box.clientHeight - 8) { return; }
      var y = Math.max(0, top - box.clientHeight / 3);
      if (box.scrollTo) { box.scrollTo({ top: y, behavior: smooth ? "smooth" : "auto" }); } else { box.scrollTop = y; }
    }
    function update() {
      // Nothing is being said before the player first plays or seeks.
      var t = player.currentTime;
      var i = t > 0 || !player.paused ? at(t + 0.05) : -1;
      if (i === lit) { return; }
      if (lit >= 0) {
        cues[lit].classList.remove("said");
        cues[lit].removeAttribute("aria-current");
        cues[lit].parentNode.classList.remove("saying");
      }
      lit = i;
      if (i >= 0) {
        cues[i].classList.add("said");
        cues[i].setAttribute("aria-current", "true");
        cues[i].parentNode.classList.add("saying");
        keep(cues[i]);
      }
    }
    ["wheel", "touchmove", "keydown"].forEach(function (type) {
      box.addEventListener(type, function () { touched = Date.now(); }, { passive: true });
    });
    box.addEventListener("click", function (e) {
      var c = e.target.closest && e.target.closest("span[data-end]");
      var sel = window.getSelection && String(window.getSelection());
      if (!c || sel) { return; }
      touched = 0;
      seek(parseFloat(c.getAttribute("data-start")), true);
    });
    player.addEventListener("timeupdate", update);
    player.addEventListener("seeked", update);
    update();
    return update;
  }

  each("audio[data-player]", setup);

})();
