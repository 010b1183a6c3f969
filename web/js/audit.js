// audit.js — log audit: siapa melakukan apa, kapan, dengan alasan apa.
// Sumber: GET /api/v1/audit (admin: semua; bawaslu: petugas di wilayahnya). Saringan di URL.
import { $, h, replace, params, bersihkanGalat } from './dom.js';
import { get } from './api.js';
import { mulaiStaf } from './staf.js';
import { waktu } from './format.js';

// Awalan yang diakhiri titik memilih semua aksi di bawahnya (lihat src/domain/auditlog.c).
const AKSI = [
  ['', 'Semua aksi'], ['identitas.buka', 'Membuka identitas pelapor'], ['kasus.', 'Kasus: dibuat, tahap diubah'],
  ['bukti.tambah', 'Bukti ditambahkan'], ['akun.', 'Akun petugas'], ['sesi.', 'Masuk dan keluar'],
  ['saring.', 'Penyaringan media sosial'], ['pakta.', 'Pakta integritas'], ['kegiatan.', 'Kegiatan pencegahan'],
  ['kerawanan.', 'Kerawanan'], ['pegawai.', 'Daftar pegawai'], ['tenggat.', 'Aturan tenggat'], ['kalender.', 'Kalender libur'],
];
const BATAS = 200;
const form = $('#saringan');

// Rincian yang dibaca manusia: alasan buka segel dahulu, lalu pasangan kunci: nilai.
function rincian(x) {
  const r = x.rincian || {};
  if (x.aksi === 'identitas.buka') return r.alasan ? ['Alasan: ', h('q', null, r.alasan)] : '—';
  const bagian = Object.entries(r).map(([k, v]) => h('li', null, `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`));
  return bagian.length ? h('ul', { class: 'rincian' }, bagian) : '—';
}

function objek(x) {
  return /^NTR-/.test(x.objek) ? h('a', { href: '/kasus.html?kode=' + encodeURIComponent(x.objek) }, x.objek) : x.objek;
}

async function muat() {
  const el = $('#muat');
  el.hidden = false; el.dataset.jenis = 'info'; el.textContent = 'Memuat log audit…';
  bersihkanGalat(form);
  const q = new URLSearchParams();
  for (const k of ['aksi', 'pelaku', 'objek', 'sejak']) { const v = form.elements[k].value.trim(); if (v) q.set(k, v); }
  history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
  q.set('batas', String(BATAS));
  try {
    const items = await get('/api/v1/audit?' + q);
    replace($('#baris'), items.map((x) => h('tr', { 'data-aksi': x.aksi },
      h('td', { 'data-label': 'Waktu' }, waktu(x.waktu)),
      h('td', { 'data-label': 'Pelaku' }, x.pelaku),
      h('td', { 'data-label': 'Aksi' }, x.aksi_label),
      h('td', { 'data-label': 'Objek' }, objek(x)),
      h('td', { 'data-label': 'Rincian' }, rincian(x)))));
    $('#keterangan').textContent = items.length >= BATAS ? `${BATAS} entri terbaru; persempit saringan untuk yang lebih lama.` : `${items.length} entri, terbaru di atas.`;
    $('#tabel').hidden = !items.length;
    el.hidden = !!items.length;
    el.textContent = items.length ? '' : 'Tidak ada entri yang cocok dengan saringan ini.';
  } catch (e) {
    const g = e.field && $('#galat-' + e.field);
    if (g) { g.textContent = e.message; form.elements[e.field].setAttribute('aria-invalid', 'true'); }
    el.dataset.jenis = 'galat'; el.textContent = e.message;
  }
}

await mulaiStaf('audit');
replace($('#f-aksi'), AKSI.map(([v, t]) => h('option', { value: v }, t)));
const awal = params();
for (const k of ['aksi', 'pelaku', 'objek', 'sejak']) if (awal.get(k)) form.elements[k].value = awal.get(k);
form.addEventListener('submit', (ev) => { ev.preventDefault(); muat(); });
muat();
