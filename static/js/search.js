/*
 * search.js: in-browser search over the static index written by the Go
 * package internal/search. Plain ES2018, no dependencies, no build step.
 *
 * The search page (/<lang>/search/?q=...) provides:
 *   <form method="get"><input name="q">...</form>   works without JS
 *   <p id="search-status" data-results="{n} results for {q}"></p>   optional
 *   <ol id="search-results" aria-live="polite"></ol>
 *       optional data-index (default "index/") and data-root (default "../"):
 *       where the index and the language root are, relative to the page
 *   <p id="search-empty" hidden>No results</p>               optional
 *   <button id="search-more" type="button" hidden>More</button>   optional
 *       (created, labelled from data-more on the list, if missing)
 *
 * Flow: read ?q=, fetch index/meta.json, fetch one term shard per query term
 * (index/t/<hex>.json), rank every matching document, then fetch the
 * fragments (index/d/<id>.json: title, date, text) of the first 10 results
 * only; "more" fetches the next 10.
 *
 * fold, exact, TOKEN and the bigram rule MUST stay identical to fold.go and
 * tokenize.go: the Go tests run this file under Node against Go's outputs.
 * Document text is only ever inserted with textContent / text nodes.
 */
(function () {
  'use strict';

  const VERSION = 1; // search.FormatVersion
  const PAGE = 10; // results per fetch of fragments
  const MAX_TERMS = 32; // keeps scores below 64 (see rank)
  const SNIPPET = 200; // characters of body text shown per result

  // ---- Normalisation (fold.go) ----------------------------------------

  // Letters NFD does not decompose, and the Arabic equivalences (foldMap).
  const FOLD_MAP = {
    'đ': 'd', 'ø': 'o', 'ł': 'l', 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ı': 'i', 'ς': 'σ',
    'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ـ': '',
  };
  const FOLD_RE = new RegExp('[' + Object.keys(FOLD_MAP).join('') + ']', 'g');

  // The spelling a term is stored under: lowercase, NFC, one sigma.
  function exact(s) {
    return s.toLowerCase().normalize('NFC').replace(/ς/g, 'σ');
  }

  // Accent-free matching form: lowercase, strip nonspacing marks after NFD
  // (accents, harakat, hamza above/below), recompose, then FOLD_MAP.
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '')
      .replace(FOLD_RE, (c) => FOLD_MAP[c]).normalize('NFC');
  }

  // ---- Tokenisation (tokenize.go) ---------------------------------------

  // Scripts without spaces, indexed as character bigrams (isCJK).
  const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc';
  // A token is a run of CJK characters (each with its marks) or a run of
  // other letters, marks and digits; anything else separates tokens.
  const TOKEN = '(?:[' + CJK + ']\\p{M}*)+|(?:(?![' + CJK + '])[\\p{L}\\p{M}\\p{N}])+';
  const IS_CJK = new RegExp('^[' + CJK + ']', 'u');
  const UNIT = /\P{M}\p{M}*/gu; // one CJK character with its marks

  // Calls fn(token, offset, isCJK) for each token of s.
  function scan(s, fn) {
    const re = new RegExp(TOKEN, 'gu');
    let m;
    while ((m = re.exec(s))) fn(m[0], m.index, IS_CJK.test(m[0]));
  }

  // The query's terms, [{e: exact spelling, f: folded}], without duplicates:
  // words as they are; CJK runs as bigrams, or the unigram for one character.
  function terms(q) {
    const out = [];
    const seen = new Set();
    const add = (raw) => {
      const f = fold(raw);
      if (f && !seen.has(f) && out.length < MAX_TERMS) {
        seen.add(f);
        out.push({ e: exact(raw), f: f });
      }
    };
    scan(q, (tok, at, cjk) => {
      if (!cjk) return add(tok);
      const u = tok.match(UNIT);
      if (u.length === 1) add(u[0]);
      for (let i = 0; i + 1 < u.length; i++) add(u[i] + u[i + 1]);
    });
    return out;
  }

  // ---- Index files (postings.go, build.go) --------------------------------

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  // Posting list string -> ascending document ids. "~..." is a bitmap (6 ids
  // per character); otherwise varint gaps, 5 bits per character, bit 32 = more.
  function decode(s) {
    const out = [];
    if (s[0] === '~') {
      for (let i = 1; i < s.length; i++) {
        const v = B64.indexOf(s[i]);
        for (let b = 0; b < 6; b++) if (v >> b & 1) out.push((i - 1) * 6 + b);
      }
      return out;
    }
    let id = -1;
    let v = 0;
    let shift = 0;
    for (let i = 0; i < s.length; i++) {
      const d = B64.indexOf(s[i]);
      v += (d & 31) * 2 ** shift;
      if (d & 32) { shift += 5; continue; }
      id += v + 1;
      out.push(id);
      v = shift = 0;
    }
    return out;
  }

  // Shard of a folded term: FNV-1a 32 over UTF-8, modulo the bucket count.
  function bucket(f, n) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(f)) h = Math.imul(h ^ b, 0x01000193);
    return (h >>> 0) % n;
  }

  function shardName(b, n) {
    return b.toString(16).padStart((n - 1).toString(16).length, '0') + '.json';
  }

  // ---- Ranking ---------------------------------------------------------

  // Document ids matching any term, best first. entries[i] is the shard entry
  // of terms[i] ({spelling: [docs, title?]}) or undefined. Score, compared in
  // order: terms in the title, exact-spelling terms in the title, terms
  // anywhere, exact-spelling terms anywhere; ties go to the lower id, which
  // is the newer document.
  function rank(n, ts, entries) {
    const score = new Uint8Array(4 * n); // per doc: title, titleExact, any, anyExact
    const last = new Int32Array(4 * n); // count each term once per doc and slot
    const hit = (slot, ids, term) => {
      for (const id of ids) {
        const j = 4 * id + slot;
        if (id < n && last[j] !== term) { last[j] = term; score[j]++; }
      }
    };
    ts.forEach((t, i) => {
      const entry = entries[i] || {};
      for (const spelling of Object.keys(entry)) {
        const same = spelling === t.e;
        const docs = decode(entry[spelling][0]);
        const title = decode(entry[spelling][1] || '');
        hit(2, docs, i + 1);
        hit(0, title, i + 1);
        if (same) { hit(3, docs, i + 1); hit(1, title, i + 1); }
      }
    });
    const ids = [];
    const key = new Float64Array(n);
    for (let id = 0; id < n; id++) {
      const j = 4 * id;
      if (!score[j + 2]) continue;
      ids.push(id);
      key[id] = ((score[j] * 64 + score[j + 1]) * 64 + score[j + 2]) * 64 + score[j + 3];
    }
    return ids.sort((a, b) => key[b] - key[a] || a - b);
  }

  // Fetches meta and the shards of the terms; resolves to {meta, ids}.
  // load(path) resolves to the parsed JSON of index/<path>.
  function search(ts, load) {
    return load('meta.json').then((meta) => {
      if (meta.v !== VERSION) throw new Error('search index format ' + meta.v);
      const names = ts.map((t) => shardName(bucket(t.f, meta.buckets), meta.buckets));
      const uniq = Array.from(new Set(names));
      return Promise.all(uniq.map((s) => load('t/' + s))).then((shards) => {
        const entries = ts.map((t, i) => {
          const shard = shards[uniq.indexOf(names[i])];
          return Object.prototype.hasOwnProperty.call(shard, t.f) ? shard[t.f] : undefined;
        });
        return { meta: meta, ids: rank(meta.docs, ts, entries) };
      });
    });
  }

  // ---- Snippets ----------------------------------------------------------

  // [start, end, term index, exact spelling?] ranges of text matching a
  // term, in text order.
  function marks(text, ts) {
    const idx = new Map(ts.map((t, i) => [t.f, i]));
    const memo = new Map(); // token -> [term index, exact?]: words repeat a lot
    const out = [];
    const check = (s, from, to) => {
      let m = memo.get(s);
      if (!m) {
        const i = idx.get(fold(s));
        memo.set(s, m = [i, i !== undefined && exact(s) === ts[i].e]);
      }
      if (m[0] !== undefined) out.push([from, to, m[0], m[1]]);
    };
    scan(text, (tok, at, cjk) => {
      if (!cjk) return check(tok, at, at + tok.length);
      const u = tok.match(UNIT);
      for (let i = 0, p = at; i < u.length; p += u[i].length, i++) {
        check(u[i], p, p + u[i].length);
        if (i + 1 < u.length) check(u[i] + u[i + 1], p, p + u[i].length + u[i + 1].length);
      }
    });
    return out;
  }

  // Never cut a surrogate pair in two.
  function low(s, i) {
    const c = s.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  // About max characters of text around the best cluster of matches (most
  // distinct terms, exact spellings counting double), as [[string, isMatch],
  // ...] with "…" where cut. max = Infinity: all of text.
  function snippet(text, ts, max) {
    const ms = marks(text, ts);
    let best = 0;
    let most = 0;
    for (let i = 0; i < ms.length && i < 200; i++) {
      const got = new Set();
      const ex = new Set();
      // The window shown runs from max/4 before its first match (below).
      for (let j = i; j < ms.length && ms[j][1] - ms[i][0] <= max * 0.75; j++) {
        got.add(ms[j][2]);
        if (ms[j][3]) ex.add(ms[j][2]);
      }
      if (got.size + ex.size > most) { most = got.size + ex.size; best = i; }
    }
    const first = ms.length ? ms[best][0] : 0;
    let from = Math.max(0, first - Math.floor(max / 4));
    if (from > 0) { // start at a word if there is a space before the match
      const sp = text.indexOf(' ', from);
      if (sp >= 0 && sp < first) from = sp + 1;
      if (low(text, from)) from++;
    }
    let to = Math.min(text.length, from + Math.floor(max));
    if (to < text.length) {
      const sp = text.lastIndexOf(' ', to);
      if (sp > from + max / 2) to = sp;
      if (low(text, to)) to--;
    }
    const out = from > 0 ? [['…', false]] : [];
    const push = (s, m) => {
      const prev = out[out.length - 1];
      if (prev && prev[1] === m) prev[0] += s; else if (s) out.push([s, m]);
    };
    let pos = from;
    for (const [s, e] of ms) {
      if (s >= to) break;
      if (e <= pos) continue; // overlaps what is already marked
      const a = Math.max(s, pos);
      const b = Math.min(e, to);
      push(text.slice(pos, a), false);
      push(text.slice(a, b), true);
      pos = b;
    }
    push(text.slice(pos, to), false);
    if (to < text.length) out.push(['…', false]);
    return out;
  }

  // ---- Page ---------------------------------------------------------------

  // Appends snippet segments to el as text nodes and <mark> elements.
  function fill(doc, el, segs) {
    for (const [s, m] of segs) {
      if (!m) { el.appendChild(doc.createTextNode(s)); continue; }
      const k = doc.createElement('mark');
      k.textContent = s;
      el.appendChild(k);
    }
  }

  // One result: <li><a href>title</a> <time>date</time><p>snippet</p></li>.
  function item(doc, f, ts, root) {
    const li = doc.createElement('li');
    const a = doc.createElement('a');
    const url = new URL(f.u, root);
    if (/^(https?|file):$/.test(url.protocol)) a.setAttribute('href', url.href);
    fill(doc, a, snippet(f.t, ts, Infinity));
    li.appendChild(a);
    if (f.d) {
      const t = doc.createElement('time');
      if (f.dt) t.setAttribute('datetime', f.dt);
      t.textContent = f.d;
      li.appendChild(doc.createTextNode(' '));
      li.appendChild(t);
    }
    const p = doc.createElement('p');
    fill(doc, p, snippet(f.x, ts, SNIPPET));
    li.appendChild(p);
    return li;
  }

  function count(n, lang) {
    try { return n.toLocaleString(lang); } catch (e) { return String(n); }
  }

  // Runs the search of the page at href in doc; load is for tests (default:
  // fetch relative to the page, meta revalidated, the rest cache-busted by
  // the build's hash). Resolves when the first page of results is shown.
  function start(doc, href, load) {
    const q = new URL(href).searchParams.get('q') || '';
    // Every search box on the page (the header's and the page's) shows the query.
    const inputs = doc.querySelectorAll ? doc.querySelectorAll('input[name="q"]') : [doc.querySelector('input[name="q"]')];
    Array.prototype.forEach.call(inputs, (input) => { if (input) input.value = q; });
    const list = doc.getElementById('search-results');
    const ts = terms(q);
    if (!list || !ts.length) return Promise.resolve();
    const status = doc.getElementById('search-status');
    const say = (s) => { if (status) status.textContent = s; };
    const index = new URL(list.getAttribute('data-index') || 'index/', href).href;
    const root = new URL(list.getAttribute('data-root') || '../', href).href;
    if (!load) {
      let v = '';
      load = (p) => fetch(index + p + v, p === 'meta.json' ? { cache: 'no-cache' } : {})
        .then((r) => { if (!r.ok) throw new Error(r.status + ' ' + r.url); return r.json(); })
        .then((j) => { if (p === 'meta.json') v = '?v=' + j.hash; return j; });
    }
    return search(ts, load).then((res) => {
      const ids = res.ids;
      say((status && status.getAttribute('data-results') || '{n}').replace('{n}', count(ids.length, res.meta.lang)).replace('{q}', q));
      if (!ids.length) {
        const empty = doc.getElementById('search-empty');
        if (empty) empty.hidden = false;
        return;
      }
      let more = doc.getElementById('search-more');
      if (!more && ids.length > PAGE) {
        more = doc.createElement('button');
        more.setAttribute('type', 'button');
        more.textContent = list.getAttribute('data-more') || 'More';
        list.insertAdjacentElement('afterend', more);
      }
      let shown = 0;
      const next = (focus) => {
        const page = ids.slice(shown, shown += PAGE);
        if (more) { more.hidden = shown >= ids.length; more.disabled = true; }
        return Promise.all(page.map((id) => load('d/' + id + '.json'))).then((fs) => {
          fs.forEach((f, i) => {
            const li = list.appendChild(item(doc, f, ts, root));
            if (focus && !i) li.firstChild.focus(); // keyboard users land on the new results
          });
          if (more) more.disabled = false;
        });
      };
      if (more) more.addEventListener('click', () => { next(true).catch(fail); });
      return next(false);
    }).catch(fail);

    function fail(err) {
      say(status && status.getAttribute('data-error') || String(err.message || err));
    }
  }

  const api = {
    VERSION, fold, exact, terms, decode, bucket, shardName, rank, search, marks, snippet, start,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    const go = () => { start(document, location.href); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);
    else go();
  }
})();
