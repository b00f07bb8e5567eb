// Figure page: filter the quotation cards of this page by year, outlet, type and text.
(function () {
  "use strict";
  var year = document.getElementById("f-year");
  var outlet = document.getElementById("f-outlet");
  var type = document.getElementById("f-type");
  var text = document.getElementById("f-text");
  var shown = document.getElementById("shown");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.quote"));
  var texts = cards.map(function (card) { return card.textContent.toLowerCase(); });

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var count = 0;
    cards.forEach(function (card, i) {
      var match = (!year.value || card.getAttribute("data-year") === year.value) &&
        (!outlet.value || card.getAttribute("data-outlets").indexOf(" " + outlet.value + " ") !== -1) &&
        (!type.value || card.getAttribute("data-types").indexOf(" " + type.value + " ") !== -1) &&
        (!needle || texts[i].indexOf(needle) !== -1);
      card.classList.toggle("hidden", !match);
      if (match) { count += 1; }
    });
    document.querySelectorAll("section.month, section.year").forEach(function (section) {
      section.classList.toggle("hidden", !section.querySelector("article.quote:not(.hidden)"));
    });
    shown.textContent = count + " of " + cards.length + " shown";
  }

  [year, outlet, type].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
