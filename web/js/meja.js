// meja.js — meja kasus: saringan (di URL, bisa dibagikan), lencana tenggat berwarna
// menurut sisa waktu, yang terlambat di atas, halaman, ekspor dengan saringan yang sama.
import { $, h, replace, clear, params } from './dom.js';
import { get } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemberitahuanIdentitas } from './pemberitahuan.js';
import { lencanaTenggat as lencana } from './lencana.js';
import { STATUS, KATEGORI, JENIS_KASUS, waktu, kelasTenggat, sisaJam, angka } from './format.js';

const PER_HALAMAN = 50;
const form = $('#saringan');
const URUT = { terlambat: 0, '24jam': 1, '3hari': 2, aman: 3, tidak_ada: 4 };

for (const [k, v] of Object.entries(STATUS)) $('#f-status').append(h('option', { value: k }, v));
for (const [k, v] of Object.entries(KATEGORI)) $('#f-kategori').append(h('option', { value: k }, v));

function bacaSaringan() {
  const p = params();
  form.elements.q.value = p.get('q') || '';
  form.elements.status.value = p.get('status') || '';
  form.elements.kategori.value = p.get('kategori') || '';
  form.elements.wilayah.value = p.get('wilayah') || '';
  form.elements.terlambat.checked = p.get('terlambat') === '1';
}

function kueri(halaman) {
  const q = new URLSearchParams();
  for (const n of ['q', 'status', 'kategori', 'wilayah']) { const v = form.elements[n].value.trim(); if (v) q.set(n, v); }
  if (form.elements.terlambat.checked) q.set('terlambat', '1');
  if (halaman && halaman > 1) q.set('halaman', String(halaman));
  return q;
}

let items = [];
function gambar() {
  const now = Date.now();
  const urut = items.slice().sort((a, b) => {
    const ka = URUT[kelasTenggat(a.tenggat, now)] ?? 4;
    const kb = URUT[kelasTenggat(b.tenggat, now)] ?? 4;
    if (ka !== kb) return ka - kb;
    const sa = sisaJam(a.tenggat, now); const sb = sisaJam(b.tenggat, now);
    return (sa ?? Infinity) - (sb ?? Infinity);
  });
  replace($('#baris'), urut.map((k) => h('tr', { 'data-kode': k.kode },
    h('td', { 'data-label': 'Tenggat' }, lencana(k.tenggat), k.tenggat && k.tenggat.dasar ? h('span', { class: 'bantuan' }, k.tenggat.dasar) : null),
    h('td', { 'data-label': 'Kode' }, h('a', { href: '/kasus.html?kode=' + encodeURIComponent(k.kode) }, k.kode)),
    h('td', { 'data-label': 'Jenis' }, JENIS_KASUS[k.jenis] || k.jenis),
    h('td', { 'data-label': 'Terlapor' }, h('strong', null, k.terlapor_nama || '—'), h('br'), `${KATEGORI[k.kategori] || k.kategori || ''}${k.instansi ? ' · ' + k.instansi : ''}`),
    h('td', { 'data-label': 'Wilayah' }, k.wilayah_nama || k.wilayah || '—'),
    h('td', { 'data-label': 'Tahap' }, h('span', { class: 'lencana status' }, k.status_label || STATUS[k.status] || k.status),
      k.segel_rusak ? [' ', h('span', { class: 'lencana terlambat', title: 'Diubah langsung di basis data, di luar aplikasi' }, 'segel rusak')] : null),
    h('td', { 'data-label': 'Diterima' }, waktu(k.diterima)))));
  const hitung = { terlambat: 0, '24jam': 0, '3hari': 0 };
  for (const k of items) { const c = kelasTenggat(k.tenggat, now); if (c in hitung) hitung[c]++; }
  return hitung;
}

async function muat(halaman = Number(params().get('halaman') || 1)) {
  const q = kueri(halaman);
  const muatEl = $('#muat');
  muatEl.hidden = false;
  muatEl.dataset.jenis = 'info';
  muatEl.textContent = 'Memuat kasus…';
  const qx = new URLSearchParams(q); qx.delete('halaman');
  $('#ekspor-csv').href = '/api/v1/ekspor/kasus.csv' + (qx.toString() ? '?' + qx : '');
  $('#ekspor-xlsx').href = '/api/v1/ekspor/kasus.xlsx' + (qx.toString() ? '?' + qx : '');
  q.set('per_halaman', String(PER_HALAMAN));
  try {
    const r = await get('/api/v1/kasus?' + q);
    items = r.items || [];
    const hitung = gambar();
    $('#tabel').hidden = items.length === 0;
    muatEl.hidden = items.length > 0;
    if (!items.length) muatEl.textContent = 'Tidak ada kasus yang cocok dengan saringan ini.';
    replace($('#ringkas'),
      h('span', { class: 'lencana status', id: 'jumlah-total', 'data-total': r.total }, `${angka(r.total)} kasus`),
      h('span', { class: 'lencana terlambat' }, `${hitung.terlambat} terlambat`),
      h('span', { class: 'lencana k24jam' }, `${hitung['24jam']} ≤ 24 jam`),
      h('span', { class: 'lencana k3hari' }, `${hitung['3hari']} ≤ 3 hari`));
    const hal = r.halaman || halaman;
    const maks = Math.max(1, Math.ceil((r.total || 0) / PER_HALAMAN));
    const nav = $('#halaman');
    clear(nav);
    if (maks > 1) {
      const ke = (n, teks) => h('button', { type: 'button', class: 'kedua', disabled: n < 1 || n > maks, onclick: () => pindah(n) }, teks);
      nav.append(ke(hal - 1, '‹ Sebelumnya'), h('span', null, `Halaman ${hal} dari ${maks}`), ke(hal + 1, 'Berikutnya ›'));
    }
  } catch (e) {
    muatEl.dataset.jenis = 'galat';
    muatEl.textContent = e.message;
    $('#tabel').hidden = true;
  }
}

function pindah(halaman) {
  const q = kueri(halaman);
  history.pushState(null, '', q.toString() ? '?' + q : location.pathname);
  muat(halaman);
}

form.addEventListener('submit', (ev) => { ev.preventDefault(); pindah(1); });
window.addEventListener('popstate', () => { bacaSaringan(); muat(); });

const sesi = await mulaiStaf('meja');
bacaSaringan();
await Promise.all([muat(), pemberitahuanIdentitas(sesi, $('#pemberitahuan'))]);
// Hitung mundur tetap segar bila meja dibiarkan terbuka.
setInterval(() => { if (items.length) gambar(); }, 60000);
