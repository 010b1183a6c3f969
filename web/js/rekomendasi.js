// rekomendasi.js — rekomendasi yang menunggu tindak lanjut dari pejabat berwenang.
import { $, h, replace } from './dom.js';
import { get } from './api.js';
import { mulaiStaf } from './staf.js';
import { tanggal } from './format.js';

let otoritas = {};
const BATAS = 14; // hari kerja pengingat (dapat diatur di server)

async function muat() {
  const el = $('#muat');
  el.hidden = false; el.dataset.jenis = 'info'; el.textContent = 'Memuat rekomendasi…';
  try {
    const semua = $('#f-semua').checked;
    const r = await get('/api/v1/rekomendasi' + (semua ? '' : '?menunggu=1'));
    const items = (Array.isArray(r) ? r : r.items || []).slice().sort((a, b) => (b.hari_kerja_berlalu || 0) - (a.hari_kerja_berlalu || 0));
    replace($('#baris'), items.map((x) => h('tr', null,
      h('td', { 'data-label': 'Kasus' }, h('a', { href: '/kasus.html?kode=' + encodeURIComponent(x.kode_kasus) }, x.kode_kasus)),
      h('td', { 'data-label': 'Penerima' }, otoritas[x.penerima] || x.penerima || '—'),
      h('td', { 'data-label': 'Nomor' }, x.nomor || '—'),
      h('td', { 'data-label': 'Tanggal kirim' }, tanggal(x.tanggal)),
      h('td', { 'data-label': 'Hari kerja berlalu', class: 'angka' },
        h('span', { class: 'lencana ' + ((x.hari_kerja_berlalu || 0) > BATAS ? 'terlambat' : 'aman') }, `${x.hari_kerja_berlalu ?? '—'} hari`)),
      h('td', { 'data-label': 'Status' }, x.status === 'menunggu' ? 'Menunggu tindak lanjut' : (x.status || '—'),
        x.segel_rusak ? [' ', h('span', { class: 'lencana terlambat', title: 'Diubah langsung di basis data, di luar aplikasi' }, 'segel rusak')] : null))));
    $('#tabel').hidden = !items.length;
    el.hidden = !!items.length;
    if (!items.length) el.textContent = 'Tidak ada rekomendasi yang menunggu tindak lanjut.';
  } catch (e) {
    el.dataset.jenis = 'galat'; el.textContent = e.message;
  }
}

await mulaiStaf('rekomendasi');
try { for (const o of await get('/api/v1/otoritas')) otoritas[o.kode] = o.nama; } catch { otoritas = {}; }
$('#f-semua').addEventListener('change', muat);
muat();
