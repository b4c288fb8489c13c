// Sumiwake team terminals: the team page, the facilitator's page, the projector and the
// spectators' page.  Every text comes from the server (the welcome frame and the page's
// data-texts); every value is put in the page with textContent, never as markup.
(function () {
  "use strict";
  const body = document.body;
  const PAGE = body.dataset.page; // team, admin, projector, watch
  const V = Number(body.dataset.v);
  const ALL = JSON.parse(body.dataset.texts || "{}");
  const KEY = "sumiwake." + PAGE + ".";
  let lang = localStorage.getItem(KEY + "lang") || body.dataset.lang || "en";
  let T = ALL[lang] || ALL.en || {};
  let ws = null, snap = null, role = null, seat = null, revoked = false, refused = false;
  let retry = 500, nextId = 1;
  let clock = null; // {remaining, running, at}
  let draft = null; // the team's orders being written (survives a reload)
  let choice = {kind: null, values: {}};
  let checks = {draft: null, cand: null};
  let pendingIds = {};
  let notice = "";

  // ---------------------------------------------------------------- helpers

  function tx(key, params) {
    let s = T[key] !== undefined ? T[key] : key;
    if (params) {
      for (const k of Object.keys(params)) s = s.split("{" + k + "}").join(String(params[k]));
    }
    return s;
  }
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k === "width") e.style.width = v; // CSSOM, allowed by the page's style-src 'self'

        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const kid of kids) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.appendChild(typeof kid === "string" || typeof kid === "number" ? document.createTextNode(String(kid)) : kid);
    }
    return e;
  }
  function section(id, title, ...kids) {
    return el("section", {id: id, class: "card"}, el("h2", {text: title}), ...kids);
  }
  // punctuation between the parts of a line, in the page's language (the server's sep.* texts)
  function list(xs) { return xs.join(tx("sep.list")); }
  function colon() { return tx("sep.colon"); }
  function dot() { return tx("sep.dot"); }
  function paren(text, inner) { return text + tx("sep.lp") + inner + tx("sep.rp"); }
  function fmt(v) { return (v > 0 ? "+" : "") + Number(v).toFixed(1); }
  function setStatus(text, kind) {
    const s = document.getElementById("status");
    s.textContent = text || "";
    s.className = kind || "";
  }

  // ---------------------------------------------------------------- token and socket

  function readToken() {
    const frag = new URLSearchParams(location.hash.slice(1));
    const t = frag.get("t");
    if (t) { localStorage.setItem(KEY + "token", t); return t; }
    return localStorage.getItem(KEY + "token");
  }
  const token = readToken();

  function send(msg) {
    if (ws && ws.readyState === 1) {
      msg.id = nextId++;
      ws.send(JSON.stringify(msg));
      return msg.id;
    }
    return null;
  }

  function connect() {
    if (!token) { setStatus(tx("page.no_token"), "bad"); return; }
    setStatus(tx("page.connecting"), "wait");
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    ws = new WebSocket(proto + "//" + location.host + "/ws");
    ws.onopen = () => { retry = 500; ws.send(JSON.stringify({type: "hello", v: V, token: token, lang: lang})); };
    ws.onmessage = (ev) => { let f; try { f = JSON.parse(ev.data); } catch (e) { return; } onFrame(f); };
    ws.onclose = () => {
      ws = null;
      if (revoked || refused) return;
      setStatus(tx("page.offline"), "wait");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    };
  }

  function onFrame(f) {
    if (f.type === "welcome") {
      role = f.role; seat = f.seat; lang = f.lang; T = f.texts || T;
      body.dataset.role = role;
      setStatus("", "");
    } else if (f.type === "snapshot") {
      snap = f.data;
      clock = Object.assign({}, snap.table.clock, {at: performance.now()});
      render();
    } else if (f.type === "clock") {
      clock = {remaining: f.remaining, running: f.running, warning: f.warning, at: performance.now()};
    } else if (f.type === "checked") {
      if (f.id === pendingIds.draft) checks.draft = f;
      if (f.id === pendingIds.cand) checks.cand = f;
      renderSheetStatus();
    } else if (f.type === "ok") {
      if (f.of === "submit") { notice = ""; }
    } else if (f.type === "error") {
      if (f.code === "bad_token" || f.code === "version") {
        refused = true;
        localStorage.removeItem(KEY + "token");
        setStatus(f.message, "bad");
        document.getElementById("main").replaceChildren();
        return;
      }
      notice = f.message;
      const n = document.getElementById("notice");
      if (n) { n.textContent = notice; n.className = "notice bad"; }
    } else if (f.type === "revoked") {
      revoked = true;
      localStorage.removeItem(KEY + "token");
      localStorage.removeItem(KEY + "draft");
      setStatus(f.message, "bad");
      document.getElementById("main").replaceChildren(el("p", {class: "revoked", text: f.message}));
      if (ws) ws.close();
    }
  }

  // ---------------------------------------------------------------- the header and clock

  function tickClock() {
    const c = document.getElementById("clock");
    if (!snap || !clock) { c.textContent = ""; return; }
    let r = clock.remaining;
    if (clock.running) r = Math.max(0, r - (performance.now() - clock.at) / 1000);
    const m = Math.floor(r / 60), s = Math.floor(r % 60);
    const t = snap.table;
    const time = t.phase_name + " " + m + ":" + String(s).padStart(2, "0");
    c.textContent = t.over ? t.phase_name : clock.running ? time : paren(time, tx("page.paused"));
    c.className = clock.running && r > 0 && r <= 60 ? "warn" : "";
    body.classList.toggle("minute", PAGE === "projector" && clock.running && r > 0 && r <= 60 && !t.over);
  }
  setInterval(tickClock, 250);

  function header() {
    const t = snap.table;
    let who = "";
    if (snap.seat) who = snap.seat.name + (snap.seat.team && snap.seat.team !== snap.seat.id ? " — " + snap.seat.team : "");
    else if (role === "admin") who = tx("admin.title");
    else who = PAGE === "projector" ? tx("page.projector") : tx("page.spectator");
    document.getElementById("title").textContent = who + dot() + tx("page.round", {round: t.round, rounds: t.rounds});
    document.title = tx("page.title");
    document.documentElement.lang = lang;
    const b = document.getElementById("lang");
    b.textContent = tx("page.lang");
  }
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "en" ? "ja" : "en";
    localStorage.setItem(KEY + "lang", lang);
    T = ALL[lang] || T;
    send({type: "lang", lang: lang});
  });

  // ---------------------------------------------------------------- shared blocks

  function eventCard() {
    const e = snap.table.event;
    if (!e) return null;
    return section("event", tx("page.event"), el("h3", {text: e.title}), el("p", {text: e.text}), choiceBlock());
  }

  // the card's choice: the prompt and options while seats choose (a seat the card asks picks one
  // here; its answer may change until the event phase ends), then what each seat chose
  function choiceBlock() {
    const c = snap.choice;
    if (!c) return null;
    const kids = [el("h3", {text: tx("page.choice")}), el("p", {class: "prompt", text: c.prompt})];
    if (c.open) {
      const label = (id) => { const o = c.options.find((x) => x.id === id); return o ? o.text : id; };
      if (role === "seat" && c.mine_asked && snap.seat.mode === "remote") {
        kids.push(el("p", {class: "muted", text: tx("page.choice_yours")}));
        kids.push(el("div", {class: "options"}, ...c.options.map((o) => el("button", {
          type: "button", class: "option" + (o.id === c.mine ? " selected" : ""), "data-option": o.id,
          "aria-pressed": o.id === c.mine ? "true" : "false",
          onclick: () => send({type: "choose", option: o.id}), text: o.text}))));
        kids.push(c.mine
          ? el("p", {id: "choice-now", class: "good", text: "✓ " + tx("page.choice_now", {option: label(c.mine)})})
          : el("p", {id: "choice-now", class: "muted", text: tx("page.choice_default", {option: c.default_text})}));
        kids.push(el("p", {class: "help", text: tx("page.choice_change")}));
        kids.push(el("p", {id: "notice", class: "notice"}));
      } else {
        kids.push(el("ol", {class: "options-list"}, ...c.options.map((o) => el("li", {text: o.text}))));
        if (role === "seat" && !c.mine_asked) kids.push(el("p", {class: "muted", text: tx("page.choice_not_you")}));
      }
      kids.push(el("p", {class: "muted asked", text: tx("page.choice_asked", {seats: list(c.asked)})}));
    } else {
      kids.push(el("h4", {text: tx("page.choices_made")}));
      kids.push(madeList(c.made));
    }
    return el("div", {id: "choice", class: "choice"}, ...kids);
  }
  function madeList(made) {
    return el("ul", {class: "made"}, ...made.map((d) => el("li", null, el("b", {text: d.seat + colon()}),
      el("span", {text: d.option}), d.answered ? null : el("small", {class: "muted", text: " " + tx("page.choice_by_default")}))));
  }

  function chart(rows, series, title) {
    if (!rows || rows.length < 1) return null;
    const W = 320, H = 140, P = 24;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title);
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) for (const s of series) { lo = Math.min(lo, r[s.key]); hi = Math.max(hi, r[s.key]); }
    if (hi - lo < 1) { hi += 0.5; lo -= 0.5; }
    const x = (i) => P + (rows.length === 1 ? (W - 2 * P) / 2 : i * (W - 2 * P) / (rows.length - 1));
    const y = (v) => H - P - (v - lo) * (H - 2 * P) / (hi - lo);
    for (const s of series) {
      const pl = document.createElementNS(ns, "polyline");
      pl.setAttribute("points", rows.map((r, i) => x(i) + "," + y(r[s.key])).join(" "));
      pl.setAttribute("class", "line " + s.cls);
      svg.appendChild(pl);
      rows.forEach((r, i) => {
        const c = document.createElementNS(ns, "circle");
        c.setAttribute("cx", x(i)); c.setAttribute("cy", y(r[s.key])); c.setAttribute("r", 3);
        c.setAttribute("class", "dot " + s.cls);
        svg.appendChild(c);
      });
    }
    rows.forEach((r, i) => {
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", x(i)); t.setAttribute("y", H - 6); t.setAttribute("class", "axis");
      t.textContent = String(r.round);
      svg.appendChild(t);
    });
    const legend = el("p", {class: "legend"}, ...series.map((s) => el("span", {class: "key " + s.cls, text: s.name})));
    return el("figure", null, el("figcaption", {text: title}), svg, legend);
  }

  function indices() {
    const ix = snap.indices;
    const list = el("ol", {class: "standings"}, ...ix.standings.map((r) =>
      el("li", {class: snap.seat && r.seat === snap.seat.id ? "me" : null}, el("span", {text: r.name}), el("b", {text: r.score.toFixed(1)}))));
    return section("indices", tx("page.indices"),
      el("div", {class: "gauges"},
        el("div", {class: "gauge"}, el("span", {text: tx("page.asi")}), el("b", {text: ix.alliance_security.toFixed(1)})),
        el("div", {class: "gauge"}, el("span", {text: tx("page.aci")}), el("b", {text: ix.alliance_competitiveness.toFixed(1)}))),
      el("h3", {text: tx("page.standings")}), list,
      chart(ix.history, [{key: "asi", name: tx("page.asi"), cls: "s1"}, {key: "aci", name: tx("page.aci"), cls: "s2"}], tx("page.chart")));
  }

  function agreements() {
    const a = snap.agreements;
    return section("agreements", tx("page.agreements"),
      a.length ? el("ul", null, ...a.map((g) => el("li", null, el("b", {text: g.name}), " ",
        el("span", {text: list(g.members)}), " ", el("small", {text: tx("page.until", {round: g.end_round})}))))
        : el("p", {class: "muted", text: tx("page.none")}));
  }

  function whoIsIn() {
    const s = snap.submitted;
    if (!snap.table || snap.table.phase !== "orders") return null;
    return section("who", tx("page.who_in"), el("ul", {class: "ticks"}, ...Object.entries(s).map(([n, v]) =>
      el("li", {class: v ? "in" : "out", text: (v ? "✓ " : "… ") + n}))));
  }

  function report() {
    const r = snap.report;
    if (!r) return null;
    const kids = [el("h3", {text: r.title})];
    if (r.event) kids.push(el("p", {text: tx("page.event") + colon() + r.event}));
    kids.push(el("p", null, tx("page.asi") + " " + r.alliance_security.toFixed(1) + dot() + tx("page.aci") + " " + r.alliance_competitiveness.toFixed(1)));
    if (r.crisis) kids.push(el("p", {class: "bad", text: tx("page.crisis")}));
    if (r.round_score !== undefined) kids.push(el("p", {class: "score", text: tx("page.round_score", {score: r.round_score.toFixed(1), total: r.score.toFixed(1)})}));
    if (r.causes) {
      kids.push(el("h3", {text: tx("page.causes")}));
      for (const q of Object.values(r.causes)) {
        kids.push(el("h4", {text: q.name + " " + fmt(q.total)}));
        kids.push(el("ul", {class: "causes"}, ...q.lines.map((l) => el("li", null, el("span", {text: l.text}), el("b", {class: l.delta >= 0 ? "up" : "down", text: fmt(l.delta)})))));
      }
      kids.push(chart(r.history, [{key: "score", name: tx("page.chart_score"), cls: "s1"}], tx("page.chart_score")));
    }
    if (r.choices && r.choices.length) kids.push(el("h4", {text: tx("page.choices_made")}), madeList(r.choices));
    if (r.incidents && r.incidents.length) kids.push(el("p", null, tx("page.incidents") + colon() + list(r.incidents.map((i) => i.seat + " ×" + i.count))));
    if (r.orders && r.orders.length) {
      kids.push(el("details", null, el("summary", {text: tx("page.revealed")}),
        el("ul", null, ...r.orders.map((o) => el("li", null, el("b", {text: o.seat + colon()}), el("span", {text: o.orders.join(tx("sep.semi")) || "—"}))))));
    }
    return section("report", tx("page.report"), ...kids);
  }

  // ---------------------------------------------------------------- the team's brief and proposals

  function brief() {
    const b = snap.brief;
    const kids = [];
    if (b.objective) {
      kids.push(el("div", {class: "objective"}, el("h3", {text: tx("page.objective")}), el("b", {text: b.objective.title}),
        el("p", {text: b.objective.text}), el("small", {text: b.objective.met ? tx("page.met") : tx("page.not_met")})));
    }
    const facts = [[tx("page.budget"), b.budget]];
    if (b.nation) {
      const n = b.nation;
      facts.push([tx("page.security"), n.security], [tx("page.defence"), n.defence], [tx("page.competitiveness"), n.competitiveness],
        [tx("page.income"), n.income], [tx("page.model"), n.model], [tx("page.access"), n.frontier_access ? tx("page.frontier_yes") : tx("page.frontier_no")]);
    }
    if (b.firm) {
      const f = b.firm;
      facts.push([tx("page.home"), f.home], [tx("page.competitiveness"), f.competitiveness], [tx("page.revenue"), f.revenue],
        [tx("page.model"), f.usable_model], [tx("page.licences"), list(f.licences) || tx("page.none")]);
    }
    kids.push(el("dl", {class: "facts"}, ...facts.flatMap(([k, v]) => [el("dt", {text: k}), el("dd", {text: String(v)})])));
    if (b.nation) {
      kids.push(el("details", null, el("summary", {text: tx("page.tiers")}),
        el("ul", null, ...b.nation.tiers.map((x) => el("li", {text: x.to + colon() + x.tier})))));
      kids.push(el("details", null, el("summary", {text: tx("page.data")}),
        el("ul", null, ...b.nation.data.map((x) => el("li", {text: x.domain + colon() + x.value})))));
    }
    if (b.firm && b.firm.apps.length) {
      kids.push(el("details", null, el("summary", {text: tx("page.apps")}),
        el("ul", null, ...b.firm.apps.map((x) => el("li", {text: x.domain + colon() + x.value})))));
    }
    return section("brief", tx("page.brief"), ...kids);
  }

  function proposals() {
    const ps = snap.proposals;
    const kids = [];
    if (!ps.length) kids.push(el("p", {class: "muted", text: tx("page.none")}));
    for (const p of ps) {
      const row = el("div", {class: "proposal"}, el("b", {text: p.name}), " ", el("span", {text: list(p.members)}),
        " ", el("small", {text: tx("page.by", {name: p.proposer}) + dot() + p.status_name}));
      if (p.to_answer && role === "seat") {
        row.appendChild(el("div", {class: "buttons"},
          el("button", {type: "button", class: "primary", "data-act": "accept", onclick: () => send({type: "answer", proposal: p.id, accept: true}), text: tx("page.accept")}),
          el("button", {type: "button", "data-act": "decline", onclick: () => send({type: "answer", proposal: p.id, accept: false}), text: tx("page.decline")})));
      }
      kids.push(row);
    }
    if (snap.can_propose) {
      const kind = el("select", {id: "p-kind", "aria-label": tx("page.kind")}, ...snap.agreement_kinds.map((k) => el("option", {value: k.kind, text: k.name})));
      const boxes = snap.seats.map((s) => el("label", {class: "member"}, el("input", {type: "checkbox", value: s.id}), " " + s.name));
      kids.push(el("div", {class: "propose"}, el("h3", {text: tx("page.propose")}), el("label", null, tx("page.kind") + " ", kind),
        el("fieldset", null, el("legend", {text: tx("page.members")}), ...boxes),
        el("button", {type: "button", id: "p-send", onclick: () => {
          const members = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
          send({type: "propose", kind: kind.value, members: members});
        }, text: tx("page.send_proposal")})));
    }
    return section("proposals", tx("page.proposals"), ...kids);
  }

  // ---------------------------------------------------------------- the order sheet

  function loadDraft() {
    const key = KEY + "draft";
    const round = snap.table.round;
    try {
      const saved = JSON.parse(localStorage.getItem(key) || "null");
      if (saved && saved.round === round && saved.seat === snap.seat.id) return saved.orders;
    } catch (e) { /* a damaged entry is ignored */ }
    return snap.sheet.pending.slice();
  }
  function saveDraft() {
    localStorage.setItem(KEY + "draft", JSON.stringify({round: snap.table.round, seat: snap.seat.id, orders: draft}));
  }

  function kindOf(k) { return snap.sheet.kinds.find((x) => x.kind === k); }

  function matching(kind, upto) {
    const fs = kind.fields.slice(0, upto);
    return kind.options.filter((o) => fs.every((f) => o.order[f] === choice.values[f]));
  }
  function candidate() {
    const kind = kindOf(choice.kind);
    if (!kind) return null;
    kind.fields.forEach((f, i) => {
      const vals = [...new Set(matching(kind, i).map((o) => o.order[f]))];
      if (!vals.includes(choice.values[f]) && vals.length) choice.values[f] = vals[0];
    });
    const m = matching(kind, kind.fields.length);
    return m.length ? m[0] : null;
  }
  function label(kind, o) {
    const parts = [];
    for (const [f, vals] of Object.entries(kind.values)) {
      if (o[f] === undefined) continue;
      const hit = vals.find((v) => v[0] === o[f]);
      if (hit && (kind.fields.includes(f) || f !== "amount" || o.amount)) parts.push(hit[1]);
    }
    return kind.name + (parts.length ? colon() + list(parts) : "");
  }
  function labelAny(o) {
    const kind = kindOf(o.kind);
    return kind ? label(kind, o) : o.kind;
  }
  let checked = "";
  function runChecks(force) {
    // ask the server only when the draft, the candidate or the year changed (not at every snapshot)
    const c = candidate();
    const key = JSON.stringify([snap.table.round, snap.sheet.budget, draft, c ? c.order : null]);
    if (!force && key === checked && checks.draft) { renderSheetStatus(); return; }
    checked = key;
    checks = {draft: null, cand: null};
    pendingIds.draft = send({type: "check", orders: draft});
    pendingIds.cand = c ? send({type: "check", orders: draft.concat([c.order])}) : null;
  }

  function sheet() {
    const sh = snap.sheet;
    if (snap.seat.mode !== "remote") return section("orders", tx("page.orders"), el("p", {class: "muted", text: tx("page.mode_other", {mode: T["mode." + snap.seat.mode] || snap.seat.mode})}));
    if (!sh.open) return section("orders", tx("page.orders"), el("p", {class: "muted", text: tx("page.orders_closed")}));
    if (draft === null) draft = loadDraft();
    if (!choice.kind || !kindOf(choice.kind)) choice = {kind: sh.kinds.length ? sh.kinds[0].kind : null, values: {}};
    const kind = kindOf(choice.kind);
    const kinds = el("select", {id: "o-kind", "aria-label": tx("page.order_kind"), onchange: (e) => { choice = {kind: e.target.value, values: {}}; renderSheet(); runChecks(); }},
      ...sh.kinds.map((k) => el("option", {value: k.kind, selected: k.kind === choice.kind, text: k.name})));
    const fields = [];
    const cand = candidate();
    if (kind) {
      kind.fields.forEach((f, i) => {
        const vals = [...new Set(matching(kind, i).map((o) => o.order[f]))];
        const names = new Map(kind.values[f].map((v) => [JSON.stringify(v[0]), v[1]]));
        const sel = el("select", {id: "o-" + f, "data-field": f, onchange: (e) => {
          choice.values[f] = JSON.parse(e.target.value);
          for (const later of kind.fields.slice(i + 1)) delete choice.values[later];
          renderSheet(); runChecks();
        }}, ...vals.map((v) => el("option", {value: JSON.stringify(v), selected: v === choice.values[f], text: names.get(JSON.stringify(v)) || String(v)})));
        fields.push(el("label", {class: "field"}, el("span", {text: sh.field_names[f] || f}), sel));
      });
    }
    const spent = draft.reduce((a, o) => a + ((kindOf(o.kind) || {options: []}).options.find((x) => JSON.stringify(x.order) === JSON.stringify(o)) || {cost: 0}).cost, 0);
    const meter = el("div", {class: "meter" + (spent > sh.budget ? " over" : "")}, el("div", {class: "fill", width: Math.min(100, sh.budget ? 100 * spent / sh.budget : 0) + "%"}));
    const list = draft.length ? el("ol", {id: "draft"}, ...draft.map((o, i) => el("li", null, el("span", {text: labelAny(o)}),
      el("button", {type: "button", class: "remove", "aria-label": tx("page.remove"), onclick: () => { draft.splice(i, 1); saveDraft(); renderSheet(); runChecks(); }, text: "×"}))))
      : el("p", {id: "draft", class: "muted", text: tx("page.hold")});
    return section("orders", tx("page.orders"),
      el("p", {class: sh.submitted ? "good" : "muted", id: "submitted", text: sh.submitted ? tx("page.submitted") : tx("page.not_submitted")}),
      el("label", {class: "field"}, el("span", {text: tx("page.order_kind")}), kinds),
      kind ? el("p", {class: "help", text: kind.help}) : null,
      ...fields,
      el("p", {id: "cand-cost", text: cand ? tx("page.cost", {cost: cand.cost}) : ""}),
      el("p", {id: "cand-reason", class: "bad"}),
      el("button", {type: "button", id: "add", class: "primary", disabled: !cand, onclick: () => {
        const c = candidate();
        if (!c) return;
        if (checks.cand && !checks.cand.legal) return;
        draft.push(c.order); saveDraft(); renderSheet(); runChecks();
      }, text: tx("page.add")}),
      el("h3", {text: tx("page.draft")}), list,
      el("p", {id: "spent", text: tx("page.spent", {spent: spent, budget: sh.budget})}), meter,
      el("p", {id: "preview", class: "preview"}),
      el("p", {id: "legal"}),
      el("button", {type: "button", id: "submit", class: "primary big", onclick: () => { send({type: "submit", orders: draft}); }, text: tx("page.submit")}),
      el("p", {id: "notice", class: "notice"}));
  }

  function renderSheet() {
    const old = document.getElementById("orders");
    if (old) old.replaceWith(sheet());
    renderSheetStatus();
  }
  function renderSheetStatus() {
    const legal = document.getElementById("legal");
    if (!legal) return;
    const d = checks.draft, c = checks.cand;
    legal.textContent = d ? (d.legal ? "✓ " + tx("page.legal") : "× " + d.reason) : "";
    legal.className = d && !d.legal ? "bad" : "good";
    document.getElementById("preview").textContent = d && d.legal ? d.preview : "";
    document.getElementById("submit").disabled = !d || !d.legal;
    const reason = document.getElementById("cand-reason");
    reason.textContent = c && !c.legal ? "× " + c.reason : (c ? c.preview : "");
    reason.className = c && !c.legal ? "bad" : "preview";
    const add = document.getElementById("add");
    if (add && c && !c.legal) add.disabled = true;
  }

  // ---------------------------------------------------------------- the facilitator's page

  function adminPage() {
    const t = snap.table;
    const running = clock && clock.running;
    const act = (action, extra) => () => send(Object.assign({type: "admin", action: action}, extra || {}));
    const controls = el("div", {class: "buttons controls"},
      el("button", {type: "button", id: "a-clock", class: "primary", onclick: act(running ? "pause" : "resume"), text: running ? tx("admin.pause") : tx("admin.resume")}),
      el("button", {type: "button", id: "a-extend", onclick: act("extend", {seconds: 60}), text: tx("admin.extend")}),
      el("button", {type: "button", id: "a-end", onclick: act("end_phase"), disabled: t.over, text: tx("admin.end_phase")}),
      el("button", {type: "button", id: "a-resolve", onclick: act("resolve"), disabled: t.phase !== "orders", text: tx("admin.resolve")}),
      el("label", {class: "check"}, el("input", {type: "checkbox", id: "a-auto", checked: snap.auto_resolve, onchange: (e) => send({type: "admin", action: "auto_resolve", on: e.target.checked})}), " " + tx("admin.auto")));
    const now = Date.now() / 1000;
    const base = location.origin;
    const rows = snap.seats.map((s) => {
      const mode = el("select", {"data-seat": s.id, class: "mode", onchange: (e) => send({type: "admin", action: "assign", seat: s.id, mode: e.target.value})},
        ...["remote", "ai", "hotseat", "sheet"].map((m) => el("option", {value: m, selected: m === s.mode, text: T["mode." + m] || m})));
      const link = base + "/play?lang=" + lang + "#t=" + snap.links.seats[s.id];
      const cells = [el("td", {text: s.name}), el("td", null, mode),
        el("td", {class: s.connected ? "good" : "muted", text: s.mode === "remote" ? String(s.connected) : "—"}),
        el("td", {class: s.submitted ? "good" : "muted", text: s.submitted ? tx("admin.in") : tx("admin.waiting")}),
        el("td", {text: s.last_seen ? tx("admin.ago", {n: Math.max(0, Math.round(now - s.last_seen))}) : tx("admin.never")}),
        el("td", null, el("a", {href: link, class: "link", "data-seat": s.id, text: tx("admin.link")}), " ",
          el("button", {type: "button", class: "reissue", "data-seat": s.id, onclick: act("reissue", {seat: s.id}), text: tx("admin.reissue")}))];
      const ch = snap.choice;
      if (ch && ch.open && ch.asked_ids.includes(s.id)) { // the facilitator decides the card's choice for a seat
        const now = ch.answers[s.id];
        const pick = el("select", {class: "choice", "data-seat": s.id, "aria-label": tx("admin.choice"),
          onchange: (e) => send({type: "admin", action: "choose", seat: s.id, option: e.target.value})},
          ...ch.options.map((o) => el("option", {value: o.id, selected: o.id === (now || ch.default),
            text: o.short + (!now && o.id === ch.default ? " " + tx("admin.choice_default") : "")})));
        cells.push(el("td", null, el("span", {class: now ? "good" : "muted", text: now ? "✓ " : "… "}), pick));
      } else if ((s.mode === "sheet" || s.mode === "hotseat") && t.phase === "orders") {
        const box = el("input", {type: "text", class: "sheet", "data-seat": s.id, placeholder: "fund_defence amount=2; …"});
        cells.push(el("td", null, box, el("button", {type: "button", onclick: () => {
          const orders = box.value.split(/[;\n]/).map((x) => x.trim()).filter(Boolean).map(parseOrder);
          send({type: "admin", action: "enter_orders", seat: s.id, orders: orders});
        }, text: tx("admin.sheet")})));
      } else cells.push(el("td"));
      return el("tr", {"data-seat": s.id}, ...cells);
    });
    const table = el("table", {id: "seats"}, el("thead", null, el("tr", null, ...["admin.seat", "admin.mode", "admin.connected", "admin.submitted", "admin.last_seen", "admin.link", snap.choice && snap.choice.open ? "admin.choice" : ""].map((k) => el("th", {text: k ? tx(k) : ""})))),
      el("tbody", null, ...rows));
    const links = el("p", {class: "links"}, el("a", {href: base + "/projector?lang=" + lang + "#t=" + snap.links.spectator, id: "a-projector", text: tx("page.projector")}), dot(),
      el("a", {href: base + "/watch?lang=" + lang + "#t=" + snap.links.spectator, id: "a-watch", text: tx("page.spectator")}));
    return [section("controls", tx("admin.title"), controls, el("p", {id: "notice", class: "notice"}), links), section("seat-table", tx("admin.seat"), el("div", {class: "scroll"}, table))];
  }
  function parseOrder(text) {
    const words = text.split(/\s+/);
    const o = {kind: words[0]};
    for (const w of words.slice(1)) {
      const [k, v] = w.split("=");
      if (v === undefined) continue;
      if (k === "amount" || k === "tier") o[k] = Number(v);
      else if (k === "grant") o[k] = v === "yes" || v === "true";
      else o[k] = v;
    }
    return o;
  }

  // ---------------------------------------------------------------- render

  function render() {
    if (!snap) return;
    header();
    tickClock();
    const main = document.getElementById("main");
    const keep = document.activeElement && document.activeElement.id;
    let parts;
    if (role === "seat") {
      const phase = snap.table.phase;
      if (draft !== null && !snap.sheet.open) draft = null;
      parts = [eventCard(), phase === "orders" ? sheet() : null, phase === "negotiation" || snap.proposals.length ? proposals() : null,
        report(), brief(), indices(), agreements()];
    } else if (role === "admin") {
      parts = [...adminPage(), eventCard(), whoIsIn(), indices(), agreements(), report()];
    } else {
      parts = [eventCard(), whoIsIn(), indices(), agreements(), proposals(), report()];
    }
    main.replaceChildren(...parts.filter(Boolean));
    if (role === "seat" && snap.sheet.open) runChecks();
    if (keep) { const e = document.getElementById(keep); if (e) e.focus(); }
  }

  if (PAGE !== "team") body.classList.add("wide");
  T = ALL[lang] || T;
  connect();
})();
