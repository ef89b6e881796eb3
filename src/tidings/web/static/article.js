// Article page: clicking an event highlights its evidence in the text and shows its chain of sources.
(function () {
  "use strict";
  const cards = Array.from(document.querySelectorAll(".event-card"));
  const text = document.getElementById("text");
  function select(card) {
    const n = card.dataset.event;
    text.querySelectorAll(".on").forEach((el) => el.classList.remove("on"));
    cards.forEach((c) => {
      const mine = c === card;
      c.classList.toggle("selected", mine);
      c.setAttribute("aria-expanded", String(mine));
      c.querySelector(".chain").hidden = !mine;
    });
    const pieces = text.querySelectorAll(".ev-" + CSS.escape(n));
    pieces.forEach((el) => el.classList.add("on"));
    if (pieces.length) pieces[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
  cards.forEach((card) => {
    card.addEventListener("click", (event) => { if (!event.target.closest("a")) select(card); });
    card.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(card); } });
  });
  const wanted = /^#event-(\d+)$/.exec(window.location.hash);
  if (wanted) { const card = document.getElementById("event-" + wanted[1]); if (card) select(card); }
})();
