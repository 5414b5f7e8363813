// sahelnlp report: draws the charts from the data the page carries, sorts the
// incidents table and opens a row's claims. Nothing is fetched.
(function () {
  "use strict";
  const page = JSON.parse(document.getElementById("report-data").textContent);
  const views = {};
  const datasets = Object.assign({}, page.datasets);
  Object.keys(page.aliases).forEach(function (name) { datasets[name] = page.datasets[page.aliases[name]]; });

  function draw(target, spec) {
    if (views[target]) { views[target].finalize(); }
    const full = Object.assign({}, spec, {datasets: datasets});
    return vegaEmbed("#" + target, full, {actions: false, renderer: "svg"}).then(function (result) {
      views[target] = result;
      result.view.addEventListener("click", function (event, item) {
        if (!(item && item.datum && item.datum.href)) { return; }
        if (location.hash === item.datum.href) { openTarget(); } else { location.hash = item.datum.href; }
      });
    }).catch(function (error) {
      document.getElementById(target).textContent = "This chart could not be drawn: " + error;
    });
  }

  function checked(name) {
    return document.querySelector("input[name='" + name + "']:checked").value;
  }

  function drawMap() { return draw("map", page.specs.map[checked("map-colour")]); }
  function drawTimeline() {
    return draw("timeline", page.specs.timeline[checked("timeline-measure") + "/" + checked("timeline-split")]);
  }

  document.querySelectorAll("input[name='map-colour']").forEach(function (input) {
    input.addEventListener("change", drawMap);
  });
  document.querySelectorAll("input[name^='timeline-']").forEach(function (input) {
    input.addEventListener("change", drawTimeline);
  });

  // the incidents table: rows open their claims; headings sort
  const table = document.getElementById("incidents");

  function setOpen(body, open) {
    const button = body.rows[0].querySelector("button.open");
    body.rows[1].hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "▾" : "▸";
  }

  Array.from(table.tBodies).forEach(function (body) {
    setOpen(body, false);
    body.rows[0].querySelector("button.open").addEventListener("click", function () {
      setOpen(body, body.rows[1].hidden);
    });
  });

  // a cell's value to sort by: its data-sort, else its text; null when empty
  function sortKey(body, column, type) {
    const cell = body.rows[0].cells[column];
    const value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (value === "") { return null; }
    return type === "number" ? Number(value) : value.toLowerCase();
  }

  // ascending or descending, with empty values last either way
  function compare(x, y, ascending) {
    if (x === null || y === null) { return (x === null) - (y === null); }
    return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
  }

  const headings = table.querySelectorAll(":scope > thead th");
  headings.forEach(function (heading, column) {
    heading.addEventListener("click", function () {
      const ascending = heading.getAttribute("aria-sort") !== "ascending";
      const type = heading.dataset.type;
      const bodies = Array.from(table.tBodies);
      bodies.sort(function (a, b) {
        return compare(sortKey(a, column, type), sortKey(b, column, type), ascending);
      });
      headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      bodies.forEach(function (body) { table.appendChild(body); });
    });
  });

  function openTarget() {
    const body = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (body && body.tagName === "TBODY") {
      setOpen(body, true);
      body.scrollIntoView({block: "start"});
    }
  }
  window.addEventListener("hashchange", openTarget);

  Promise.all([drawMap(), drawTimeline()]).then(function () {
    document.body.dataset.drawn = "true";
    openTarget();
  });
})();
