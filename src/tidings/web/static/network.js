// Network page: the time slider shows relations as they stood at a month; clicking an edge lists its events.
(function () {
  "use strict";
  const COLOURS = { coop: "#2e8b57", host: "#c0392b", none: "#8a8f98" };
  const edges = Array.from(document.querySelectorAll("#network .edge"));
  const slider = document.getElementById("until");
  const label = document.getElementById("until-label");
  const panel = document.getElementById("edge-events");
  const months = slider ? JSON.parse(slider.dataset.months) : [];
  edges.forEach((edge) => { edge.monthly = JSON.parse(edge.dataset.months || "[]"); });

  function upTo(index) {
    const last = months[index];
    if (label) label.textContent = last;
    edges.forEach((edge) => {
      let n = 0, score = 0;
      edge.monthly.forEach(([month, events, s]) => { if (month <= last) { n += events; score += s; } });
      const line = edge.querySelector(".edge-line");
      edge.classList.toggle("off", n === 0 && edge.monthly.length > 0);
      if (n > 0) {
        line.setAttribute("stroke-width", (1 + 1.6 * Math.log2(n)).toFixed(2));
        line.setAttribute("stroke", score > 0 ? COLOURS.coop : score < 0 ? COLOURS.host : COLOURS.none);
      }
    });
  }
  if (slider) slider.addEventListener("input", () => upTo(Number(slider.value)));

  function cell(tag, text, cls) { const el = document.createElement(tag); el.textContent = text; if (cls) el.className = cls; return el; }

  async function show(edge) {
    edges.forEach((e) => e.classList.toggle("selected", e === edge));
    const a = edge.dataset.a, b = edge.dataset.b;
    panel.replaceChildren(cell("p", "Loading…"));
    const response = await fetch("/relations/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + ".json");
    const data = await response.json();
    const title = cell("h3", (data.names[a] || a) + " – " + (data.names[b] || b));
    const list = document.createElement("ul");
    list.className = "edge-events";
    (data.events || []).forEach((ev) => {
      const item = document.createElement("li");
      const link = cell("a", ev.type, "type");
      link.href = "/events/" + encodeURIComponent(ev.id);
      item.append(link, " ", cell("span", (ev.day || "") + " · " + ev.status, "when"), cell("div", ev.evidence || ""));
      list.append(item);
    });
    const more = cell("a", "all events of this pair");
    more.href = "/relations/" + encodeURIComponent(a) + "/" + encodeURIComponent(b);
    panel.replaceChildren(title, cell("p", (data.events || []).length + " events"), list, more);
  }
  edges.forEach((edge) => {
    edge.addEventListener("click", () => show(edge));
    edge.addEventListener("keydown", (event) => { if (event.key === "Enter") show(edge); });
  });
})();
