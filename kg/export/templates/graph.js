/* kg HTML view: the behaviour of graph.html (kg/export/templates/graph.html.j2).
 *
 * Everything shown comes from the JSON in #kg-data, and text taken from it reaches the page only
 * through textContent or attribute setters, never innerHTML: a paper title is data, not markup.
 * window.kgView exposes the network and a few actions for tests and the curious.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  var view = { ready: false, readyAt: null, stabilizedAt: null, data: data };
  window.kgView = view;

  var kindStyle = {};
  data.legend.kinds.forEach(function (k) { kindStyle[k.kind] = k; });
  var relationStyle = {};
  data.legend.relations.forEach(function (r) { relationStyle[r.relation] = r; });

  // --- small DOM helpers (text only) -----------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function safeUrl(url) {
    // Only web links: a javascript: or data: URL in a paper record must not become a link.
    try {
      var parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (e) { return null; }
  }

  // --- the data ---------------------------------------------------------------------------------
  var nodeIndex = {};
  data.nodes.forEach(function (n, i) { nodeIndex[n.id] = i; });
  var edgeIndex = {};
  data.edges.forEach(function (e, i) { edgeIndex[e.id] = i; });
  function nodeInfo(id) { return data.nodeInfo[nodeIndex[id]]; }
  function edgeInfo(id) { return data.edgeInfo[edgeIndex[id]]; }
  function nodeName(id) {
    var info = nodeInfo(id);
    return info ? (info.kind === "Paper" ? info.title : info.label) : id;
  }
  var incident = {};
  data.nodes.forEach(function (n) { incident[n.id] = []; });
  data.edges.forEach(function (e) { incident[e.from].push(e.id); incident[e.to].push(e.id); });

  var baseEdgeColor = {};
  data.edges.forEach(function (e) {
    baseEdgeColor[e.id] = e.color;
    e.color = { color: e.color, highlight: e.color, hover: e.color, opacity: 1 };
  });
  data.nodes.forEach(function (n) { n.hidden = false; });
  data.edges.forEach(function (e) { e.hidden = false; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  view.nodes = nodes;
  view.edges = edges;

  var state = { kinds: {}, relations: {}, minConfidence: 0, focus: null };
  data.legend.kinds.forEach(function (k) { state.kinds[k.kind] = true; });
  data.legend.relations.forEach(function (r) { state.relations[r.relation] = true; });

  // --- header, note, legend and filters ---------------------------------------------------------
  document.getElementById("stats").textContent =
    fmt(data.nodes.length) + " nodes \u00b7 " + fmt(data.edges.length) + " edges" +
    (meta.shown < meta.total ? " (of " + fmt(meta.total) + " nodes)" : "");
  if (meta.note) {
    var note = document.getElementById("note");
    note.textContent = meta.note;
    note.hidden = false;
  }

  function shapeIcon(shape, color) {
    var icon = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var attrs = { fill: color, stroke: "#00000055", "stroke-width": 1 };
    var mark;
    if (shape === "square") {
      mark = svg("rect", { x: 2.5, y: 2.5, width: 11, height: 11 });
    } else if (shape === "diamond") {
      mark = svg("polygon", { points: "8,1.5 14.5,8 8,14.5 1.5,8" });
    } else if (shape === "triangle") {
      mark = svg("polygon", { points: "8,1.5 14.5,14 1.5,14" });
    } else if (shape === "star") {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var r = i % 2 ? 3.2 : 7, a = Math.PI / 5 * i - Math.PI / 2;
        pts.push((8 + r * Math.cos(a)).toFixed(2) + "," + (8.6 + r * Math.sin(a)).toFixed(2));
      }
      mark = svg("polygon", { points: pts.join(" ") });
    } else {
      mark = svg("circle", { cx: 8, cy: 8, r: 6 });
    }
    Object.keys(attrs).forEach(function (k) { mark.setAttribute(k, attrs[k]); });
    icon.appendChild(mark);
    return icon;
  }
  function lineIcon(color, dashes) {
    var icon = svg("svg", { width: 26, height: 12, viewBox: "0 0 26 12", "aria-hidden": "true" });
    var line = svg("line", { x1: 1, y1: 6, x2: 19, y2: 6, stroke: color, "stroke-width": 2.5 });
    if (dashes) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    icon.appendChild(line);
    icon.appendChild(svg("polygon", { points: "18,1.5 25,6 18,10.5", fill: color }));
    return icon;
  }
  function filterRow(container, id, checked, icon, label, count, onChange) {
    var row = el("label");
    row.setAttribute("for", id);
    var box = el("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    var text = el("span", null, label);
    row.appendChild(box);
    row.appendChild(icon);
    row.appendChild(text);
    row.appendChild(el("span", "count", fmt(count)));
    container.appendChild(row);
    return box;
  }
  var kindBoxes = {};
  var kindFilters = document.getElementById("kind-filters");
  data.legend.kinds.forEach(function (k) {
    kindBoxes[k.kind] = filterRow(kindFilters, "kind-" + k.kind, true, shapeIcon(k.shape, k.color),
      k.label, k.count, function (on) { setKind(k.kind, on); });
  });
  var relationBoxes = {};
  var relationFilters = document.getElementById("relation-filters");
  data.legend.relations.forEach(function (r) {
    relationBoxes[r.relation] = filterRow(relationFilters, "relation-" + r.relation, true,
      lineIcon(r.color, r.dashes), r.label, r.count, function (on) { setRelation(r.relation, on); });
  });
  var hideMentions = document.getElementById("hide-mentions");
  hideMentions.addEventListener("change", function () { setRelation("mentions", !hideMentions.checked); });
  // An edge's confidence is how often edges of its rule were right on held-out papers, so the
  // slider keeps the edges at least that likely to be right.
  var minConfidence = document.getElementById("min-confidence");
  var minConfidenceValue = document.getElementById("min-confidence-value");
  minConfidence.addEventListener("input", function () { setMinConfidence(parseFloat(minConfidence.value)); });

  // --- visibility: kind and relation filters ----------------------------------------------------
  function nodeVisible(n) { return state.kinds[nodeInfo(n.id).kind] !== false; }
  function confidentEnough(e) {
    var confidence = edgeInfo(e.id).confidence;
    return typeof confidence !== "number" || confidence >= state.minConfidence;
  }
  function applyVisibility() {
    var nodeUpdates = [], edgeUpdates = [], shown = {};
    data.nodes.forEach(function (n) {
      var visible = nodeVisible(n);
      shown[n.id] = visible;
      if (nodes.get(n.id).hidden === visible) { nodeUpdates.push({ id: n.id, hidden: !visible }); }
    });
    data.edges.forEach(function (e) {
      var visible = state.relations[e.relation] !== false && confidentEnough(e) && shown[e.from] && shown[e.to];
      if (edges.get(e.id).hidden === visible) { edgeUpdates.push({ id: e.id, hidden: !visible }); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (state.focus !== null) { highlight(state.focus); }
  }
  function setKind(kind, on) {
    state.kinds[kind] = !!on;
    kindBoxes[kind].checked = !!on;
    applyVisibility();
  }
  function setRelation(relation, on) {
    state.relations[relation] = !!on;
    relationBoxes[relation].checked = !!on;
    if (relation === "mentions") { hideMentions.checked = !on; }
    applyVisibility();
  }
  function setMinConfidence(value) {
    state.minConfidence = value;
    minConfidence.value = String(value);
    minConfidenceValue.textContent = value.toFixed(2);
    applyVisibility();
  }
  view.setKind = setKind;
  view.setRelation = setRelation;
  view.setMinConfidence = setMinConfidence;

  // --- the network ------------------------------------------------------------------------------
  var container = document.getElementById("graph");
  var options = data.options;
  // JSON cannot carry a function. Node and label sizes grow with the logarithm of the paper
  // count on a fixed scale (1 paper smallest, 1,000 or more largest), not relative to this
  // graph's range: an entity of 2 papers looks the same in a small view as in a large one.
  options.nodes.scaling.customScalingFunction = function (min, max, total, value) {
    return Math.max(0, Math.min(1, Math.log10(Math.max(value, 1)) / 3));
  };
  // vis empties its container, so the overlays live beside it, in #stage.
  document.getElementById("empty").hidden = data.nodes.length > 0;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  view.network = network;

  function markReady() {
    if (view.ready) { return; }
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
    if (meta.focus && meta.focus.length && nodeIndex[meta.focus[0]] !== undefined) {
      select(meta.focus[0], false);
    }
  }
  var loading = document.getElementById("loading");
  network.on("stabilized", function () {
    if (view.stabilizedAt === null) { view.stabilizedAt = performance.now(); }
  });
  if (meta.physics === "stabilize") {
    loading.hidden = false;
    network.on("stabilizationProgress", function (p) {
      document.getElementById("progress").textContent = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      loading.hidden = true;
      // Without a precomputed layout the physics stops after its (bounded) warm-up, so a large
      // graph does not keep the CPU busy; small graphs on a precomputed layout keep it, so
      // dragging a node pulls its neighbours along.
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }
  if (!data.nodes.length) { markReady(); }

  // --- cards: what a node or an edge is ---------------------------------------------------------
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function badge(text, color) {
    var b = el("span", "badge", text);
    b.style.background = color;
    return b;
  }
  function nodeCard(id, withLink) {
    var info = nodeInfo(id);
    var card = el("div", "kg-card");
    var head = el("div", "head");
    var style = kindStyle[info.kind] || { color: "#888", label: info.kind };
    head.appendChild(badge(style.label, style.color));
    head.appendChild(el("span", "name", info.kind === "Paper" ? info.title : info.label));
    card.appendChild(head);
    var dl = el("dl");
    if (info.kind === "Paper") {
      row(dl, "Year", info.year);
      row(dl, "Id", info.id);
      if (info.authors) { row(dl, "Authors", info.authors.join(", ")); }
      var url = info.url ? safeUrl(info.url) : null;
      if (url && withLink) {
        var a = el("a", null, url);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        row(dl, "Link", a);
      } else {
        row(dl, "Link", info.url);
      }
    } else {
      row(dl, "Type", info.kind);
      row(dl, "Aliases", info.aliases.length ? info.aliases.join(", ") : "\u2014");
      row(dl, "Family", info.family);
      row(dl, "Papers", fmt(info.papers));
    }
    row(dl, "Edges", fmt(incident[id].length) + " in this view");
    card.appendChild(dl);
    return card;
  }
  function edgeCard(id) {
    var e = data.edges[edgeIndex[id]];
    var info = edgeInfo(id);
    var style = relationStyle[info.relation] || { color: "#888", label: info.relation };
    var card = el("div", "kg-card");
    var head = el("div", "head");
    head.appendChild(badge(style.label, style.color));
    head.appendChild(el("span", "name", nodeName(e.from) + " \u2192 " + nodeName(e.to)));
    card.appendChild(head);
    var dl = el("dl");
    row(dl, "Relation", info.relation);
    row(dl, "Confidence", typeof info.confidence === "number" ? info.confidence.toFixed(2) : info.confidence);
    if (info.surface) { row(dl, "As written", info.surface.join(", ")); }
    row(dl, "Rule", info.rule);
    card.appendChild(dl);
    var evidence = data.evidence[info.evidence];
    if (evidence) { card.appendChild(el("blockquote", "evidence", evidence)); }
    return card;
  }
  view.nodeCard = nodeCard;
  view.edgeCard = edgeCard;

  var hoverCard = document.getElementById("card");
  function showCard(content, pointer) {
    clear(hoverCard);
    hoverCard.appendChild(content);
    hoverCard.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 16, y = box.top + pointer.y + 16;
    var w = hoverCard.offsetWidth, h = hoverCard.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = Math.max(8, box.left + pointer.x - w - 16); }
    if (y + h > window.innerHeight - 8) { y = Math.max(8, window.innerHeight - h - 8); }
    hoverCard.style.left = x + "px";
    hoverCard.style.top = y + "px";
  }
  function hideCard() { hoverCard.hidden = true; }
  network.on("hoverNode", function (p) { showCard(nodeCard(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showCard(edgeCard(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideCard);
  network.on("blurEdge", hideCard);
  network.on("dragStart", hideCard);
  network.on("zoom", hideCard);

  var details = document.getElementById("details-body");
  function showDetails(content) { clear(details); details.appendChild(content); }

  // --- highlight a neighbourhood ----------------------------------------------------------------
  // Fading through the DataSets re-parses every node's and edge's options: 0.7 s for 2,000
  // nodes, too slow for a click. vis-network 9 keeps each item's drawing options on
  // network.body; changing those and redrawing takes about 10 ms. If a vis-network version
  // moves them, the DataSets are used instead.
  var INK = "#1d2733", INK_FADED = "#1d273333", HALO = "#ffffff", HALO_FADED = "#ffffff33";
  var FADED_NODE = 0.15, FADED_EDGE = 0.07;
  var body = network.body;
  var direct = !window.__kgUseDataSets && data.nodes.every(function (n) {
    var node = body && body.nodes && body.nodes[n.id];
    return node && node.options && node.labelModule && node.labelModule.fontOptions;
  }) && data.edges.every(function (e) {
    var edge = body.edges[e.id];
    return edge && edge.options && edge.options.color && typeof edge.options.color === "object";
  });
  var faded = false;
  function paint(near, lit) {  // near/lit: ids to keep bright; null: all bright
    if (direct) {
      data.nodes.forEach(function (n) {
        var node = body.nodes[n.id], on = !near || !!near[n.id];
        node.options.opacity = on ? 1 : FADED_NODE;
        var font = node.labelModule.fontOptions, ink = on ? INK : INK_FADED;
        if (font.color !== ink) {
          font.color = ink;
          font.strokeColor = on ? HALO : HALO_FADED;
          node.labelModule.labelDirty = true;  // the label caches its laid-out text and colour
        }
      });
      data.edges.forEach(function (e) {
        body.edges[e.id].options.color.opacity = !lit || lit[e.id] ? 1 : FADED_EDGE;
      });
      network.redraw();
    } else {
      nodes.update(data.nodes.map(function (n) {
        var on = !near || !!near[n.id];
        return { id: n.id, opacity: on ? 1 : FADED_NODE, font: { color: on ? INK : INK_FADED, strokeColor: on ? HALO : HALO_FADED } };
      }));
      edges.update(data.edges.map(function (e) {
        var c = baseEdgeColor[e.id];
        return { id: e.id, color: { color: c, highlight: c, hover: c, opacity: !lit || lit[e.id] ? 1 : FADED_EDGE } };
      }));
    }
    faded = !!near;
  }
  view.opacity = function () {  // node id -> opacity as drawn (for tests)
    var out = {};
    data.nodes.forEach(function (n) {
      var o = direct ? body.nodes[n.id].options.opacity : nodes.get(n.id).opacity;
      out[n.id] = o === undefined ? 1 : o;
    });
    return out;
  };
  view.edgeOpacity = function () {  // edge id -> opacity as drawn (for tests)
    var out = {};
    data.edges.forEach(function (e) {
      var o = direct ? body.edges[e.id].options.color.opacity : edges.get(e.id).color.opacity;
      out[e.id] = o === undefined ? 1 : o;
    });
    return out;
  };
  function highlight(id) {
    state.focus = id;
    var near = {};
    near[id] = true;
    var lit = {};
    incident[id].forEach(function (eid) {
      var e = edges.get(eid);
      if (e.hidden) { return; }
      lit[eid] = true;
      near[e.from] = true;
      near[e.to] = true;
    });
    paint(near, lit);
  }
  function clearHighlight() {
    state.focus = null;
    if (faded) { paint(null, null); }
    network.unselectAll();
  }
  function select(id, move) {
    var info = nodeInfo(id);
    if (!info) { return; }
    if (state.kinds[info.kind] === false) { setKind(info.kind, true); }
    network.selectNodes([id]);
    highlight(id);
    showDetails(nodeCard(id, true));
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }
  }
  view.select = select;
  view.clearHighlight = clearHighlight;
  network.on("click", function (p) {
    if (p.nodes.length) {
      select(p.nodes[0], false);
    } else if (p.edges.length) {
      clearHighlight();
      showDetails(edgeCard(p.edges[0]));
    } else {
      clearHighlight();
    }
  });
  document.getElementById("clear").addEventListener("click", clearHighlight);
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  // --- search with suggestions ------------------------------------------------------------------
  var entries = data.nodes.map(function (n) {
    var info = nodeInfo(n.id);
    var name = info.kind === "Paper" ? info.title : info.label;
    var others = info.kind === "Paper" ? [info.id] : info.aliases.slice();
    return {
      id: n.id, name: name, low: name.toLowerCase(), kind: info.kind,
      others: others, othersLow: others.map(function (a) { return String(a).toLowerCase(); }),
      weight: info.kind === "Paper" ? 0 : info.papers
    };
  });
  function search(query, limit) {
    var q = String(query).trim().toLowerCase();
    if (!q) { return []; }
    var hits = [];
    entries.forEach(function (entry) {
      var score = -1, also = null;
      if (entry.low === q) { score = 0; }
      else if (entry.low.indexOf(q) === 0) { score = 2; }
      else {
        for (var i = 0; i < entry.othersLow.length; i++) {
          var alias = entry.othersLow[i];
          if (alias === q) { score = 1; also = entry.others[i]; break; }
          if (alias.indexOf(q) === 0 && (score < 0 || score > 3)) { score = 3; also = entry.others[i]; }
          else if (alias.indexOf(q) > 0 && score < 0) { score = 5; also = entry.others[i]; }
        }
        if ((score < 0 || score > 4) && entry.low.indexOf(q) > 0) { score = 4; also = null; }
      }
      if (score >= 0) { hits.push({ entry: entry, score: score, also: also }); }
    });
    hits.sort(function (a, b) {
      return a.score - b.score || b.entry.weight - a.entry.weight ||
        (a.entry.low < b.entry.low ? -1 : a.entry.low > b.entry.low ? 1 : 0);
    });
    return hits.slice(0, limit || 12);
  }
  view.search = function (query) { return search(query).map(function (h) { return h.entry.id; }); };

  var input = document.getElementById("search");
  var list = document.getElementById("suggestions");
  var current = [], active = -1;
  function closeList() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  }
  function renderList() {
    clear(list);
    current = search(input.value);
    if (!input.value.trim()) { closeList(); return; }
    if (!current.length) {
      list.appendChild(el("li", "empty", "No match"));
    }
    current.forEach(function (hit, i) {
      var item = el("li");
      item.id = "suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", i === active ? "true" : "false");
      item.appendChild(shapeIcon((kindStyle[hit.entry.kind] || {}).shape, (kindStyle[hit.entry.kind] || {}).color));
      var name = el("span", "name", hit.entry.name);
      name.title = hit.entry.name;
      item.appendChild(name);
      if (hit.also) { item.appendChild(el("span", "also", "(" + hit.also + ")")); }
      item.appendChild(el("span", "kind", hit.entry.kind));
      item.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      list.appendChild(item);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function choose(i) {
    var hit = current[i];
    if (!hit) { return; }
    input.value = hit.entry.name;
    closeList();
    select(hit.entry.id, true);
  }
  function setActive(i) {
    active = Math.max(-1, Math.min(current.length - 1, i));
    Array.prototype.forEach.call(list.children, function (item, j) {
      item.setAttribute("aria-selected", j === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", "suggestion-" + active);
      list.children[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  input.addEventListener("input", function () { active = -1; renderList(); });
  input.addEventListener("focus", function () { if (input.value.trim()) { renderList(); } });
  input.addEventListener("blur", closeList);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); if (list.hidden) { renderList(); } setActive(active + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); setActive(active - 1); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      if (list.hidden) { current = search(input.value); }
      choose(active >= 0 ? active : 0);
    } else if (ev.key === "Escape") { closeList(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && ev.target !== input) { clearHighlight(); hideCard(); }
  });
})();
