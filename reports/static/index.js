// Index tables: filter rows as you type, sort by clicking a column header. No innerHTML anywhere.
(function () {
  "use strict";
  var table = document.querySelector("table.sortable");
  if (!table) { return; }
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");

  function applyFilter() {
    var needle = filter ? filter.value.trim().toLowerCase() : "";
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var match = !needle || (row.getAttribute("data-name") || "").indexOf(needle) !== -1;
      row.classList.toggle("hidden", !match);
      if (match) { count += 1; }
    });
    if (shown) { shown.textContent = count + " of " + body.rows.length + " shown"; }
  }

  function sortBy(header, column) {
    var numeric = header.getAttribute("data-sort") === "number";
    var descending = !header.classList.contains("sorted-desc");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.classList.remove("sorted-asc", "sorted-desc");
    });
    header.classList.add(descending ? "sorted-desc" : "sorted-asc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].textContent.trim().toLowerCase();
      var y = b.cells[column].textContent.trim().toLowerCase();
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    if (header.hasAttribute("data-sort")) {
      header.addEventListener("click", function () { sortBy(header, column); });
    }
  });
  if (filter) { filter.addEventListener("input", applyFilter); applyFilter(); }
})();
