// Tests of static/js/search.js under Node's built-in runner. Run through
// `go test ./internal/search` (TestJS), which builds the fixture indexes with
// the Go package and passes SEARCH_FIXTURES (their directory, with Go's
// answers in expect.json) and SEARCH_JS (the script).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.SEARCH_FIXTURES;
const S = require(process.env.SEARCH_JS || path.join(__dirname, '../../../static/js/search.js'));
const skip = dir ? false : 'needs fixtures: run `go test ./internal/search`';
const expect = dir ? JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')) : {};

// loader returns search.js's load(path) for a language's fixture index,
// recording [path, bytes] for every file read.
function loader(lang, log = []) {
  return (p) => new Promise((resolve, reject) => {
    fs.readFile(path.join(dir, lang, 'index', p), (err, b) => {
      if (err) return reject(err);
      log.push([p, b.length]);
      resolve(JSON.parse(b.toString('utf8')));
    });
  });
}

// results runs a query and returns the fragments of all results, in order.
async function results(lang, q) {
  const load = loader(lang);
  const { ids } = await S.search(S.terms(q), load);
  return Promise.all(ids.map((id) => load('d/' + id + '.json')));
}
const urls = async (lang, q) => (await results(lang, q)).map((f) => f.u);

test('normalisation, tokens, hashing and decoding agree with Go', { skip }, () => {
  for (const [input, want] of expect.fold) assert.equal(S.fold(input), want, 'fold ' + input);
  for (const [input, want] of expect.exact) assert.equal(S.exact(input), want, 'exact ' + input);
  for (const [q, want] of Object.entries(expect.terms)) assert.deepEqual(S.terms(q), want, 'terms ' + q);
  for (const [f, n, want] of expect.buckets) assert.equal(S.shardName(S.bucket(f, n), n), want, `bucket ${f} ${n}`);
  for (const [enc, want] of expect.postings) assert.deepEqual(S.decode(enc), want, 'decode ' + enc);
});

test('ranking agrees with the Go reference', { skip }, async () => {
  for (const c of expect.rank) assert.deepEqual(await urls(c.lang, c.q), c.want, `${c.lang} ${c.q}`);
});

test('hoi nghi finds Hội nghị', { skip }, async () => {
  const r = await results('vi', 'hoi nghi');
  assert.ok(r.length > 0);
  assert.match(r[0].t, /Hội nghị/);
  assert.equal(r[0].u, 'news/hoi-nghi/');
});

test('đối ngoại ranks the exact-accent document above the folded one', { skip }, async () => {
  const u = await urls('vi', 'đối ngoại');
  const exact = u.indexOf('news/doi-ngoai-exact/');
  const folded = u.indexOf('news/doi-ngoai-folded/');
  assert.ok(exact >= 0 && folded >= 0, u.join());
  assert.ok(exact < folded, 'exact ' + exact + ' folded ' + folded); // although the folded one is newer
  // Without accents the newer one wins the tie.
  const plain = await urls('vi', 'doi ngoai');
  assert.ok(plain.indexOf('news/doi-ngoai-folded/') < plain.indexOf('news/doi-ngoai-exact/'));
});

test('Arabic الاعلام finds الإعلام', { skip }, async () => {
  const r = await results('ar', 'الاعلام');
  assert.deepEqual(r.map((f) => f.u), ['news/ilam/']);
  assert.match(r[0].t, /الإعلام/);
  assert.deepEqual(await urls('ar', 'مدرسه'), ['news/madrasa/']); // ta marbuta
});

test('Chinese 对外 finds a document containing 对外信息', { skip }, async () => {
  const r = await results('zh', '对外');
  const doc = r.find((f) => f.u === 'news/duiwai/');
  assert.ok(doc, r.map((f) => f.u).join());
  assert.match(doc.x, /对外信息/);
  assert.deepEqual((await results('zh', '对')).map((f) => f.u).sort(), ['news/duiwai/', 'news/title-duiwai/']);
  assert.deepEqual(await urls('zh', '经济 合作'), ['news/jingji/']);
});

test('title matches rank first', { skip }, async () => {
  const u = await urls('vi', 'hợp tác');
  assert.equal(u[0], 'news/hop-tac-title/'); // older than hop-tac-body, but in the title
  assert.equal(u[1], 'news/hop-tac-body/');
  assert.equal((await urls('zh', '对外'))[0], 'news/title-duiwai/');
});

test('a query with no terms or no index entry finds nothing', { skip }, async () => {
  assert.deepEqual(S.terms(' … !? '), []);
  assert.deepEqual(await urls('vi', 'xyzzy'), []);
  assert.deepEqual(await urls('vi', 'constructor __proto__'), []);
});

// marked returns the highlighted parts of a snippet.
const marked = (segs) => segs.filter((s) => s[1]).map((s) => s[0]);
const plain = (segs) => segs.map((s) => s[0]).join('');

test('snippets highlight matches in any script', () => {
  const t = 'Sáng nay tại Hà Nội, Hội nghị tổng kết công tác thông tin đối ngoại đã diễn ra.';
  assert.deepEqual(marked(S.snippet(t, S.terms('hoi nghi'), Infinity)), ['Hội', 'nghị']);
  assert.equal(plain(S.snippet(t, S.terms('hoi nghi'), Infinity)), t);
  assert.deepEqual(marked(S.snippet(t, S.terms('Đối ngoại'), Infinity)), ['đối', 'ngoại']);
  assert.deepEqual(marked(S.snippet('会议强调，要做好对外信息发布工作', S.terms('对外信息'), Infinity)), ['对外信息']);
  assert.deepEqual(marked(S.snippet('中国对外交流', S.terms('对'), Infinity)), ['对']);
  assert.deepEqual(marked(S.snippet('أعلنت وزارة الإعلام عن منصة', S.terms('الاعلام'), Infinity)), ['الإعلام']);
});

test('snippets are windows of about the requested size around the matches', () => {
  const words = [];
  for (let i = 0; i < 300; i++) words.push('từ' + i);
  words[150] = 'Hội';
  words[152] = 'nghị';
  const text = words.join(' ');
  const segs = S.snippet(text, S.terms('hoi nghi'), 80);
  const s = plain(segs);
  assert.ok(s.startsWith('…') && s.endsWith('…'), s);
  assert.ok(s.length <= 80 + 2, s.length);
  assert.deepEqual(marked(segs), ['Hội', 'nghị']);
  assert.ok(/^…từ\d+ /.test(s), 'starts at a word: ' + s);
  // No match (title-only hit): the start of the text.
  assert.ok(plain(S.snippet(text, S.terms('xyzzy'), 80)).startsWith('từ0 từ1'));
  // Never split a surrogate pair.
  const emoji = '😀'.repeat(100) + ' Hội ' + '😀'.repeat(100);
  for (const [str] of S.snippet(emoji, S.terms('hoi'), 41)) {
    assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(str), JSON.stringify(str));
  }
});

// ---- A tiny fake DOM, just what search.js's page code uses ------------------

class Text {
  constructor(s) { this.nodeValue = s; }
  get textContent() { return this.nodeValue; }
}

class El {
  constructor(doc, tag, attrs = {}) {
    Object.assign(this, { doc, tagName: tag.toUpperCase(), attrs, children: [], parent: null, hidden: false, listeners: {} });
  }
  appendChild(c) { c.parent = this; this.children.push(c); return c; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; }
  get firstChild() { return this.children[0] || null; }
  get textContent() { return this.children.map((c) => c.textContent).join(''); }
  set textContent(v) { this.children = [new Text(String(v))]; }
  set innerHTML(v) { throw new Error('search.js must not use innerHTML'); }
  insertAdjacentElement(where, el) {
    assert.equal(where, 'afterend');
    const sib = this.parent.children;
    sib.splice(sib.indexOf(this) + 1, 0, el);
    el.parent = this.parent;
    return el;
  }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  click() { for (const fn of this.listeners.click || []) fn(); }
  focus() { this.doc.activeElement = this; }
  *walk() { yield this; for (const c of this.children) if (c instanceof El) yield* c.walk(); }
}

// page builds the search page template: form, status, results, empty message.
function page() {
  const doc = {
    createElement: (tag) => new El(doc, tag),
    createTextNode: (s) => new Text(s),
    getElementById: (id) => { for (const e of doc.body.walk()) if (e.attrs.id === id) return e; return null; },
    querySelector: (sel) => {
      assert.equal(sel, 'input[name="q"]');
      for (const e of doc.body.walk()) if (e.tagName === 'INPUT' && e.attrs.name === 'q') return e;
      return null;
    },
  };
  doc.body = new El(doc, 'body');
  const form = doc.body.appendChild(new El(doc, 'form'));
  form.appendChild(new El(doc, 'input', { name: 'q' }));
  doc.body.appendChild(new El(doc, 'p', { id: 'search-status', 'data-results': '{n} kết quả' }));
  doc.body.appendChild(new El(doc, 'ol', { id: 'search-results', 'data-more': 'Xem thêm' }));
  const empty = doc.body.appendChild(new El(doc, 'p', { id: 'search-empty' }));
  empty.hidden = true;
  return doc;
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const HREF = 'https://example.org/embassy/vi/search/?q=';

test('the page shows ten results, then ten more on "more"', { skip }, async () => {
  const doc = page();
  const log = [];
  await S.start(doc, HREF + 'b%E1%BA%A3n+tin', loader('vi', log));
  assert.equal(doc.querySelector('input[name="q"]').value, 'bản tin');
  assert.equal(doc.getElementById('search-status').textContent, '27 kết quả');
  const list = doc.getElementById('search-results');
  assert.equal(list.children.length, 10);
  const more = list.parent.children[list.parent.children.indexOf(list) + 1];
  assert.equal(more.tagName, 'BUTTON');
  assert.equal(more.textContent, 'Xem thêm');
  assert.equal(more.hidden, false);
  // Only the first page's fragments were fetched.
  assert.equal(log.filter(([p]) => p.startsWith('d/')).length, 10);
  more.click();
  await settle();
  assert.equal(list.children.length, 20);
  assert.equal(doc.activeElement, list.children[10].firstChild, 'focus moves to the first new result');
  more.click();
  await settle();
  assert.equal(list.children.length, 27);
  assert.equal(more.hidden, true);
  const first = list.children[0];
  const a = first.children[0];
  assert.equal(a.tagName, 'A');
  assert.equal(a.getAttribute('href'), 'https://example.org/embassy/vi/news/hop-tac-body/');
  assert.deepEqual(a.children.filter((c) => c.tagName === 'MARK').map((m) => m.textContent), ['Bản', 'tin']);
  const time = first.children.find((c) => c.tagName === 'TIME');
  assert.equal(time.textContent, '01/03/2024');
  assert.equal(time.getAttribute('datetime'), '2024-03-01');
  assert.equal(doc.getElementById('search-empty').hidden, true);
});

test('document text is never parsed as HTML', { skip }, async () => {
  const doc = page();
  await S.start(doc, HREF + 'h%E1%BB%99i+th%E1%BA%A3o', loader('vi'));
  const list = doc.getElementById('search-results');
  const li = list.children.find((c) => /script/.test(c.textContent));
  assert.ok(li, 'the <script> title is a result');
  assert.equal(li.children[0].textContent, '<script>alert(1)</script> Hội thảo & <b>báo chí</b>');
  for (const e of li.walk()) assert.ok(['LI', 'A', 'MARK', 'TIME', 'P'].includes(e.tagName), e.tagName);
});

test('no results unhide #search-empty; an empty query does nothing', { skip }, async () => {
  let doc = page();
  await S.start(doc, HREF + 'xyzzy', loader('vi'));
  assert.equal(doc.getElementById('search-empty').hidden, false);
  assert.equal(doc.getElementById('search-results').children.length, 0);
  assert.equal(doc.getElementById('search-status').textContent, '0 kết quả');

  doc = page();
  const log = [];
  await S.start(doc, HREF.replace('?q=', ''), loader('vi', log));
  await S.start(doc, HREF + '+++', loader('vi', log));
  assert.equal(log.length, 0, 'nothing fetched');
  assert.equal(doc.getElementById('search-status').textContent, '');
  assert.equal(doc.getElementById('search-empty').hidden, true);
});

test('a broken index is reported in the status, not thrown', { skip }, async () => {
  const doc = page();
  doc.getElementById('search-status').setAttribute('data-error', 'Tìm kiếm không khả dụng');
  await S.start(doc, HREF + 'hoi', () => Promise.reject(new Error('404')));
  assert.equal(doc.getElementById('search-status').textContent, 'Tìm kiếm không khả dụng');
});

test('bytes downloaded for a two-term query', { skip }, async () => {
  const log = [];
  await S.start(page(), HREF + 'hoi+nghi', loader('vi', log));
  const total = log.reduce((n, [, b]) => n + b, 0);
  assert.ok(log[0][0] === 'meta.json' && log.some(([p]) => p.startsWith('t/')));
  console.log(`fixture "hoi nghi": ${log.length} files, ${total} bytes`);
});

test('in a browser-like setting it fetches ./index/ relative to the page', { skip }, async (t) => {
  const http = require('node:http');
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    const m = /^\/sub\/(\w+)\/search\/(index\/[^?]+)/.exec(req.url);
    const file = m && path.join(dir, m[1], m[2]);
    if (!file || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}/sub/vi/search/`;

  const doc = page();
  await S.start(doc, base + '?q=hoi+nghi'); // no loader: the real fetch path
  const list = doc.getElementById('search-results');
  assert.equal(list.children.length, 2);
  assert.equal(list.children[0].children[0].getAttribute('href'), `http://127.0.0.1:${server.address().port}/sub/vi/news/hoi-nghi/`);
  assert.equal(seen[0], '/sub/vi/search/index/meta.json');
  const hash = JSON.parse(fs.readFileSync(path.join(dir, 'vi', 'index', 'meta.json'))).hash;
  for (const u of seen.slice(1)) assert.ok(u.endsWith('.json?v=' + hash), u);

  const broken = page();
  await S.start(broken, base.replace('/vi/', '/xx/') + '?q=hoi');
  assert.match(broken.getElementById('search-status').textContent, /404/);
});
