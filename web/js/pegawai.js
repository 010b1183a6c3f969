// pegawai.js — daftar pegawai: cari pegawai di wilayah tugas (nama atau awal NIP,
// instansi, OPD, wilayah; 20 per halaman), daftar instansi dengan jumlah OPD dan
// pegawai, dan pilih penandatangan untuk formulir pakta di pencegahan.html
// (dibawa lewat sessionStorage). Sumber: GET /api/v1/pegawai, /instansi, /opd.
import { $, h, replace, clear, bersihkanGalat } from './dom.js';
import { get, ApiError } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemilihWilayah } from './wilayah.js';
import { angka, KATEGORI } from './format.js';

const KUNCI_PILIHAN = 'netral.penandatangan'; // dibaca pencegahan.js
const PER_HALAMAN = 20;
const PERAN_TULIS = ['pkd', 'panwascam', 'bawaslu', 'admin'];
const form = $('#form-cari');
let halaman = 1;
let pw = null;
let bolehPilih = false;

// ---------- pilihan penandatangan ----------
function pilihan() {
  try { return JSON.parse(sessionStorage.getItem(KUNCI_PILIHAN) || '[]'); } catch { return []; }
}
function simpanPilihan(daftar) {
  try { sessionStorage.setItem(KUNCI_PILIHAN, JSON.stringify(daftar)); } catch { /* penyimpanan penuh */ }
  gambarPilihan();
}
function gambarPilihan() {
  const d = pilihan();
  $('#pilihan').hidden = !d.length;
  $('#pilihan-teks').textContent = d.length
    ? `${d.length} penandatangan dipilih: ${d.map((p) => p.nama).join(', ')}.` : '';
  for (const b of document.querySelectorAll('#baris-pegawai button[data-nip]')) {
    const ada = d.some((p) => p.nip === b.dataset.nip);
    b.textContent = ada ? 'Dipilih' : 'Pilih untuk pakta';
    b.setAttribute('aria-pressed', ada ? 'true' : 'false');
  }
}
function alihPilih(p) {
  const d = pilihan();
  const i = d.findIndex((x) => x.nip === p.nip);
  if (i >= 0) d.splice(i, 1);
  else d.push({ nip: p.nip, nama: p.nama, jabatan: p.jabatan || '' });
  simpanPilihan(d);
}

// ---------- cari ----------
function kueri() {
  const q = new URLSearchParams();
  const e = form.elements;
  if (e.q.value.trim()) q.set('q', e.q.value.trim());
  if (e.instansi.value) q.set('instansi', e.instansi.value);
  if (e.opd.value) q.set('opd', e.opd.value);
  if (pw && pw.input.value) q.set('wilayah', pw.input.value);
  q.set('limit', String(PER_HALAMAN));
  q.set('halaman', String(halaman));
  return q;
}

async function cari() {
  const ringkas = $('#hasil-ringkas');
  bersihkanGalat(form);
  ringkas.textContent = 'Mencari…';
  try {
    const r = await get('/api/v1/pegawai?' + kueri());
    const items = r.pegawai || [];
    replace($('#baris-pegawai'), items.map((p) => h('tr', { 'data-nip': p.nip },
      h('td', { 'data-label': 'Nama' }, h('strong', null, p.nama), h('span', { class: 'bantuan' }, KATEGORI[p.kategori] || p.kategori)),
      h('td', { 'data-label': 'NIP', class: 'mono' }, p.nip),
      h('td', { 'data-label': 'Jabatan' }, p.jabatan || '—'),
      h('td', { 'data-label': 'Instansi / OPD' }, p.opd || '—', p.instansi ? h('span', { class: 'bantuan' }, p.instansi) : null),
      h('td', { 'data-label': 'Wilayah' }, p.wilayah_nama, h('span', { class: 'bantuan' }, p.wilayah)),
      h('td', { 'data-label': 'Pakta' }, bolehPilih
        ? h('button', { type: 'button', class: 'kedua', 'data-nip': p.nip, 'aria-pressed': 'false', onclick: () => alihPilih(p) }, 'Pilih untuk pakta')
        : '—'))));
    $('#tabel-pegawai').hidden = !items.length;
    const hlm = Math.max(1, Math.ceil(r.total / r.limit));
    ringkas.textContent = r.total
      ? `${angka(r.total)} pegawai cocok. Menampilkan ${angka((r.halaman - 1) * r.limit + 1)}–${angka((r.halaman - 1) * r.limit + items.length)}.`
      : 'Tidak ada pegawai yang cocok di wilayah tugas Anda.';
    $('#halaman').hidden = hlm <= 1;
    $('#halaman-teks').textContent = `Halaman ${r.halaman} dari ${hlm}`;
    $('#sebelumnya').disabled = r.halaman <= 1;
    $('#berikutnya').disabled = r.halaman >= hlm;
    gambarPilihan();
  } catch (e) {
    $('#tabel-pegawai').hidden = true;
    $('#halaman').hidden = true;
    ringkas.textContent = e.message;
    const input = e instanceof ApiError && e.field ? form.querySelector(`[data-medan="${CSS.escape(e.field)}"]`) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const g = document.getElementById(input.id + '-galat');
      if (g) g.textContent = e.message;
    } else if (e.field === 'wilayah') {
      $('#cari-wilayah-galat').textContent = e.message;
    }
  }
}

// ---------- instansi dan OPD ----------
async function muatInstansi() {
  const r = await get('/api/v1/instansi');
  const items = r.instansi || [];
  const sel = $('#cari-instansi');
  for (const i of items) sel.append(h('option', { value: i.id }, `${i.nama} (${i.pemda_nama})`));
  replace($('#baris-instansi'), items.length ? items.map((i) => h('tr', { 'data-id': i.id },
    h('td', null, i.nama), h('td', null, `${i.pemda_nama} (${i.pemda})`),
    h('td', { class: 'angka' }, angka(i.opd)), h('td', { class: 'angka' }, angka(i.pegawai))))
    : h('tr', null, h('td', { colspan: 4 }, 'Belum ada instansi terdaftar di wilayah Anda.')));
}

async function muatOpd() {
  const sel = $('#cari-opd');
  const inst = form.elements.instansi.value;
  clear(sel);
  if (!inst) {
    sel.append(h('option', { value: '' }, '— Pilih instansi dulu —'));
    sel.disabled = true;
    return;
  }
  sel.append(h('option', { value: '' }, '— Semua OPD —'));
  try {
    const r = await get('/api/v1/opd?' + new URLSearchParams({ instansi: inst }));
    for (const o of r.opd || []) sel.append(h('option', { value: o.id }, `${o.nama} (${angka(o.pegawai)} pegawai)`));
    sel.disabled = false;
  } catch (e) {
    sel.append(h('option', { value: '' }, e.message));
  }
}

// ---------- mulai ----------
const s = await mulaiStaf('pegawai');
bolehPilih = PERAN_TULIS.includes((s.user && s.user.role) || '');
pw = pemilihWilayah($('#cari-wilayah-wadah'), { nama: 'wilayah', id: 'cari-wilayah-pilih', kedalaman: 'desa', wajibSampai: 'kabkota' });
for (const sel of pw.selects) sel.removeAttribute('aria-required');
form.addEventListener('submit', (ev) => { ev.preventDefault(); halaman = 1; cari(); });
form.elements.instansi.addEventListener('change', muatOpd);
$('#sebelumnya').addEventListener('click', () => { halaman = Math.max(1, halaman - 1); cari(); });
$('#berikutnya').addEventListener('click', () => { halaman += 1; cari(); });
$('#kosongkan-pilihan').addEventListener('click', () => simpanPilihan([]));
if (!bolehPilih) $('#ke-pakta').hidden = true;

const m = $('#muat');
try {
  await Promise.all([muatInstansi(), pw.siap]);
  await cari();
  m.hidden = true;
  document.body.dataset.siap = '1';
} catch (e) {
  m.dataset.jenis = 'galat';
  m.textContent = e.message;
}
