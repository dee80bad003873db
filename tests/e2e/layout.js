// Layout checks run in the page by tests/e2e/layout.py; returns a list of problems, each
// {check, where, detail}. The page is scrolled while checking and left at the top. `chrome`:
// a selector for markup that is not ours (the Wagtail admin's header, sidebar and skip link),
// whose controls the focus and tap-target checks leave to its makers; null on site pages.
(chrome) => {
  const problems = [];
  const describe = (el) => {
    let text = (el.innerText || el.textContent || el.getAttribute("aria-label") || "").trim();
    text = text.replace(/\s+/g, " ").slice(0, 40);
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.split(" ")[0]}` : "";
    return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
  };
  const visible = (el) => {
    // Closed <details> content is laid out but not rendered: checkVisibility says so.
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };

  // 1. The page scrolls sideways.
  const docWidth = document.documentElement.scrollWidth;
  const viewWidth = document.documentElement.clientWidth;
  if (docWidth > viewWidth + 1) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > viewWidth + 1 && visible(el))
      .filter((el) => !el.closest(".table-wrap") || el.matches(".table-wrap"))
      .slice(0, 3)
      .map(describe);
    problems.push({ check: "sideways scroll", where: wide.join("; "),
      detail: `page is ${docWidth}px wide in a ${viewWidth}px window` });
  }

  // 2. A word split across lines: each run of letters and digits in a text node must sit on
  //    one line box (a run has no break opportunity unless CSS forces one).
  // 3. A table cell narrower than its longest word: the word sticks out of the cell.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, select, textarea, svg, template")) {
        return NodeFilter.FILTER_REJECT;
      }
      return /[\p{L}\p{N}]{2,}|\p{N}[.,:/]\p{N}/u.test(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  const WORD = /[\p{L}\p{N}]+(?:(?:[.,:'’]|(?<=\p{N})\/(?=\p{N}))[\p{L}\p{N}]+)*/gu;
  const range = document.createRange();
  const split = new Map();
  const narrow = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!visible(parent) || parent.closest(".visually-hidden")) continue;
    // Codes, links and tokens in <code> may break anywhere: they are not words.
    const machine = parent.closest("code, kbd, samp") !== null;
    const cell = parent.closest("td, th");
    let cellBox = null;
    if (cell) {
      const r = cell.getBoundingClientRect();
      const s = getComputedStyle(cell);
      cellBox = { left: r.left + parseFloat(s.paddingLeft) - 1, right: r.right - parseFloat(s.paddingRight) + 1 };
    }
    // A run: letters and digits, joined by the marks that never allow a break inside a number
    // or word ("0.6", "2/5", "10:30", "don't").
    for (const match of node.data.matchAll(WORD)) {
      if (match[0].length < 2) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const tops = new Set(rects.map((r) => Math.round(r.top / 4)));
      if (tops.size > 1 && !machine && split.size < 5) {
        split.set(match[0], describe(parent));
      }
      if (cellBox && narrow.size < 5) {
        const box = range.getBoundingClientRect();
        if (box.left < cellBox.left || box.right > cellBox.right) narrow.set(match[0], describe(cell));
      }
    }
  }
  for (const [word, where] of split) problems.push({ check: "split word", where, detail: word });
  for (const [word, where] of narrow) {
    problems.push({ check: "table cell narrower than its word", where, detail: word });
  }

  // 4. A focusable element under another element, at its center, when scrolled to the bottom
  //    of the window (where keyboard focus brings it, and where fixed bars sit).
  // 5. A tap target smaller than 24x24 px (WCAG 2.5.8). Links inside a line of text are exempt
  //    (the rule's inline exception); a control's label counts as part of its target.
  const focusable = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"
  )].filter((el) => !el.disabled && visible(el) && !el.closest(".skip-link, [inert]") && !el.matches(".skip-link"))
    .filter((el) => !chrome || !el.closest(chrome));
  const covered = [];
  const small = [];
  for (const el of focusable) {
    el.scrollIntoView({ block: "end", inline: "nearest" });
    const r = el.getBoundingClientRect();
    // A link that wraps has a box per line: aim at the middle of its first line's box.
    const line = [...el.getClientRects()].find((b) => b.width > 1 && b.height > 1) || r;
    const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const labels = el.labels ? [...el.labels] : [];
    const ok = hit && (hit === el || el.contains(hit) || labels.some((l) => l === hit || l.contains(hit)));
    if (!ok && covered.length < 5) {
      covered.push({ check: "focusable element covered", where: describe(el),
        detail: hit ? `under ${describe(hit)}` : "outside the window" });
    }
    const display = getComputedStyle(el).display;
    if (el.tagName === "A" && display === "inline") continue;
    let width = r.width, height = r.height;
    for (const label of labels) {
      const lr = label.getBoundingClientRect();
      if (lr.width > 1 && lr.height > 1 && (label.contains(el) || label.control === el)) {
        const left = Math.min(lr.left, r.left), right = Math.max(lr.right, r.right);
        const top = Math.min(lr.top, r.top), bottom = Math.max(lr.bottom, r.bottom);
        width = Math.max(width, right - left);
        height = Math.max(height, bottom - top);
      }
    }
    if ((width < 24 || height < 24) && small.length < 5) {
      small.push({ check: "tap target under 24x24", where: describe(el),
        detail: `${Math.round(width)}x${Math.round(height)}` });
    }
  }
  window.scrollTo(0, 0);
  for (const region of document.querySelectorAll(".table-wrap")) region.scrollLeft = 0;
  return problems.concat(covered, small);
}
