/* actorgraph explorer: draws the embedded graph with vis-network and wires the
 * legend, filters, search, date range and the details panel.
 *
 * Every string that comes from a document or a registry reaches the page
 * through textContent or a DOM property, never innerHTML or markup: names,
 * aliases, evidence and titles are untrusted. Nodes and edges carry no vis
 * `title`, so vis-network never shows a tooltip of its own.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("actorgraph-data").textContent);
  var meta = data.meta;
  var SVG = "http://www.w3.org/2000/svg";
  var WEB_URL = /^https?:\/\//i;
  var TOP_RELATIONS = 10;

  var actorsById = new Map();
  data.actors.forEach(function (actor) { actorsById.set(actor.id, actor); });
  var linksById = new Map();
  data.links.forEach(function (link) { linksById.set(link.id, link); });
  var dateIndex = new Map();
  data.dates.forEach(function (date, i) { dateIndex.set(date, i); });

  var nodes = new vis.DataSet(data.vis.nodes);
  var edges = new vis.DataSet(data.vis.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.vis.options);

  var hiddenActors = new Set();
  var hiddenLinks = new Set();
  var selected = null; // {kind: "actor"|"link", id}
  var physicsOn = meta.physics;
  var api = {
    data: data, network: network, nodes: nodes, edges: edges, ready: false,
    find: findActor, focusActor: focusActor, visibleLinkIds: visibleLinkIds,
  };
  window.actorgraph = api;

  // ---- small DOM helpers: text only ----------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function number(n) { return Number(n).toLocaleString("en"); }
  function score(x) { return Number(x).toPrecision(4).replace(/\.?0+$/, ""); }
  function actorName(id) {
    var actor = actorsById.get(id);
    return actor ? actor.name : id;
  }

  // ---- header -------------------------------------------------------------
  var summary = document.getElementById("summary");
  function updateSummary() {
    var shownActors = data.actors.length - hiddenActors.size;
    var shownLinks = data.links.length - hiddenLinks.size;
    summary.textContent = number(shownActors) + " of " + number(data.actors.length) +
      " actors and " + number(shownLinks) + " of " + number(data.links.length) +
      " links shown (" + number(data.relations) + " relations); node size: " + data.size_by +
      (meta.physics ? "" : "; layout computed in advance");
  }
  if (data.trim) {
    var note = document.getElementById("trim-note");
    note.textContent = "Showing the " + number(data.trim.kept) + " actors with the highest " +
      data.trim.metric + " of " + number(data.trim.total) + "; left out: " +
      number(data.trim.actors_left_out) + " actors and " +
      number(data.trim.relations_left_out) + " relations.";
    note.hidden = false;
  }

  // ---- legend and filters -------------------------------------------------
  function shapeSwatch(style) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "swatch");
    var shape;
    if (style.shape === "dot") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "7"); shape.setAttribute("cy", "7"); shape.setAttribute("r", "6");
    } else if (style.shape === "square") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", "1"); shape.setAttribute("y", "1");
      shape.setAttribute("width", "12"); shape.setAttribute("height", "12");
    } else {
      var points = {
        diamond: "7,0 14,7 7,14 0,7",
        triangle: "7,0 14,13 0,13",
        star: "7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5",
      }[style.shape] || "7,0 14,7 7,14 0,7";
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", points);
    }
    shape.style.fill = style.color;
    svg.appendChild(shape);
    return svg;
  }
  function lineSwatch(color) {
    var line = el("span", "line");
    line.style.borderColor = color;
    return line;
  }
  function addCheckbox(fieldset, value, swatch, label, count) {
    var row = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", applyFilters);
    row.append(box, swatch, el("span", null, label), el("span", "count", number(count)));
    fieldset.appendChild(row);
  }
  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (item) { counts.set(item[key], (counts.get(item[key]) || 0) + 1); });
    return counts;
  }
  var typeFilter = document.getElementById("type-filter");
  var typeCounts = countBy(data.actors, "type");
  var unknownStyle = { color: "#999999", shape: "dot" };
  Object.keys(meta.actorStyles).concat(
    Array.from(typeCounts.keys()).filter(function (t) { return !(t in meta.actorStyles); })
  ).forEach(function (type) {
    if (!typeCounts.has(type)) return;
    addCheckbox(typeFilter, type, shapeSwatch(meta.actorStyles[type] || unknownStyle), type,
      typeCounts.get(type));
  });
  var familyFilter = document.getElementById("family-filter");
  var familyCounts = countBy(data.links, "family");
  Object.keys(meta.familyColors).forEach(function (family) {
    if (!familyCounts.has(family)) return;
    addCheckbox(familyFilter, family, lineSwatch(meta.familyColors[family]), family,
      familyCounts.get(family));
  });

  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  if (data.dates.length > 0) {
    document.getElementById("date-filter").hidden = false;
    [dateFrom, dateTo].forEach(function (input) {
      input.max = String(data.dates.length - 1);
      input.addEventListener("input", applyFilters);
    });
    dateFrom.value = "0";
    dateTo.value = String(data.dates.length - 1);
  }

  function checked(fieldset) {
    var on = new Set();
    fieldset.querySelectorAll("input:checked").forEach(function (box) { on.add(box.value); });
    return on;
  }

  function applyFilters() {
    var types = checked(typeFilter);
    var families = checked(familyFilter);
    var low = Number(dateFrom.value || 0);
    var high = Number(dateTo.value || 0);
    if (low > high) { var swap = low; low = high; high = swap; }
    if (data.dates.length > 0) {
      document.getElementById("date-from-value").textContent = data.dates[low];
      document.getElementById("date-to-value").textContent = data.dates[high];
    }
    function inWindow(index) {
      var date = data.events[index].date;
      if (!date || data.dates.length === 0) return true;
      var at = dateIndex.get(date);
      return at >= low && at <= high;
    }
    var nodeChanges = [];
    data.actors.forEach(function (actor) {
      var hide = !types.has(actor.type);
      if (hide !== hiddenActors.has(actor.id)) {
        if (hide) hiddenActors.add(actor.id); else hiddenActors.delete(actor.id);
        nodeChanges.push({ id: actor.id, hidden: hide });
      }
    });
    var edgeChanges = [];
    data.links.forEach(function (link) {
      var hide = !families.has(link.family) || hiddenActors.has(link.source) ||
        hiddenActors.has(link.target) || !link.events.some(inWindow);
      if (hide !== hiddenLinks.has(link.id)) {
        if (hide) hiddenLinks.add(link.id); else hiddenLinks.delete(link.id);
        edgeChanges.push({ id: link.id, hidden: hide });
      }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    updateSummary();
  }

  function visibleLinkIds() {
    return data.links.filter(function (link) { return !hiddenLinks.has(link.id); })
      .map(function (link) { return link.id; });
  }

  // ---- search -------------------------------------------------------------
  function normalise(text) {
    return String(text).toLowerCase().replace(/\s+/g, " ").trim();
  }
  var names = [];
  data.actors.forEach(function (actor) {
    [actor.name, actor.id].concat(actor.aliases).forEach(function (form) {
      names.push({ form: normalise(form), id: actor.id });
    });
  });
  // The suggestion list is built when the search box is first used: thousands
  // of <option>s would otherwise delay the first interactive frame.
  function offerNames() {
    var datalist = document.getElementById("actor-names");
    var offered = new Set();
    data.actors.forEach(function (actor) {
      [actor.name].concat(actor.aliases).forEach(function (form) {
        if (offered.has(form)) return;
        offered.add(form);
        var option = document.createElement("option");
        option.value = form;
        datalist.appendChild(option);
      });
    });
  }
  document.getElementById("search").addEventListener("focus", offerNames, { once: true });

  // Exact name or alias first, then the start of one, then anywhere in one;
  // among equals, the most central actor.
  function findActor(query) {
    var q = normalise(query);
    if (!q) return null;
    var tests = [
      function (form) { return form === q; },
      function (form) { return form.startsWith(q); },
      function (form) { return form.indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      var best = null;
      for (var i = 0; i < names.length; i++) {
        if (!tests[t](names[i].form)) continue;
        var actor = actorsById.get(names[i].id);
        if (!best || actor.score > best.score) best = actor;
      }
      if (best) return best.id;
    }
    return null;
  }

  function focusActor(query) {
    var result = document.getElementById("search-result");
    var id = findActor(query);
    if (id === null) {
      result.textContent = "No actor matches \u201c" + query + "\u201d.";
      return null;
    }
    var actor = actorsById.get(id);
    result.textContent = "Found " + actor.name +
      (hiddenActors.has(id) ? " (hidden by the type filter)" : "") + ".";
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    selected = { kind: "actor", id: id };
    showActor(id);
    return id;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    focusActor(document.getElementById("search").value);
  });

  // ---- details panel ------------------------------------------------------
  var details = document.getElementById("details");

  function fieldList(pairs) {
    var list = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      list.append(el("dt", null, pair[0]), el("dd", null, pair[1]));
    });
    return list;
  }

  function showActor(id) {
    var actor = actorsById.get(id);
    if (!actor) return;
    clear(details);
    details.appendChild(el("h2", null, actor.name));
    details.appendChild(fieldList([
      ["Type", actor.type],
      ["Country", actor.country],
      ["Wikidata", actor.wikidata],
      ["Id", actor.id],
      ["Degree", number(actor.degree)],
      // The size metric, unless it is the degree just shown.
      [data.size_by === "degree" ? "" : data.size_by, score(actor.score)],
    ].filter(function (pair) { return pair[0] !== ""; })));
    if (actor.aliases.length) {
      details.appendChild(el("h3", null, "Aliases"));
      var aliases = el("ul");
      actor.aliases.forEach(function (alias) { aliases.appendChild(el("li", null, alias)); });
      details.appendChild(aliases);
    }
    var partners = new Map();
    network.getConnectedEdges(id).forEach(function (linkId) {
      var link = linksById.get(linkId);
      var other = link.source === id ? link.target : link.source;
      var entry = partners.get(other) || { events: 0, families: new Set() };
      entry.events += link.events.length;
      entry.families.add(link.family);
      partners.set(other, entry);
    });
    if (partners.size) {
      details.appendChild(el("h3", null, "Top relations"));
      var top = el("ul");
      Array.from(partners.entries())
        .sort(function (a, b) { return b[1].events - a[1].events; })
        .slice(0, TOP_RELATIONS)
        .forEach(function (entry) {
          top.appendChild(el("li", null, actorName(entry[0]) + " \u2014 " +
            entry[1].events + " relation" + (entry[1].events === 1 ? "" : "s") +
            " (" + Array.from(entry[1].families).join(", ") + ")"));
        });
      details.appendChild(top);
    }
  }

  function documentLine(event) {
    var line = el("div", "source");
    var label = event.title || (event.doc ? "document " + event.doc : "no document");
    if (event.url && WEB_URL.test(event.url)) {
      var link = el("a", null, label);
      link.href = event.url; // a DOM property, and only ever an http(s) URL
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      line.append("Source: ", link);
    } else {
      line.append("Source: " + label);
      if (event.url) line.append(" (" + event.url + ")");
    }
    return line;
  }

  function showLink(id) {
    var link = linksById.get(id);
    if (!link) return;
    clear(details);
    var joiner = link.directed ? " \u2192 " : " \u2014 ";
    details.appendChild(el("h2", null, actorName(link.source) + joiner + actorName(link.target)));
    details.appendChild(el("p", null, link.family + (link.planned ? " (planned)" : "") + ": " +
      link.events.length + " relation" + (link.events.length === 1 ? "" : "s") + " from " +
      link.documents + " document" + (link.documents === 1 ? "" : "s")));
    link.events.forEach(function (index) {
      var event = data.events[index];
      var box = el("div", "event");
      box.appendChild(el("div", "what", [event.type, event.modality, event.date]
        .filter(Boolean).join(" \u00b7 ")));
      if (event.role) box.appendChild(el("div", null, "Role: " + event.role));
      if (event.evidence) box.appendChild(el("blockquote", "evidence", event.evidence));
      if (event.origin === "registry") box.appendChild(el("div", "source", "Source: actor registry"));
      else box.appendChild(documentLine(event));
      details.appendChild(box);
    });
  }

  function showSelected() {
    if (!selected) {
      clear(details);
      details.appendChild(el("p", "hint",
        "Hover or click an actor or a link to see its details and evidence."));
    } else if (selected.kind === "actor") {
      showActor(selected.id);
    } else {
      showLink(selected.id);
    }
  }

  network.on("click", function (params) {
    if (params.nodes.length) selected = { kind: "actor", id: params.nodes[0] };
    else if (params.edges.length) selected = { kind: "link", id: params.edges[0] };
    else selected = null;
    showSelected();
  });
  network.on("hoverNode", function (params) { showActor(params.node); });
  network.on("blurNode", showSelected);

  // ---- physics and readiness ----------------------------------------------
  var physicsButton = document.getElementById("physics-toggle");
  function updatePhysicsButton() {
    physicsButton.textContent = physicsOn ? "Freeze layout" : "Unfreeze layout (physics)";
    physicsButton.setAttribute("aria-pressed", String(!physicsOn));
  }
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    updatePhysicsButton();
  });

  // Ready = the first frame drawn once the layout is final. vis-network draws
  // on the next animation frame by itself; forcing a redraw here would draw a
  // large graph twice. The fallback covers a layout change that draws nothing.
  function markReady() {
    network.once("afterDrawing", function () {
      api.ready = true;
      api.readyAt = performance.now(); // ms since navigation, for bench/render.py
      document.body.dataset.ready = "true";
    });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { if (!api.ready) network.redraw(); });
    });
  }
  if (meta.physics) {
    // Bounded stabilisation, then stop: the page must not keep the CPU busy.
    network.once("stabilizationIterationsDone", function () {
      physicsOn = false;
      network.setOptions({ physics: { enabled: false } });
      updatePhysicsButton();
      markReady();
    });
  } else {
    markReady();
  }

  updatePhysicsButton();
  applyFilters();
  if (data.actors.length === 0) {
    details.appendChild(el("p", null, "No actors match the filters of this page."));
  }
})();
