// Search page: the index was loaded by the shard scripts into window.QT_SEARCH (works from file://).
// Entries: [text, speaker, when, figure href, quotation href, article url, outlet]. Results are built with
// textContent and only relative or http(s) hrefs, so index text can never become markup or a script.
(function () {
  "use strict";
  var MAX_RESULTS = 200;
  var shards = window.QT_SEARCH || [];
  var entries = [];
  shards.forEach(function (shard) { entries = entries.concat(shard); });
  var haystack = entries.map(function (e) { return (e[0] + " \u0001 " + e[1]).toLowerCase(); });
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var list = document.getElementById("results");

  function link(href, label) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = label;
    return a;
  }

  function isWebUrl(url) { return /^https?:\/\//i.test(url); }
  function isSiteUrl(url) { return /^(people|quotes)\/[0-9]+(-[0-9]+)?\.html$/.test(url); }

  function render(matches) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    matches.slice(0, MAX_RESULTS).forEach(function (e) {
      var li = document.createElement("li");
      var quote = document.createElement("blockquote");
      quote.textContent = "\u201C" + e[0] + "\u201D";
      li.appendChild(quote);
      var who = document.createElement("div");
      who.className = "who";
      if (e[1] && isSiteUrl(e[3])) { who.appendChild(link(e[3], e[1])); }
      else { who.appendChild(document.createTextNode(e[1] || "speaker not resolved")); }
      who.appendChild(document.createTextNode(" \u00B7 " + (e[2] || "date unknown") + " \u00B7 "));
      if (isWebUrl(e[5])) { who.appendChild(link(e[5], e[6] || "source")); }
      else { who.appendChild(document.createTextNode(e[6] || "")); }
      if (isSiteUrl(e[4])) {
        who.appendChild(document.createTextNode(" \u00B7 "));
        who.appendChild(link(e[4], "all articles"));
      }
      li.appendChild(who);
      list.appendChild(li);
    });
  }

  function search() {
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { render([]); status.textContent = entries.length + " quotations indexed."; return; }
    var matches = [];
    for (var i = 0; i < entries.length; i += 1) {
      var text = haystack[i];
      if (words.every(function (w) { return text.indexOf(w) !== -1; })) { matches.push(entries[i]); }
    }
    render(matches);
    status.textContent = matches.length + " found" + (matches.length > MAX_RESULTS ? ", first " + MAX_RESULTS + " shown" : "") + ".";
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; }
  search();
})();
