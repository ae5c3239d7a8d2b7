// vanban serve: the page. The data shown is the data file itself (state.data);
// every form field edits it at a JSON path, and every document is made by the
// server from exactly that file.
'use strict';

const csrf = document.querySelector('meta[name="vanban-csrf"]').content;
const $ = (id) => document.getElementById(id);
const state = { data: null, original: null, checkTimer: null, checkSeq: 0 };

// ---- talking to the server ---------------------------------------------------

function busy(on) { $('busy').hidden = !on; document.body.setAttribute('aria-busy', on ? 'true' : 'false'); }

async function post(path, fields) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof File) form.append(k, v, v.name); else form.append(k, v);
  }
  busy(true);
  try {
    return await fetch(path, { method: 'POST', body: form, headers: { 'X-Vanban-CSRF': csrf } });
  } finally { busy(false); }
}

// The message of an error answer (JSON {error, hint, diagnostics}).
async function errorText(res) {
  try {
    const e = await res.json();
    let t = e.error || ('Lỗi ' + res.status);
    if (e.hint) t += ' ' + e.hint;
    for (const d of e.diagnostics || []) t += '\n• ' + (d.where ? d.where + ': ' : '') + d.message + (d.hint ? ' (' + d.hint + ')' : '');
    return t;
  } catch (_) { return 'Lỗi ' + res.status; }
}

function say(id, text, bad) { const el = $(id); el.textContent = text; el.classList.toggle('bad', !!bad); }

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function fromBase64(b64, type) {
  const bin = atob(b64); const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

// ---- JSON paths ($.van_ban.ky.ho_ten, $.nhom_chi_tieu[2].chi_tieu[4].ket_qua.tu) -----

function pathParts(p) {
  const out = [];
  p.replace(/^\$/, '').replace(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g, (_, k, i) => { out.push(k !== undefined ? k : Number(i)); return ''; });
  return out;
}
function getPath(obj, p) { let o = obj; for (const k of pathParts(p)) { if (o == null) return undefined; o = o[k]; } return o; }
function setPath(obj, p, v) {
  const ks = pathParts(p); let o = obj;
  for (let i = 0; i < ks.length - 1; i++) { if (o[ks[i]] == null) o[ks[i]] = typeof ks[i + 1] === 'number' ? [] : {}; o = o[ks[i]]; }
  const last = ks[ks.length - 1];
  if (v === undefined) delete o[last]; else o[last] = v;
}

// ---- the form ----------------------------------------------------------------

const headerFields = [
  ['$.van_ban.co_quan_chu_quan', 'Cơ quan chủ quản', 'text', 'Cơ quan cấp trên trực tiếp (nếu có), ví dụ UBND huyện Hà Trung'],
  ['$.van_ban.co_quan_ban_hanh', 'Cơ quan ban hành', 'area', 'In hoa, đậm; xuống dòng đúng như muốn in'],
  ['$.van_ban.ten_co_quan', 'Tên cơ quan (trong câu văn)', 'text', 'Ví dụ UBND xã Hà Tân'],
  ['$.van_ban.so', 'Số', 'text', 'Để trống khi là dự thảo; điền khi ban hành'],
  ['$.van_ban.ky_hieu', 'Ký hiệu', 'text', 'Tên loại viết tắt - cơ quan, ví dụ BC-UBND'],
  ['$.van_ban.dia_danh', 'Địa danh', 'text', 'Tên đơn vị hành chính nơi cơ quan đóng trụ sở'],
  ['$.van_ban.ngay', 'Ngày', 'text', 'NNNN-TT-NN; dự thảo có thể chỉ ghi NNNN-TT'],
  ['$.van_ban.du_thao', 'Dự thảo', 'check', 'Bỏ chọn khi văn bản được ban hành'],
  ['$.van_ban.trich_yeu', 'Trích yếu nội dung', 'area', 'Ngắn gọn, nêu đúng nội dung chính'],
  ['$.van_ban.kinh_gui', 'Kính gửi', 'lines', 'Mỗi dòng một nơi nhận'],
  ['$.van_ban.noi_nhan', 'Nơi nhận', 'lines', 'Mỗi dòng một nơi; “Như trên” khi đã có Kính gửi'],
  ['$.van_ban.luu', 'Lưu', 'text', 'VT, tên viết tắt đơn vị soạn thảo (ví dụ VT, VHTT)'],
  ['$.van_ban.ky.dong', 'Quyền hạn, chức vụ người ký', 'lines', 'Mỗi dòng một dòng in: TM., KT., chức vụ'],
  ['$.van_ban.ky.ho_ten', 'Họ tên người ký', 'text', 'Không ghi học hàm, học vị'],
];

function fieldBox(path, label, kind, hint) {
  const box = document.createElement('div');
  box.className = 'field'; box.dataset.path = path;
  const lab = document.createElement('label');
  lab.append(label);
  const v = getPath(state.data, path);
  let input;
  if (kind === 'area' || kind === 'lines') {
    input = document.createElement('textarea');
    input.rows = kind === 'lines' ? 3 : 2;
    input.value = kind === 'lines' ? (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('\n') : '') : (v == null ? '' : String(v));
  } else if (kind === 'check') {
    input = document.createElement('input'); input.type = 'checkbox'; input.checked = !!v;
  } else {
    input = document.createElement('input'); input.type = 'text'; input.value = v == null ? '' : String(v);
  }
  input.dataset.path = path; input.dataset.kind = kind;
  input.id = 'f' + path.replace(/[^a-z0-9]+/gi, '-');
  input.addEventListener('input', () => edited(input));
  input.addEventListener('change', () => edited(input));
  lab.append(input);
  const h = document.createElement('span'); h.className = 'hint'; h.textContent = hint;
  lab.append(h);
  box.append(lab);
  return box;
}

function edited(input) {
  const p = input.dataset.path, kind = input.dataset.kind;
  let v;
  if (kind === 'check') v = input.checked;
  else if (kind === 'lines') v = input.value.split('\n').map((s) => s.trim()).filter((s) => s);
  else if (kind === 'num') v = parseNumber(input.value);
  else if (p.endsWith('.so')) v = input.value.trim() === '' ? null : (/^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value);
  else v = input.value === '' ? undefined : input.value; // an emptied field leaves the file
  if (kind === 'lines' && Array.isArray(getPath(state.data, p))) {
    // Keep items that are not plain text (objects) where they were: only text lines are edited here.
    const old = getPath(state.data, p); const objs = old.filter((x) => typeof x !== 'string');
    v = v.concat(objs);
  }
  setPath(state.data, p, v);
  showJson();
  scheduleCheck();
}

// "44.956" (thousands) → 44956; "58,6" → 58.6; anything else is kept as text for check to name.
function parseNumber(s) {
  const t = s.trim().replace(/\s/g, '');
  if (t === '') return null;
  if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : s;
}

function fmtTarget(m) {
  if (!m) return '—';
  const cmp = { '>=': '≥ ', '>': '> ', '<=': '≤ ', '<': '< ', '=': '' }[m.so_sanh] ?? '';
  if (m.kieu === 'ty_le') return cmp + String(m.gia_tri).replace('.', ',') + '%';
  if (m.kieu === 'so_luong') return cmp + m.gia_tri;
  if (m.kieu === 'co_khong') return 'Có/Không';
  return '—';
}

function numInput(path, title) {
  const i = document.createElement('input');
  i.type = 'text'; i.className = 'num'; i.inputMode = 'decimal'; i.title = title;
  const v = getPath(state.data, path); i.value = v == null ? '' : String(v);
  i.dataset.path = path; i.dataset.kind = 'num';
  i.addEventListener('input', () => edited(i));
  return i;
}

function buildIndicators() {
  const groups = state.data.nhom_chi_tieu;
  const tbody = $('indicators').querySelector('tbody');
  tbody.textContent = '';
  if (!Array.isArray(groups)) { $('indicators-box').hidden = true; return; }
  $('indicators-box').hidden = false;
  groups.forEach((g, gi) => {
    const tr = document.createElement('tr');
    const td = document.createElement('td'); td.colSpan = 5; td.className = 'group';
    td.textContent = (g.ma ? g.ma + '. ' : '') + (g.ten || '');
    tr.append(td); tbody.append(tr);
    (g.chi_tieu || []).forEach((c, ci) => {
      const base = `$.nhom_chi_tieu[${gi}].chi_tieu[${ci}]`;
      const row = document.createElement('tr'); row.dataset.path = base; row.id = 'ct-' + (c.ma || gi + '-' + ci);
      const cells = [c.ma || '', (c.yeu_cau || c.ten || ''), fmtTarget(c.muc_tieu)];
      for (const t of cells) {
        const d = document.createElement('td');
        d.textContent = t.length > 140 ? t.slice(0, 140) + '…' : t; d.title = t; row.append(d);
      }
      const res = document.createElement('td'); res.dataset.path = base + '.ket_qua';
      const k = c.ket_qua;
      if (k && ('tu' in k || 'mau' in k)) {
        res.append(numInput(base + '.ket_qua.tu', 'Tử số'), ' / ', numInput(base + '.ket_qua.mau', 'Mẫu số'));
      } else if (k && 'gia_tri' in k) {
        res.append(numInput(base + '.ket_qua.gia_tri', 'Giá trị'));
      } else if (k && 'co' in k) {
        const i = document.createElement('input'); i.type = 'checkbox'; i.checked = !!k.co;
        i.dataset.path = base + '.ket_qua.co'; i.dataset.kind = 'check';
        i.addEventListener('change', () => edited(i)); res.append(i, ' Có');
      } else {
        res.append(k && k.van_ban ? k.van_ban : '—');
      }
      row.append(res);
      const dg = document.createElement('td'); dg.dataset.path = base + '.danh_gia';
      const i = document.createElement('input'); i.type = 'text'; i.size = 9;
      i.value = c.danh_gia == null ? '' : c.danh_gia; i.dataset.path = base + '.danh_gia'; i.dataset.kind = 'text';
      i.addEventListener('input', () => edited(i));
      dg.append(i); row.append(dg);
      tbody.append(row);
    });
  });
}

function buildForm() {
  const kind = state.data.loai === 'thong-bao' ? 'THÔNG BÁO' : state.data.loai === 'bao-cao' ? 'BÁO CÁO' : String(state.data.loai || '?');
  $('doc-kind').textContent = '— ' + kind;
  const hf = $('header-form'); hf.textContent = '';
  for (const f of headerFields) {
    if (f[0] === '$.van_ban.kinh_gui' && state.data.loai !== 'bao-cao' && getPath(state.data, f[0]) === undefined) continue;
    hf.append(fieldBox(...f));
  }
  buildProse(); // prose.js
  buildIndicators();
  for (const id of ['edit', 'check', 'download', 'update']) $(id).hidden = false;
  showJson();
}

function showJson() { $('json-text').value = JSON.stringify(state.data, null, 2); }

function open(data, how) {
  state.data = data;
  state.original = JSON.parse(JSON.stringify(data));
  buildForm();
  say('start-msg', how);
  runCheck();
}

// ---- check -------------------------------------------------------------------

function scheduleCheck() { clearTimeout(state.checkTimer); state.checkTimer = setTimeout(runCheck, 500); }

const levelName = { error: 'Lỗi', warning: 'Cảnh báo', hint: 'Gợi ý' };

// The element a JSON path belongs to: itself, or the nearest enclosing one on the page.
function placeOf(path) {
  let p = path;
  while (p && p !== '$') {
    const el = document.querySelector(`[data-path="${CSS.escape(p)}"]:not(input):not(textarea)`) || document.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el.closest('.field, td, tr') || el;
    p = p.replace(/(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])$/, '');
  }
  return null;
}

function clearMarks() {
  document.querySelectorAll('.note').forEach((n) => n.remove());
  document.querySelectorAll('.has-error, .has-warning').forEach((n) => n.classList.remove('has-error', 'has-warning'));
}

function mark(path, level, text) {
  const el = path ? placeOf(path) : null;
  if (!el) return false;
  const cell = el.tagName === 'TR' ? el.lastElementChild : el;
  cell.classList.add(level === 'error' ? 'has-error' : 'has-warning');
  const n = document.createElement('div'); n.className = 'note ' + level; n.textContent = text;
  n.dataset.level = level;
  cell.append(n);
  return true;
}

async function runCheck() {
  if (!state.data) return;
  const seq = ++state.checkSeq;
  const res = await post('/api/check', { data: JSON.stringify(state.data) });
  if (seq !== state.checkSeq) return; // a newer check is on its way
  if (!res.ok) { say('check-summary', await errorText(res), true); return; }
  const r = await res.json();
  clearMarks();
  const items = [];
  for (const d of r.diagnostics || []) items.push({ level: d.level, path: d.json_path, text: d.message + (d.hint ? ' → ' + d.hint : ''), where: d.where });
  for (const f of (r.check && r.check.findings) || []) {
    const loc = f.location || {};
    items.push({ level: f.level, path: loc.json_path, rule: f.rule, where: f.place,
      text: f.message + (f.expected ? ' (cần: ' + f.expected + ')' : '') + (f.hint ? ' → ' + f.hint : '') });
  }
  // Data started from a spreadsheet knows each value's cell ("_vanban_cells",
  // written by init): a finding names the cell the officer typed it in.
  const cells = (state.data && state.data._vanban_cells) || {};
  const cellOf = (path) => {
    if (!path) return '';
    if (cells[path]) return cells[path];
    const inside = Object.keys(cells).find((k) => k.startsWith(path + '.') || k.startsWith(path + '['));
    return inside ? cells[inside] : '';
  };
  for (const it of items) {
    const c = cellOf(it.path);
    if (c && !(it.where || '').includes(c)) it.where = (it.where ? it.where + ' ' : '') + '(ô ' + c + ')';
  }
  const lists = { error: [], warning: [], hint: [] };
  for (const it of items) {
    (lists[it.level] || lists.hint).push(it);
    const c = cellOf(it.path);
    mark(it.path, it.level, levelName[it.level] + (c ? ' (ô ' + c + ')' : '') + ': ' + it.text);
  }
  for (const [lv, id] of [['error', 'check-errors'], ['warning', 'check-warnings'], ['hint', 'check-hints']]) {
    const box = $(id); box.textContent = '';
    if (!lists[lv].length) continue;
    const h = document.createElement('h3'); h.textContent = levelName[lv] + ' (' + lists[lv].length + ')'; box.append(h);
    const ul = document.createElement('ul'); ul.className = 'findings';
    for (const it of lists[lv]) {
      const li = document.createElement('li'); li.className = lv;
      li.textContent = (it.where ? it.where + ': ' : '') + it.text + (it.rule ? ' [' + it.rule + ']' : '');
      ul.append(li);
    }
    box.append(ul);
  }
  const ne = lists.error.length, nw = lists.warning.length;
  say('check-summary', ne || nw ? `${ne} lỗi, ${nw} cảnh báo, ${lists.hint.length} gợi ý` : 'Không thấy lỗi nào.', ne > 0);
}

// ---- documents -----------------------------------------------------------------

// What to do when render refuses data a draft may show (it names --nhap):
// tick "Bản dự thảo", unless it is ticked already.
function draftHint(t) {
  return t.includes('--nhap') && !$('nhap').checked
    ? '\nĐể xem trước: chọn "Bản dự thảo" — văn bản in chữ "DỰ THẢO" ở đầu trang 1.' : '';
}

async function download(format) {
  say('download-msg', '');
  const res = await post('/api/render', { data: JSON.stringify(state.data), format, issued: $('issued').checked ? '1' : '0', nhap: $('nhap').checked ? '1' : '0' });
  if (!res.ok) {
    let t = await errorText(res);
    // An error a draft renders past (an impossible figure, a blank "…").
    t += draftHint(t);
    say('download-msg', t, true);
    return null;
  }
  const blob = await res.blob();
  const disp = res.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(disp);
  return { blob, name: m ? m[1] : 'van-ban.' + format };
}

// The pages as images (LibreOffice → PDF → PNG on the server); a server
// without pdftoppm (501) gets the PDF in a frame instead.
async function preview() {
  say('download-msg', '');
  const res = await post('/api/preview', { data: JSON.stringify(state.data), issued: $('issued').checked ? '1' : '0', nhap: $('nhap').checked ? '1' : '0' });
  const pages = $('preview-pages'), f = $('preview');
  if (res.status === 501) {
    const r = await download('pdf');
    if (!r) return;
    if (f.dataset.url) URL.revokeObjectURL(f.dataset.url);
    f.dataset.url = URL.createObjectURL(new Blob([r.blob], { type: 'application/pdf' }));
    f.src = f.dataset.url; f.hidden = false; pages.hidden = true;
    say('download-msg', 'Bản xem trước (PDF) đã làm xong.');
    return;
  }
  if (!res.ok) {
    let t = await errorText(res);
    t += draftHint(t);
    say('download-msg', t, true);
    return;
  }
  const p = await res.json();
  pages.textContent = '';
  p.images.forEach((b64, i) => {
    const img = document.createElement('img');
    img.src = 'data:image/png;base64,' + b64;
    img.alt = `Trang ${i + 1}`;
    img.className = 'page';
    pages.append(img);
  });
  pages.hidden = false; f.hidden = true;
  say('download-msg', `Bản xem trước: ${p.pages} trang` + (p.more ? ' đầu' : '') + '.');
}

// ---- start -----------------------------------------------------------------------

async function loadSamples() {
  const res = await fetch('/api/samples');
  const list = await res.json();
  const sel = $('sample-select');
  for (const s of list) {
    const o = document.createElement('option'); o.value = s.ten;
    o.textContent = (s.loai === 'thong-bao' ? 'THÔNG BÁO — ' : 'BÁO CÁO — ') + s.ten;
    sel.append(o);
  }
}

async function openSample() {
  const ten = $('sample-select').value;
  const res = await fetch('/api/sample?ten=' + encodeURIComponent(ten));
  if (!res.ok) { say('start-msg', await errorText(res), true); return; }
  open(await res.json(), 'Đã mở mẫu ' + ten + '.');
}

async function openSheet() {
  const f = $('sheet-file').files[0];
  if (!f) return;
  const res = await post('/api/init', { file: f });
  if (!res.ok) { say('start-msg', await errorText(res), true); return; }
  const r = await res.json();
  open(r.data, 'Đã đọc bảng tính ' + f.name + ': ' + (r.summary || '').split('\n')[0].replace(/^[^,]*, /, '') + ' Điền các ô “…” ở dưới.');
  for (const d of r.diagnostics || []) say('start-msg', $('start-msg').textContent + '\n' + d.text);
}

async function openDataFile() {
  const f = $('data-file').files[0];
  if (!f) return;
  try { open(JSON.parse(await f.text()), 'Đã mở ' + f.name + '.'); } catch (e) { say('start-msg', 'Tệp ' + f.name + ' không phải JSON đọc được: ' + e.message, true); }
}

async function runUpdate() {
  const f = $('update-file').files[0];
  if (!f) { say('update-msg', 'Chọn văn bản đã sửa trước.', true); return; }
  const res = await post('/api/update', { document: f, data: JSON.stringify(state.data), old: JSON.stringify(state.original) });
  if (!res.ok) { say('update-msg', await errorText(res), true); return; }
  const r = await res.json();
  const type = r.filename.endsWith('.odt') ? 'application/vnd.oasis.opendocument.text' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  saveBlob(fromBase64(r.file, type), r.filename);
  let t = 'Đã cập nhật: ' + r.filename + '.';
  for (const d of r.diagnostics || []) t += '\n• ' + d.text;
  say('update-msg', t);
  const pre = $('update-diff'); pre.hidden = false;
  pre.textContent = r.diff ? 'Những gì thay đổi:\n' + r.diff : 'Số liệu không thay đổi so với lúc mở.';
}

async function runProofread() {
  const f = $('proof-file').files[0];
  if (!f) { say('proof-msg', 'Chọn văn bản trước.', true); return; }
  const res = await post('/api/proofread', { document: f });
  if (!res.ok) { say('proof-msg', await errorText(res), true); return; }
  const r = await res.json();
  const ul = $('proof-list'); ul.textContent = '';
  const fs = (r.check && r.check.findings) || [];
  for (const x of fs) {
    const li = document.createElement('li'); li.className = x.level;
    li.textContent = levelName[x.level] + ' — ' + (x.place || '') + ': ' + x.message + (x.expected ? ' (cần: ' + x.expected + ')' : '');
    ul.append(li);
  }
  say('proof-msg', fs.length ? fs.length + ' chỗ cần xem.' : 'Không thấy lỗi nào.');
  if (r.file) {
    const a = document.createElement('button'); a.type = 'button'; a.id = 'proof-download';
    a.textContent = 'Tải bản có ghi chú';
    a.addEventListener('click', () => saveBlob(fromBase64(r.file, 'application/octet-stream'), r.filename));
    $('proof-msg').append(' ', a);
  }
}

// ---- drafts kept on the server (vanban serve --data-dir) -------------------------

function draftLabel(t) { // 20261205-180300-1a2b3c4d → 05/12/2026 18:03:00
  return `Lưu lúc ${t.slice(6, 8)}/${t.slice(4, 6)}/${t.slice(0, 4)} ${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}`;
}

async function listDrafts() {
  const res = await fetch('/api/drafts');
  if (!res.ok) return;
  const sel = $('drafts-select'); sel.textContent = '';
  for (const t of await res.json()) {
    const o = document.createElement('option'); o.value = t; o.textContent = draftLabel(t); sel.append(o);
  }
}

async function saveDraft() {
  const res = await post('/api/drafts', { data: JSON.stringify(state.data) });
  if (!res.ok) { say('download-msg', await errorText(res), true); return; }
  const r = await res.json();
  say('download-msg', 'Đã lưu bản nháp: ' + draftLabel(r.ten) + '.');
  listDrafts();
}

async function openDraft() {
  const t = $('drafts-select').value;
  if (!t) return;
  const res = await fetch('/api/draft?ten=' + encodeURIComponent(t));
  if (!res.ok) { say('start-msg', await errorText(res), true); return; }
  open(await res.json(), 'Đã mở bản nháp ' + draftLabel(t).toLowerCase() + '.');
}

// ---- batches: started, polled, cancelled, fetched -----------------------------

async function runBatch() {
  const f = $('batch-file').files[0];
  if (!f) { say('batch-msg', 'Chọn danh sách đơn vị trước.', true); return; }
  const fields = { units: f, format: $('batch-format').value };
  if ($('batch-pdf').checked) fields.pdf = '1';
  if ($('batch-shared').checked && state.data) fields.shared = JSON.stringify(state.data);
  $('batch-failures').textContent = '';
  const res = await post('/api/batch', fields);
  if (!res.ok) { say('batch-msg', await errorText(res), true); return; }
  let st = await res.json();
  const bar = $('batch-progress');
  bar.hidden = false; $('batch-cancel').hidden = false; $('batch-run').disabled = true;
  $('batch-cancel').onclick = async () => {
    const r = await post('/api/batch/cancel', { id: st.id });
    if (!r.ok) say('batch-msg', await errorText(r), true);
  };
  while (true) {
    if (st.pdf && st.pdf.phase) {
      // The PDFs come after every document: the bar starts again for them.
      bar.max = Math.max(st.pdf.total, 1); bar.value = st.pdf.done;
      say('batch-msg', `Đã làm ${st.done}/${st.total} văn bản; đang làm PDF ${st.pdf.done}/${st.pdf.total}…`);
    } else {
      bar.max = Math.max(st.total, 1); bar.value = st.done;
      say('batch-msg', `Đã làm ${st.done}/${st.total} văn bản` + (st.failed ? `, ${st.failed} lỗi` : '') + '…');
    }
    if (st.state !== 'running') break;
    await new Promise((ok) => setTimeout(ok, 400));
    const r = await fetch('/api/batch?id=' + encodeURIComponent(st.id));
    if (!r.ok) { say('batch-msg', await errorText(r), true); break; }
    st = await r.json();
  }
  $('batch-cancel').hidden = true; $('batch-run').disabled = false;
  for (const u of st.failures || []) {
    const li = document.createElement('li'); li.className = 'error';
    li.textContent = u.unit + ': ' + (u.diagnostics || []).filter((d) => d.level === 'error').map((d) => (d.where ? d.where + ': ' : '') + d.message + (d.rule ? ' [' + d.rule + ']' : '')).join('; ');
    $('batch-failures').append(li);
  }
  if (st.state === 'cancelled') { say('batch-msg', `Đã hủy sau ${st.done}/${st.total} văn bản.`, true); return; }
  if (st.state !== 'done') { say('batch-msg', 'Lô văn bản không làm xong.', true); return; }
  const z = await fetch('/api/batch/zip?id=' + encodeURIComponent(st.id));
  if (!z.ok) { say('batch-msg', await errorText(z), true); return; }
  saveBlob(await z.blob(), 'van-ban.zip');
  const pdfs = st.pdf ? ` và ${st.pdf.total - st.pdf.failed} PDF` + (st.pdf.failed ? ` (${st.pdf.failed} văn bản LibreOffice không chuyển được)` : '') : '';
  say('batch-msg', `Xong: ${st.done - st.failed}/${st.total} văn bản${pdfs} trong van-ban.zip.`, st.failed > 0 || (st.pdf && st.pdf.failed > 0));
}

function applyJson() {
  try {
    const d = JSON.parse($('json-text').value);
    state.data = d; buildForm(); say('json-msg', 'Đã áp dụng.'); runCheck();
  } catch (e) { say('json-msg', 'JSON chưa đúng: ' + e.message, true); }
}

document.addEventListener('DOMContentLoaded', () => {
  loadSamples().catch((e) => say('start-msg', 'Không tải được danh sách mẫu: ' + e.message, true));
  $('sample-open').addEventListener('click', openSample);
  $('sheet-file').addEventListener('change', openSheet);
  $('data-file').addEventListener('change', openDataFile);
  $('check-run').addEventListener('click', runCheck);
  for (const f of ['docx', 'odt', 'pdf']) {
    $('dl-' + f).addEventListener('click', async () => { const r = await download(f); if (r) { saveBlob(r.blob, r.name); say('download-msg', 'Đã tải ' + r.name + '.'); } });
  }
  $('dl-json').addEventListener('click', () => saveBlob(new Blob([JSON.stringify(state.data, null, 2) + '\n'], { type: 'application/json' }), (state.data.loai || 'du-lieu') + '.json'));
  $('preview-run').addEventListener('click', preview);
  $('update-run').addEventListener('click', runUpdate);
  $('proof-run').addEventListener('click', runProofread);
  $('json-apply').addEventListener('click', applyJson);
  $('batch-run').addEventListener('click', runBatch);
  $('draft-save').addEventListener('click', saveDraft);
  $('drafts-open').addEventListener('click', openDraft);
  fetch('/api/session').then((r) => r.json()).then((s) => {
    if (!s.drafts) return;
    $('drafts-box').hidden = false; $('draft-save').hidden = false;
    listDrafts();
  }).catch(() => {});
});
