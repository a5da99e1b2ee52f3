// Lagebild web UI: plain JavaScript, no library, nothing from the network but this server's API.
// Every string from the store is put into the page as text (textContent / text nodes), never as
// HTML. Dates are ISO strings and are shown as they are (no Date object, no time-zone shift).
// Each page reads its state from the URL (path and query), so every view is a permalink.
"use strict";

const API = "/api/v1";
const LAYER_PAGES = {
  quotes: { title: "Quotes", hide: ["idx", "start_char", "end_char", "doc_id", "speaker_id"] },
  events: { title: "Events", hide: ["idx", "start_char", "end_char", "doc_id"] },
  stances: { title: "Stances", hide: ["idx", "start_char", "end_char", "doc_id"] },
  commitments: { title: "Commitments", hide: ["idx", "start_char", "end_char", "doc_id"] },
  timexes: { title: "Dates and times", hide: ["idx", "start_char", "end_char", "doc_id"] },
  figures: { title: "Figures", hide: ["idx", "start_char", "end_char", "doc_id"] },
};
const FILTERS = ["actor", "type", "from", "to", "language", "outlet"];

// -- DOM helpers: text only ------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) append(node, child);
  return node;
}

function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) child.forEach((c) => append(node, c));
  else if (child instanceof Node) node.appendChild(child);
  else node.appendChild(document.createTextNode(String(child)));
}

// links: our own paths, or http(s) addresses; anything else (javascript:, data:) goes nowhere
function safeHref(value) {
  const text = String(value);
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  if (/^https?:\/\//i.test(text)) return text;
  return "#";
}

function path(...parts) {
  return "/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
}

function withQuery(base, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

function main() {
  return document.getElementById("main");
}

function show(...children) {
  const target = main();
  target.replaceChildren();
  append(target, children);
}

function setTitle(text) {
  document.title = text ? `${text} · Lagebild` : "Lagebild";
}

// an ISO date as it is ("2022-02-08"); a longer value keeps its date part and time as written
function isoDate(value) {
  if (value === null || value === undefined || value === "") return "–";
  return String(value);
}

// -- API -----------------------------------------------------------------------------------------
class ApiFailure extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `request failed (${status})`);
    this.status = status;
    this.hint = err.hint || null;
  }
}

async function api(route, params) {
  const response = await fetch(withQuery(API + route, params || {}), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) throw new ApiFailure(response.status, body);
  return body;
}

function failure(error) {
  return el("div", { class: "error", role: "alert" }, el("strong", {}, "Error: "), error.message,
    error.hint ? el("div", { class: "muted" }, error.hint) : null);
}

// a search snippet: the matched words between <mark> and </mark> become <mark> elements; all
// other characters (also any markup in the article) stay text
function snippet(text) {
  const out = el("span", { class: "snippet" });
  String(text || "").split(/<mark>|<\/mark>/).forEach((part, i) => {
    append(out, i % 2 ? el("mark", {}, part) : part);
  });
  return out;
}

function pager(data, params) {
  if (!data.next_cursor) return null;
  const next = withQuery(location.pathname, { ...params, cursor: data.next_cursor });
  return el("p", { class: "pager" }, el("a", { href: next, class: "next" }, "Next page →"));
}

function docLink(id, title) {
  return el("a", { href: path("documents", id), class: "doc-link" }, title || id);
}

function actorLink(id, name) {
  if (!id) return name ? String(name) : "–";
  return el("a", { href: path("actors", id), class: "actor-link" }, name || id);
}

// -- pages -----------------------------------------------------------------------------------------
async function searchPage(params) {
  const q = params.get("q") || "";
  const language = params.get("language") || "";
  setTitle(q ? `Search: ${q}` : "Search");
  const form = el("form", { class: "filters", method: "get", action: "/search", role: "search" },
    el("label", {}, "Words, \"phrases\", a OR b, -word",
      el("input", { class: "q", type: "search", name: "q", value: q, autofocus: true, "aria-label": "Search" })),
    languageSelect(language),
    el("button", { type: "submit" }, "Search"));
  if (!q) {
    show(el("h1", {}, "Search"), form, await overview());
    return;
  }
  show(el("h1", {}, "Search"), form, el("p", { class: "muted" }, "Searching…"));
  try {
    const data = await api("/search", { q, language, cursor: params.get("cursor") });
    const list = el("ol", { class: "results" }, data.items.map((hit) => el("li", { class: "result" },
      docLink(hit.export_id, hit.title || hit.export_id), " ",
      el("span", { class: "meta" }, isoDate(hit.published), hit.language ? ` · ${hit.language}` : ""),
      el("div", {}, snippet(hit.snippet)))));
    show(el("h1", {}, "Search"), form,
      data.items.length ? list : el("p", { class: "muted empty" }, "Nothing found."), pager(data, { q, language }));
  } catch (error) {
    show(el("h1", {}, "Search"), form, failure(error));
  }
}

async function overview() {
  try {
    const health = await api("/health");
    return el("p", { class: "muted" }, `${health.documents} documents in the store (${health.backend}).`);
  } catch (error) {
    return failure(error);
  }
}

function languageSelect(value) {
  const select = el("select", { name: "language" },
    [["", "any language"], ["de", "German"], ["en", "English"]].map(([code, label]) =>
      el("option", { value: code, selected: code === value }, label)));
  return el("label", {}, "Language", select);
}

async function documentsPage(params) {
  setTitle("Documents");
  const state = Object.fromEntries(["actor", "from", "to", "language", "outlet", "cursor"].map((k) => [k, params.get(k) || ""]));
  const form = filterForm("/documents", state, ["actor", "from", "to", "language", "outlet"]);
  try {
    const data = await api("/documents", state);
    const rows = data.items.map((d) => el("tr", {},
      el("td", {}, isoDate(d.published)), el("td", {}, docLink(d.export_id || d.id, d.title || d.export_id || d.id)),
      el("td", {}, d.outlet || ""), el("td", {}, d.language || "")));
    show(el("h1", {}, "Documents"), form, el("table", { class: "rows" },
      el("thead", {}, el("tr", {}, ["published", "title", "outlet", "language"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)), data.items.length ? null : el("p", { class: "muted empty" }, "No documents."),
    pager(data, { ...state, cursor: null }));
  } catch (error) {
    show(el("h1", {}, "Documents"), form, failure(error));
  }
}

// -- the document reader -----------------------------------------------------------------------------
const HIGHLIGHTS = [
  { layer: "mentions", key: "actors", label: "Actors", cls: "hl-actor" },
  { layer: "timexes", key: "time", label: "Dates", cls: "hl-time" },
  { layer: "quotes", key: "quotes", label: "Quotes", cls: "hl-quote" },
  { layer: "figures", key: "figures", label: "Figures", cls: "hl-figure" },
  { layer: "events", key: "events", label: "Events", cls: "hl-event" },
];

function spansOf(doc) {
  const spans = [];
  HIGHLIGHTS.forEach((h, priority) => {
    (doc[h.layer] || []).forEach((ann, index) => {
      const start = Number(ann.start);
      const end = Number(ann.end);
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
        spans.push({ start, end, h, ann, index, priority });
      }
    });
  });
  return spans.sort(compareSpans);
}

function compareSpans(a, b) {
  return a.start - b.start || b.end - a.end || a.priority - b.priority;
}

function spanNode(span, doc) {
  const { h, ann, index } = span;
  if (h.layer === "mentions") {
    const title = `${ann.text || ""} → ${doc.actorNames[ann.actor] || ann.actor || "unresolved"}`;
    return ann.actor
      ? el("a", { class: `hl ${h.cls}`, href: path("actors", ann.actor), title, "data-actor": ann.actor })
      : el("span", { class: `hl ${h.cls}`, title });
  }
  if (h.layer === "quotes") {
    const who = ann.speaker_name || ann.speaker || "unknown speaker";
    return el("mark", { class: `hl ${h.cls}`, title: `${ann.kind || "quote"} — ${who}`, "data-quote": index,
      "data-speaker": who });
  }
  if (h.layer === "timexes") return el("span", { class: `hl ${h.cls}`, title: `${ann.type || "date"}: ${ann.value || ""}` });
  if (h.layer === "figures") {
    return el("span", { class: `hl ${h.cls}`, title: `${ann.value ?? ""} ${ann.unit || ""}`.trim() });
  }
  return el("span", { class: `hl ${h.cls}`, title: `event ${ann.type || ""}`.trim() });
}

// Offsets count Unicode code points (as Python does); JavaScript strings count UTF-16 units, so the
// text is cut as an array of code points. Nested spans nest; a span crossing another's end is split.
function highlighted(chars, spans, from, to, doc) {
  const frag = document.createDocumentFragment();
  let pos = from;
  let rest = spans;
  while (rest.length) {
    const span = rest[0];
    const start = Math.max(span.start, pos);
    const end = Math.min(span.end, to);
    if (start >= end) {
      rest = rest.slice(1);
      continue;
    }
    append(frag, chars.slice(pos, start).join(""));
    const inner = [];
    const later = [];
    for (const other of rest.slice(1)) {
      if (other.start >= end) later.push(other);
      else if (other.end <= end) inner.push(other);
      else {
        inner.push({ ...other, end });
        later.push({ ...other, start: end });
      }
    }
    const node = spanNode(span, doc);
    node.appendChild(highlighted(chars, inner.sort(compareSpans), start, end, doc));
    frag.appendChild(node);
    pos = end;
    rest = later.sort(compareSpans);
  }
  append(frag, chars.slice(pos, to).join(""));
  return frag;
}

function toggles(article, params) {
  const off = new Set((params.get("off") || "").split(",").filter(Boolean));
  const box = el("div", { class: "toggles" }, "Show: ");
  for (const h of HIGHLIGHTS) {
    const input = el("input", { type: "checkbox", name: h.key, checked: !off.has(h.key) });
    article.classList.toggle(`off-${h.key}`, off.has(h.key));
    input.addEventListener("change", () => {
      if (input.checked) off.delete(h.key);
      else off.add(h.key);
      article.classList.toggle(`off-${h.key}`, off.has(h.key));
      const query = new URLSearchParams(location.search);
      if (off.size) query.set("off", [...off].join(","));
      else query.delete("off");
      history.replaceState(null, "", query.toString() ? `${location.pathname}?${query}` : location.pathname);
    });
    box.appendChild(el("label", {}, input, ` ${h.label}`));
  }
  return box;
}

function panel(title, items, render) {
  if (!items || !items.length) return null;
  return el("section", { class: `panel panel-${title.toLowerCase()}` }, el("h3", {}, `${title} (${items.length})`),
    el("ul", {}, items.map((item) => el("li", {}, render(item)))));
}

async function documentPage(id, params) {
  let doc;
  try {
    doc = await api(path("documents", id));
  } catch (error) {
    setTitle("Document");
    show(el("h1", {}, "Document"), failure(error));
    return;
  }
  setTitle(doc.title || doc.id);
  doc.actorNames = Object.fromEntries((doc.actors || []).map((a) => [a.id, a.name]));
  const chars = Array.from(doc.text || "");
  const article = el("div", { class: "article", lang: doc.language || null });
  article.appendChild(highlighted(chars, spansOf(doc), 0, chars.length, doc));
  const meta = el("p", { class: "meta" }, `published ${isoDate(doc.published)}`,
    doc.outlet ? ` · ${doc.outlet}` : "", doc.author ? ` · ${doc.author}` : "", doc.language ? ` · ${doc.language}` : "",
    doc.url ? [" · ", el("a", { href: doc.url, rel: "noopener noreferrer nofollow" }, "source")] : null);
  const side = el("aside", {},
    panel("Quotes", doc.quotes, (q) => [el("span", { class: "speaker" }, actorLink(q.speaker, q.speaker_name || q.speaker)),
      el("span", { class: "tag" }, q.kind || "quote"), q.date ? el("span", { class: "tag" }, isoDate(q.date)) : null,
      el("div", { class: "quote-text" }, q.text)]),
    panel("Actors", doc.actors, (a) => [actorLink(a.id, a.name), el("span", { class: "tag" }, a.type || "")]),
    panel("Dates", doc.timexes, (t) => [t.text, " → ", el("code", {}, isoDate(t.value))]),
    panel("Figures", doc.figures, (f) => [f.text, " = ", String(f.value ?? ""), f.unit ? ` ${f.unit}` : ""]),
    panel("Events", doc.events, (e) => [el("strong", {}, e.type || "event"), " ",
      actorLink(e.source, doc.actorNames[e.source] || e.source), " → ", actorLink(e.target, doc.actorNames[e.target] || e.target),
      e.date ? el("span", { class: "tag" }, isoDate(e.date)) : null]),
    panel("Stances", doc.stances, (s) => [actorLink(s.actor, doc.actorNames[s.actor] || s.actor), ` ${s.polarity || ""} `, s.issue || ""]),
    panel("Commitments", doc.commitments, (c) => [actorLink(c.actor, doc.actorNames[c.actor] || c.actor),
      el("span", { class: "tag" }, c.kind || ""), ` ${c.content || ""}`, c.deadline ? el("span", { class: "tag" }, `by ${isoDate(c.deadline)}`) : null]));
  show(el("h1", { class: "doc-title" }, doc.title || doc.id), meta, toggles(article, params),
    el("div", { class: "doc" }, article, side));
}

// -- actors ----------------------------------------------------------------------------------------------
async function actorsPage(params) {
  setTitle("Actors");
  const state = { q: params.get("q") || "", type: params.get("type") || "", cursor: params.get("cursor") || "" };
  const form = el("form", { class: "filters", method: "get", action: "/actors" },
    el("label", {}, "Name", el("input", { type: "search", name: "q", value: state.q })),
    el("label", {}, "Type", el("input", { name: "type", value: state.type, placeholder: "person, state …" })),
    el("button", { type: "submit" }, "Filter"));
  try {
    const data = await api("/actors", state);
    show(el("h1", {}, "Actors"), form, el("table", { class: "rows" },
      el("thead", {}, el("tr", {}, ["actor", "type", "documents", "mentions"].map((h) => el("th", {}, h)))),
      el("tbody", {}, data.items.map((a) => el("tr", {}, el("td", {}, actorLink(a.id, a.name)), el("td", {}, a.type || ""),
        el("td", {}, String(a.documents)), el("td", {}, String(a.mentions)))))), pager(data, { ...state, cursor: null }));
  } catch (error) {
    show(el("h1", {}, "Actors"), form, failure(error));
  }
}

async function actorPage(id) {
  let actor;
  try {
    actor = await api(path("actors", id));
  } catch (error) {
    setTitle("Actor");
    show(el("h1", {}, "Actor"), failure(error));
    return;
  }
  setTitle(actor.name || actor.id);
  const roles = (actor.roles || []).map((r) => el("tr", {}, el("td", {}, r.name || r.role),
    el("td", {}, isoDate(r.from)), el("td", {}, r.to ? isoDate(r.to) : "today"), el("td", {}, r.acting ? "acting" : "")));
  const head = [el("h1", { class: "actor-name" }, actor.name || actor.id),
    el("p", { class: "meta" }, `${actor.type || "actor"} · in ${actor.documents} documents, ${actor.mentions} mentions`,
      actor.in_knowledge_base ? "" : " · not in the knowledge base"),
    el("p", { class: "actor-views" }, el("a", { href: withQuery("/timeline", { actor: actor.id }), class: "timeline-link" }, "Timeline"),
      " · ", el("a", { href: withQuery("/ledger", { actor: actor.id }) }, "Commitments ledger"),
      " · ", el("a", { href: withQuery("/documents", { actor: actor.id }) }, "Documents"))];
  const rolesTable = roles.length
    ? el("section", {}, el("h2", {}, "Roles over time"), el("table", { class: "rows roles" },
      el("thead", {}, el("tr", {}, ["role", "from", "to", ""].map((h) => el("th", {}, h)))), el("tbody", {}, roles)))
    : null;
  show(head, rolesTable, el("p", { class: "muted" }, "Loading quotes…"));
  const sections = await Promise.all([
    actorSection("Quotes", "quotes", actor.id, (q) => [el("span", { class: "tag" }, isoDate(q.quote_date)), " ", q.text, " ",
      docLink(q.doc_export_id || q.doc_id, q.doc_title)]),
    actorSection("Events", "events", actor.id, (e) => [el("span", { class: "tag" }, isoDate(e.event_date)), " ",
      el("strong", {}, e.type || ""), ` ${e.source_id || ""} → ${e.target_id || ""} `, docLink(e.doc_export_id || e.doc_id, e.doc_title)]),
    actorSection("Stances", "stances", actor.id, (s) => [el("span", { class: "tag" }, isoDate(s.stance_date)),
      ` ${s.polarity || ""} ${s.issue || ""} `, docLink(s.doc_export_id || s.doc_id, s.doc_title)]),
    actorSection("Commitments", "commitments", actor.id, (c) => [el("span", { class: "tag" }, c.kind || ""), ` ${c.content || ""} `,
      c.deadline ? el("span", { class: "tag" }, `by ${isoDate(c.deadline)}`) : null, docLink(c.doc_export_id || c.doc_id, c.doc_title)]),
  ]);
  show(head, rolesTable, sections);
}

async function actorSection(title, route, actorId, render) {
  try {
    const data = await api(`/${route}`, { actor: actorId, limit: 100 });
    if (!data.items.length) return null;
    return el("section", { class: `actor-${route}` }, el("h2", {}, title),
      el("ul", {}, data.items.map((row) => el("li", {}, render(row)))),
      data.next_cursor ? el("a", { href: withQuery(`/${route}`, { actor: actorId }) }, `all ${title.toLowerCase()} →`) : null);
  } catch (error) {
    return failure(error);
  }
}

// -- generic layer lists (every column the API returns is shown) -------------------------------------------
function filterForm(action, state, names) {
  const labels = { actor: "Actor", type: "Type", from: "From (YYYY-MM-DD)", to: "To (YYYY-MM-DD)", language: "Language", outlet: "Outlet" };
  return el("form", { class: "filters", method: "get", action },
    names.map((name) => name === "language" ? languageSelect(state.language)
      : el("label", {}, labels[name], el("input", { name, value: state[name] || "", pattern: name === "from" || name === "to" ? "\\d{4}-\\d{2}-\\d{2}" : null }))),
    el("button", { type: "submit" }, "Filter"));
}

function cellValue(key, value, row) {
  if (value === null || value === undefined) return "";
  if (key === "doc_title") return docLink(row.doc_export_id || row.doc_id, value || row.doc_export_id);
  if (key === "speaker_name") return actorLink(row.speaker_id, value);
  if (key.endsWith("_id") && key !== "doc_export_id") return actorLink(value, value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function layerPage(name, params) {
  const spec = LAYER_PAGES[name];
  setTitle(spec.title);
  const state = Object.fromEntries([...FILTERS, "cursor"].map((k) => [k, params.get(k) || ""]));
  for (const [key, value] of params.entries()) if (!(key in state)) state[key] = value;  // column filters
  const form = filterForm(`/${name}`, state, FILTERS);
  try {
    const data = await api(`/${name}`, state);
    const keys = [];
    for (const row of data.items) {
      for (const key of Object.keys(row)) {
        if (!keys.includes(key) && !spec.hide.includes(key) && !["doc_export_id", "doc_language", "doc_outlet"].includes(key)) keys.push(key);
      }
    }
    const table = el("table", { class: `rows rows-${name}` },
      el("thead", {}, el("tr", {}, keys.map((k) => el("th", {}, k.replace(/^doc_/, "document ").replace(/_/g, " "))))),
      el("tbody", {}, data.items.map((row) => el("tr", {}, keys.map((k) => el("td", { "data-column": k }, cellValue(k, row[k], row)))))));
    show(el("h1", {}, spec.title), form, data.items.length ? table : el("p", { class: "muted empty" }, `No ${name} match.`),
      pager(data, { ...state, cursor: null }));
  } catch (error) {
    show(el("h1", {}, spec.title), form, failure(error));
  }
}

// -- the picture across articles: timeline, network, ledger -------------------------------------------------
function viewForm(action, state, names) {
  const labels = { actor: "Actor", type: "Type or quad class", from: "From (YYYY-MM-DD)", to: "To (YYYY-MM-DD)",
    as_of: "As known on (YYYY-MM-DD)", status: "Status", kind: "Kind" };
  return el("form", { class: "filters", method: "get", action },
    names.map((name) => el("label", {}, labels[name], el("input", { name, value: state[name] || "",
      pattern: ["from", "to", "as_of"].includes(name) ? "\\d{4}-\\d{2}-\\d{2}" : null }))),
    el("button", { type: "submit" }, "Show"));
}

function stateOf(params, names) {
  return Object.fromEntries([...names, "cursor"].map((k) => [k, params.get(k) || ""]));
}

async function timelinePage(params) {
  setTitle("Timeline");
  const names = ["actor", "type", "from", "to", "as_of"];
  const state = stateOf(params, names);
  const form = viewForm("/timeline", state, names);
  try {
    const data = await api("/timeline", state);
    const items = data.items.map((e) => el("li", { class: "tl-event", "data-event": e.id },
      el("span", { class: "tl-date" }, isoDate(e.event_date), e.date_basis === "publication" ? " (published)" : ""),
      el("div", { class: "tl-body" },
        el("strong", { class: "tl-type" }, e.type || "event"), el("span", { class: "tag" }, e.quad || ""),
        e.location ? el("span", { class: "tag" }, e.location) : null, " ",
        Object.entries(e.actors || {}).map(([id, name], i) => [i ? " · " : "", actorLink(id, name)]),
        el("div", { class: "muted" }, `${e.sources} independent source(s), ${e.reports} report(s), first reported ${isoDate(e.first_published)}`),
        el("ul", { class: "tl-reports" }, (e.mentions || []).map((m) => el("li", {},
          docLink(m.doc, m.title || m.doc), " ", el("span", { class: "muted" }, isoDate(m.published)), " ",
          el("q", {}, m.sentence || "")))))));
    show(el("h1", {}, "Timeline"), form,
      state.as_of ? el("p", { class: "muted as-of" }, `As known on ${state.as_of}: only articles published by then.`) : null,
      data.items.length ? el("ol", { class: "timeline" }, items) : el("p", { class: "muted empty" }, "No merged events match."),
      pager(data, { ...state, cursor: null }));
  } catch (error) {
    show(el("h1", {}, "Timeline"), form, failure(error));
  }
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

// nodes on a circle, edges as lines (thicker = more events); labels are text nodes
function networkDrawing(net) {
  const size = 560;
  const r = size / 2 - 90;
  const where = {};
  net.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, net.nodes.length) - Math.PI / 2;
    where[n.id] = [size / 2 + r * Math.cos(a), size / 2 + r * Math.sin(a)];
  });
  const drawing = svg("svg", { class: "network", viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: "img" });
  drawing.appendChild(svg("title", {}, `${net.nodes.length} actors, ${net.edges.length} links`));
  for (const e of net.edges) {
    const [x1, y1] = where[e.source];
    const [x2, y2] = where[e.target];
    const conflict = (e.verbal_conflict || 0) + (e.material_conflict || 0) > (e.verbal_cooperation || 0) + (e.material_cooperation || 0);
    const line = svg("line", { x1, y1, x2, y2, class: conflict ? "edge conflict" : "edge", "stroke-width": Math.min(8, 1 + e.weight) });
    line.appendChild(svg("title", {}, `${e.source_actor} → ${e.target_actor}: ${e.weight} event(s)`));
    drawing.appendChild(line);
  }
  for (const n of net.nodes) {
    const [x, y] = where[n.id];
    const link = svg("a", { href: path("actors", n.actor_id), class: "node" });
    link.appendChild(svg("circle", { cx: x, cy: y, r: 6 + Math.min(14, n.events) }));
    link.appendChild(svg("text", { x, y: y - 12 - Math.min(14, n.events), "text-anchor": "middle" }, n.label));
    drawing.appendChild(link);
  }
  return drawing;
}

async function networkPage(params) {
  setTitle("Network");
  const names = ["from", "to", "as_of"];
  const state = stateOf(params, names);
  const form = viewForm("/network", state, names);
  try {
    const net = await api("/network", state);
    const label = Object.fromEntries(net.nodes.map((n) => [n.actor_id, n.label]));
    const table = el("table", { class: "rows edges" },
      el("thead", {}, el("tr", {}, ["source", "target", "events", "verbal coop.", "material coop.", "verbal conflict",
        "material conflict", "first", "last"].map((h) => el("th", {}, h)))),
      el("tbody", {}, net.edges.map((e) => el("tr", {}, el("td", {}, actorLink(e.source_actor, label[e.source_actor])),
        el("td", {}, actorLink(e.target_actor, label[e.target_actor])), el("td", {}, String(e.weight)),
        ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"].map((q) => el("td", {}, String(e[q] || 0))),
        el("td", {}, isoDate(e.first_date)), el("td", {}, isoDate(e.last_date))))));
    show(el("h1", {}, "Network"), form, net.nodes.length
      ? [el("p", { class: "muted" }, `${net.nodes.length} actors, ${net.edges.length} directed links (red: mostly conflict).`),
        networkDrawing(net), table]
      : el("p", { class: "muted empty" }, "No actors interact in this period."));
  } catch (error) {
    show(el("h1", {}, "Network"), form, failure(error));
  }
}

async function ledgerPage(params) {
  setTitle("Commitments ledger");
  const names = ["actor", "status", "kind", "as_of"];
  const state = stateOf(params, names);
  const form = viewForm("/ledger", state, names);
  try {
    const data = await api("/ledger", state);
    const rows = data.items.map((c) => el("tr", {},
      el("td", { "data-column": "made" }, isoDate(c.made)), el("td", {}, actorLink(c.actor, c.actor_name || c.actor)),
      el("td", {}, c.kind || ""), el("td", {}, c.content || ""), el("td", { "data-column": "deadline" }, isoDate(c.deadline)),
      el("td", { "data-column": "status" }, el("span", { class: `status status-${c.status}` }, c.status)),
      el("td", {}, (c.status_evidence || []).map((e) => el("div", {}, el("span", { class: "tag" }, e.rule), " ",
        el("q", {}, e.text || ""), " ", docLink(e.export_id || e.doc_id, e.export_id))))));
    show(el("h1", {}, "Commitments ledger"), form,
      data.items.length ? el("table", { class: "rows ledger" },
        el("thead", {}, el("tr", {}, ["made", "actor", "kind", "content", "deadline", "status", "evidence"].map((h) => el("th", {}, h)))),
        el("tbody", {}, rows)) : el("p", { class: "muted empty" }, "No commitments match."),
      pager(data, { ...state, cursor: null }));
  } catch (error) {
    show(el("h1", {}, "Commitments ledger"), form, failure(error));
  }
}

async function matrixPage(params) {
  setTitle("Stance matrix");
  const state = Object.fromEntries(["actor", "issue", "from", "to", "by", "period"].map((k) => [k, params.get(k) || ""]));
  const choose = (name, options, value) => el("label", {}, name[0].toUpperCase() + name.slice(1),
    el("select", { name }, options.map((o) => el("option", { value: o, selected: o === (value || options[0]) }, o))));
  const form = el("form", { class: "filters", method: "get", action: "/matrix" },
    el("label", {}, "Actor or country", el("input", { name: "actor", value: state.actor })),
    el("label", {}, "Issue", el("input", { name: "issue", value: state.issue })),
    el("label", {}, "From (YYYY-MM-DD)", el("input", { name: "from", value: state.from, pattern: "\\d{4}-\\d{2}-\\d{2}" })),
    el("label", {}, "To (YYYY-MM-DD)", el("input", { name: "to", value: state.to, pattern: "\\d{4}-\\d{2}-\\d{2}" })),
    choose("by", ["country", "actor"], state.by), choose("period", ["year", "quarter", "month"], state.period),
    el("button", { type: "submit" }, "Show"));
  try {
    const m = await api("/matrix", state);
    const cells = Object.fromEntries(m.cells.map((c) => [`${c.row}\u0000${c.issue}\u0000${c.period}`, c]));
    const columns = m.issues.flatMap((issue) => m.periods.filter((p) => m.cells.some((c) => c.issue === issue && c.period === p))
      .map((p) => [issue, p]));
    const head = el("thead", {}, el("tr", {}, el("th", {}, m.by), columns.map(([issue, p]) => el("th", {}, issue, el("div", { class: "muted" }, p)))));
    const body = el("tbody", {}, Object.entries(m.rows).map(([row, name]) => el("tr", {},
      el("th", {}, m.by === "actor" ? actorLink(row, name) : name),
      columns.map(([issue, p]) => {
        const c = cells[`${row}\u0000${issue}\u0000${p}`];
        if (!c) return el("td", {}, "");
        const first = c.evidence[0] || {};
        return el("td", { class: `stance stance-${c.polarity}`, "data-cell": `${row}/${issue}/${p}`,
          title: `${c.holders.join(", ")}: ${Object.entries(c.counts).map(([k, v]) => `${k} ${v}`).join(", ")}` },
        first.export_id ? el("a", { href: path("documents", first.export_id) }, c.polarity) : c.polarity);
      }))));
    show(el("h1", {}, "Stance matrix"), form, m.cells.length
      ? [el("table", { class: "rows matrix" }, head, body),
        m.shifts.length ? el("section", { class: "shifts" }, el("h2", {}, "Shifts"),
          el("ul", {}, m.shifts.map((s) => el("li", {}, el("span", { class: "tag" }, s.period), " ", s.text)))) : null]
      : el("p", { class: "muted empty" }, "No stances match."));
  } catch (error) {
    show(el("h1", {}, "Stance matrix"), form, failure(error));
  }
}

async function briefingPage(params) {
  setTitle("Briefing");
  const names = ["actor", "from", "to", "as_of"];
  const state = stateOf(params, names);
  const form = viewForm("/briefing", state, names);
  try {
    const b = await api("/briefing", state);
    const sections = b.sections.filter((s) => s.claims.length).map((s) => el("section", { class: `brief-${s.key}` },
      el("h2", {}, s.title),
      el("ul", {}, s.claims.map((c) => el("li", { class: "claim" }, c.text,
        c.refs.map((n) => el("sup", {}, el("a", { href: `#cite-${n}`, class: "ref" }, `[${n}]`))))))));
    const cites = Object.entries(b.citations).map(([n, c]) => el("li", { id: `cite-${n}`, value: n },
      docLink(c.export_id || c.doc_id, c.title || c.export_id), ` (${isoDate(c.date)}), sentence ${c.sentence}: `, el("q", {}, c.span)));
    const plain = (line) => line.replace(/^>\s*/, "").replace(/^_(.*)_$/, "$1");  // Markdown markers of the header lines
    show(el("h1", {}, b.title || "Briefing"), form, b.header.map((line) => el("p", { class: "muted" }, plain(line))),
      sections.length ? sections : el("p", { class: "muted empty" }, "Nothing to brief on in this period."),
      cites.length ? el("section", { class: "citations" }, el("h2", {}, "Sources"), el("ol", {}, cites)) : null,
      el("p", { class: "muted" }, `${b.written} sentences, each supported by its citations; ${b.dropped} dropped.`),
      b.footer.map((line) => el("p", { class: "muted footer" }, plain(line))));
  } catch (error) {
    show(el("h1", {}, "Briefing"), form, failure(error));
  }
}

const VIEW_PAGES = { timeline: timelinePage, network: networkPage, ledger: ledgerPage, matrix: matrixPage, briefing: briefingPage };

// -- routing ------------------------------------------------------------------------------------------------
function route() {
  const params = new URLSearchParams(location.search);
  const parts = location.pathname.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  const [first, second] = parts;
  if (!first || first === "search") return searchPage(params);
  if (first === "documents") return second ? documentPage(second, params) : documentsPage(params);
  if (first === "actors") return second ? actorPage(second) : actorsPage(params);
  if (first in LAYER_PAGES) return layerPage(first, params);
  if (first in VIEW_PAGES) return VIEW_PAGES[first](params);
  setTitle("Not found");
  show(el("h1", {}, "Not found"), el("p", {}, "No such page; try the search."));
  return null;
}

document.addEventListener("DOMContentLoaded", () => {
  Promise.resolve(route()).catch((error) => show(failure(error)));
});
