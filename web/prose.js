// The narrative of a document — mo_dau, noi_dung (BÁO CÁO), ket_luan
// (THÔNG BÁO), ket_thuc — edited as an officer writes it, not as JSON: each
// run of paragraphs is a box of lines, each numbered section a title with
// its own boxes under it. What the boxes say is written back into the data
// (docs/data-model.md, "Sections") on every keystroke, in the items' order.
// Items a line cannot say (a paragraph with a line break, an object of
// another shape) are shown as they are and kept in their place; the JSON box
// edits them.
'use strict';

// One line of a box is one item: "- " a gạch item, "+ " a cộng item,
// "[nghiêng] " an italic paragraph, "[chỉ tiêu 2]" indicator group 2 placed
// here; any other line a paragraph ("\" first keeps a line that starts like
// one of these a paragraph).
const PROSE_MARKS = [['- ', 'gach'], ['+ ', 'cong'], ['[nghiêng] ', 'nghieng']];
const PROSE_GROUP = /^\[chỉ tiêu ([^\]]+)\]$/;

function proseLineOf(it) {
  if (typeof it === 'string') {
    if (it.includes('\n') || it.trim() === '' || it !== it.trim()) return null;
    const looksMarked = it.startsWith('\\') || PROSE_MARKS.some((m) => it.startsWith(m[0])) || PROSE_GROUP.test(it);
    return looksMarked ? '\\' + it : it;
  }
  if (!it || typeof it !== 'object' || Array.isArray(it)) return null;
  const keys = Object.keys(it);
  if (keys.length !== 1 || typeof it[keys[0]] !== 'string') return null;
  const v = it[keys[0]];
  if (v.includes('\n') || v.trim() === '' || v !== v.trim()) return null;
  if (keys[0] === 'chi_tieu') return v.includes(']') ? null : `[chỉ tiêu ${v}]`;
  const m = PROSE_MARKS.find((x) => x[1] === keys[0]);
  return m ? m[0] + v : null;
}

function proseItemOf(line) {
  if (line.startsWith('\\')) return line.slice(1);
  for (const [mark, key] of PROSE_MARKS) if (line.startsWith(mark)) return {[key]: line.slice(mark.length).trim()};
  const g = PROSE_GROUP.exec(line);
  return g ? {chi_tieu: g[1].trim()} : line;
}

const isSection = (it) => it && typeof it === 'object' && !Array.isArray(it) && typeof it.tieu_de === 'string';

function proseLines(items) {
  const box = document.createElement('textarea');
  box.className = 'prose-lines';
  box.value = items.map(proseLineOf).join('\n');
  box.rows = Math.min(12, Math.max(2, items.length + 1));
  box.spellcheck = true;
  box.lang = 'vi';
  box.placeholder = 'Mỗi dòng một đoạn; "- " gạch đầu dòng, "+ " dấu cộng, "[nghiêng] " đoạn in nghiêng';
  return box;
}

function proseKept(it) {
  const box = document.createElement('div');
  box.className = 'prose-kept';
  box.dataset.json = JSON.stringify(it);
  box.textContent = 'Mục này chỉ sửa được trong ô Dữ liệu (JSON): ' + JSON.stringify(it).slice(0, 160);
  return box;
}

function proseButton(text, act) {
  const b = document.createElement('button');
  b.type = 'button'; b.className = 'prose-act'; b.textContent = text;
  b.addEventListener('click', act);
  return b;
}

// A list of items at `path`: boxes of lines between the sections.
function proseItems(items, path, sections, nested) {
  const list = document.createElement('div');
  list.className = 'prose-items'; list.dataset.path = path;
  let run = [];
  const flush = () => { if (run.length) list.append(proseLines(run)); run = []; };
  items.forEach((it, i) => {
    if (sections && isSection(it)) { flush(); list.append(proseSection(it, `${path}[${i}]`)); return; }
    if (proseLineOf(it) !== null) { run.push(it); return; }
    flush();
    list.append(proseKept(it));
  });
  flush();
  if (!list.lastElementChild || !list.lastElementChild.classList.contains('prose-lines')) list.append(proseLines([]));
  if (sections) {
    const row = document.createElement('div');
    row.className = 'prose-row';
    row.append(proseButton(nested ? '+ Thêm mục con' : '+ Thêm mục', () => {
      row.before(proseSection({tieu_de: ''}, null), proseLines([]));
      proseChanged(list, true);
    }));
    list.append(row);
  }
  return list;
}

// A numbered section: its title, its items, what else it holds kept as is.
function proseSection(sec, path) {
  const box = document.createElement('div');
  box.className = 'prose-section field';
  if (path) box.dataset.path = path;
  const rest = Object.assign({}, sec);
  delete rest.tieu_de; delete rest.noi_dung;
  box.dataset.rest = JSON.stringify(rest);
  box.dataset.hasItems = Array.isArray(sec.noi_dung) ? '1' : '';
  const title = document.createElement('textarea');
  title.className = 'prose-title'; title.rows = 1; title.value = sec.tieu_de; title.lang = 'vi';
  title.placeholder = 'Tên mục (số thứ tự do vanban đánh)';
  box.append(title);
  const items = Array.isArray(sec.noi_dung) ? sec.noi_dung : [];
  box.append(proseItems(items, (path || '$.?') + '.noi_dung', true, true));
  const row = document.createElement('div');
  row.className = 'prose-row';
  row.append(proseButton('Xoá mục này', () => {
    const list = box.parentElement;
    box.remove();
    proseChanged(list, true);
  }));
  box.append(row);
  return box;
}

// The items a list's boxes say now.
function proseCollect(list) {
  const out = [];
  for (const el of list.children) {
    if (el.classList.contains('prose-lines')) {
      for (const raw of el.value.split('\n')) { const line = raw.trim(); if (line) out.push(proseItemOf(line)); }
    } else if (el.classList.contains('prose-kept')) {
      out.push(JSON.parse(el.dataset.json));
    } else if (el.classList.contains('prose-section')) {
      const sec = Object.assign({tieu_de: el.querySelector(':scope > .prose-title').value.trim()}, JSON.parse(el.dataset.rest));
      const sub = proseCollect(el.querySelector(':scope > .prose-items'));
      if (sub.length || el.dataset.hasItems) sec.noi_dung = sub;
      const ordered = {tieu_de: sec.tieu_de};
      if (sec.noi_dung) ordered.noi_dung = sec.noi_dung;
      out.push(Object.assign(ordered, sec));
    }
  }
  return out;
}

// Something in the editor holding `el` changed: write its items back; a
// change of shape (a section added or removed) draws the editors again so
// that every place's path is right for the check's findings.
function proseChanged(el, reshaped) {
  const root = el.closest('.prose');
  setPath(state.data, root.dataset.path, proseCollect(root.querySelector(':scope > .prose-items')));
  showJson();
  scheduleCheck();
  if (reshaped) buildProse();
}

const proseParts = [
  ['$.mo_dau', 'Mở đầu', false, null],
  ['$.noi_dung', 'Nội dung', true, 'bao-cao'],
  ['$.ket_luan', 'Kết luận', true, 'thong-bao'],
  ['$.ket_thuc', 'Kết thúc', false, null],
];

// The narrative editors of the open data, in #prose-form.
function buildProse() {
  const pf = $('prose-form'); pf.textContent = '';
  for (const [path, label, sections, only] of proseParts) {
    const items = getPath(state.data, path);
    if (!Array.isArray(items) && (!only || state.data.loai !== only)) continue;
    const box = document.createElement('div');
    box.className = 'prose'; box.dataset.path = path;
    const h = document.createElement('h3'); h.textContent = label; box.append(h);
    const hint = document.createElement('p'); hint.className = 'hint';
    hint.textContent = sections
      ? 'Mỗi mục là một tên mục và các đoạn của nó; số thứ tự (I., 1., 1.1., a)) do vanban đánh. Mỗi dòng một đoạn; "- " gạch đầu dòng, "+ " dấu cộng, "[nghiêng] " đoạn in nghiêng, "[chỉ tiêu 2]" đặt nhóm chỉ tiêu 2 vào đây; **đậm**, *nghiêng*.'
      : 'Mỗi dòng một đoạn; "- " gạch đầu dòng, "+ " dấu cộng, "[nghiêng] " đoạn in nghiêng; **đậm**, *nghiêng*.';
    box.append(hint, proseItems(Array.isArray(items) ? items : [], path, sections));
    box.addEventListener('input', (e) => proseChanged(e.target, false));
    pf.append(box);
  }
}
