// dasbor.js — rekap: per tahap, tindak lanjut, per minggu, per kategori, per wilayah,
// dan peta kecamatan Jawa Timur (SVG dari GeoJSON yang dikirim bersama aplikasi).
import { $, h, replace, clear } from './dom.js';
import { get } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemberitahuanIdentitas } from './pemberitahuan.js';
import { KATEGORI, STATUS, angka } from './format.js';
import { muatGeo, fiturDalam, svgPeta } from './peta.js';


// Grafik batang horizontal: label sebagai teks biasa (terbaca di ponsel, ikut ukuran huruf
// pengguna), batang sebagai <progress> (tanpa gaya inline), angka di ujungnya.
function batang(data, judul) {
  const maks = Math.max(1, ...data.map((d) => d.jumlah));
  return h('ul', { class: 'batang-daftar', 'aria-label': judul }, data.map((d) => h('li', null,
    h('span', { class: 'lbl' }, d.label),
    h('progress', { max: maks, value: d.jumlah, 'aria-hidden': 'true' }),
    h('span', { class: 'angka' }, angka(d.jumlah)))));
}

// Grafik kolom per minggu.
function kolom(data, judul) {
  const maks = Math.max(1, ...data.map((d) => d.jumlah));
  const lebar = 36; const tinggi = 140;
  const svg = h('svg', { class: 'batang-svg', viewBox: `0 0 ${Math.max(1, data.length) * lebar + 10} ${tinggi + 40}`, role: 'img', 'aria-label': judul });
  data.forEach((d, i) => {
    const hh = Math.max(1, Math.round((d.jumlah / maks) * tinggi));
    const x = 5 + i * lebar;
    svg.append(
      h('rect', { class: 'batang', x: x + 4, y: tinggi - hh + 14, width: lebar - 8, height: hh, rx: 2 }, h('title', null, `${d.minggu}: ${d.jumlah} kasus`)),
      h('text', { x: x + lebar / 2, y: tinggi - hh + 10, 'text-anchor': 'middle' }, String(d.jumlah)),
      h('text', { x: x + lebar / 2, y: tinggi + 30, 'text-anchor': 'middle', class: 'lbl' }, String(d.minggu).replace(/^\d{4}-/, '')));
  });
  return svg;
}

function tabel(kepala, baris) {
  return h('table', null, h('thead', null, h('tr', null, kepala.map((k, i) => h('th', { scope: 'col', class: i ? 'angka' : '' }, k)))),
    h('tbody', null, baris.map((b) => h('tr', null, b.map((c, i) => h('td', { class: i ? 'angka' : '' }, c))))));
}

function gambarRekap(r) {
  replace($('#per-tahap'), (r.per_tahap || []).map((t) => h('a', { class: 'kartu', href: '/meja.html?status=' + encodeURIComponent(t.status) },
    h('span', { class: 'angka-besar' }, angka(t.jumlah)), h('br'), t.label || STATUS[t.status] || t.status)));
  const tl = r.tindak_lanjut || { diteruskan: 0, ditindaklanjuti: 0, rasio: 0 };
  const rasio = typeof tl.rasio === 'number' ? tl.rasio : (tl.diteruskan ? tl.ditindaklanjuti / tl.diteruskan : 0);
  const persen = Math.round(rasio * 100);
  replace($('#tindak-lanjut'),
    h('p', null, h('span', { class: 'angka-besar' }, `${persen}%`), ' rekomendasi sudah ditindaklanjuti'),
    h('svg', { class: 'rasio', viewBox: '0 0 100 6', preserveAspectRatio: 'none', role: 'img', 'aria-label': `${persen} persen ditindaklanjuti` },
      h('rect', { class: 'latar', x: 0, y: 0, width: 100, height: 6 }), h('rect', { class: 'isi', x: 0, y: 0, width: Math.min(100, persen), height: 6 })),
    h('p', null, `${angka(tl.ditindaklanjuti)} dari ${angka(tl.diteruskan)} rekomendasi yang diteruskan.`),
    h('p', null, h('a', { href: '/rekomendasi.html' }, 'Lihat rekomendasi yang menunggu')));
  const pm = r.per_minggu || [];
  replace($('#per-minggu'), pm.length ? kolom(pm, 'Jumlah kasus per minggu') : h('p', null, 'Belum ada data.'));
  const pk = (r.per_kategori || []).map((x) => ({ label: KATEGORI[x.kategori] || x.label || x.kategori, jumlah: x.jumlah }));
  replace($('#per-kategori'), pk.length ? batang(pk, 'Jumlah kasus per kategori terlapor') : h('p', null, 'Belum ada data.'));
  const pw = (r.per_wilayah || []).slice().sort((a, b) => b.jumlah - a.jumlah);
  replace($('#per-wilayah'), pw.length ? [batang(pw.slice(0, 15).map((x) => ({ label: x.nama || x.kode, jumlah: x.jumlah })), 'Jumlah kasus per wilayah'),
    h('details', null, h('summary', null, 'Tabel semua wilayah'),
      tabel(['Wilayah', 'Kasus'], pw.map((x) => [h('a', { href: '/meja.html?wilayah=' + encodeURIComponent(x.kode) }, x.nama || x.kode), angka(x.jumlah)])))]
    : h('p', null, 'Belum ada data.'));
}

// ---------- peta ----------
function kelasWarna(n, ambang) {
  if (!n) return 'c0';
  for (let i = 0; i < ambang.length; i++) if (n <= ambang[i]) return 'c' + (i + 1);
  return 'c5';
}

// Batas atas empat kelas warna dari kuantil jumlah kasus per kecamatan, naik tegas
// (dengan sedikit kasus beberapa kuantil sama: kelas berikutnya mulai satu di atasnya).
function ambangKelas(nilai) {
  const urut = nilai.filter((n) => n > 0).sort((a, b) => a - b);
  const q = (p) => (urut.length ? urut[Math.min(urut.length - 1, Math.floor(p * urut.length))] : 0);
  const ambang = [];
  for (const p of [0.2, 0.4, 0.6, 0.8]) {
    const v = Math.max(q(p), 1);
    ambang.push(ambang.length && v <= ambang[ambang.length - 1] ? ambang[ambang.length - 1] + 1 : v);
  }
  return ambang;
}

// Peta dibatasi ke wilayah akun (kabupaten/kota atau kecamatan); provinsi: seluruh Jawa Timur.
async function gambarPeta(perKec, lingkup, namaLingkup) {
  const wadah = $('#peta');
  let geo;
  try { geo = await muatGeo(); } catch {
    replace(wadah, h('p', { class: 'pesan', 'data-jenis': 'galat' }, 'Peta kecamatan belum tersedia dari server (/data/kecamatan_jatim.geojson).'));
    return;
  }
  const seluruh = !lingkup || lingkup.split('.').length < 2;
  $('#j-peta').textContent = seluruh ? 'Peta kecamatan Jawa Timur' : `Peta kecamatan ${namaLingkup || lingkup}`;
  const jumlah = new Map(perKec.map((x) => [x.kode, x.jumlah]));
  const ambang = ambangKelas(perKec.map((x) => x.jumlah));
  const baris = [];
  const svg = svgPeta(fiturDalam(geo, seluruh ? '' : lingkup), {
    ariaLabel: `${$('#j-peta').textContent} menurut jumlah kasus`, info: $('#peta-info'),
    atribut: (f) => {
      const { kode, nama } = f.properties;
      const n = jumlah.get(kode) || 0;
      if (n > 0) baris.push([nama, kode, n]);
      return { class: kelasWarna(n, ambang), label: `Kecamatan ${nama} (${kode}): ${n} kasus`, aktif: n > 0, peran: 'link' };
    },
    buka: (f) => location.assign('/meja.html?wilayah=' + encodeURIComponent(f.properties.kode)),
  });
  replace(wadah, svg || h('p', null, 'Tidak ada poligon kecamatan untuk wilayah ini.'));
  const batas = [0, ...ambang];
  const rentang = (lo, hi) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
  replace($('#legenda'), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((c, i) => h('li', null,
    h('svg', { viewBox: '0 0 10 10', class: 'peta', 'aria-hidden': 'true' }, h('rect', { width: 10, height: 10, class: c })),
    i === 0 ? '0 kasus' : i === 5 ? `> ${batas[4]}` : rentang(batas[i - 1] + 1, batas[i]))));
  baris.sort((a, b) => b[2] - a[2]);
  replace($('#tabel-kecamatan'), tabel(['Kecamatan', 'Kasus'],
    baris.map(([nama, kode, n]) => [h('a', { href: '/meja.html?wilayah=' + encodeURIComponent(kode) }, `${nama} (${kode})`), angka(n)])));
}

const sesi = await mulaiStaf('dasbor');
pemberitahuanIdentitas(sesi, $('#pemberitahuan'));
try {
  const r = await get('/api/v1/rekap');
  $('#muat').hidden = true;
  gambarRekap(r);
  gambarPeta(r.per_kecamatan || [], (sesi.user || {}).wilayah, (sesi.user || {}).wilayah_nama);
} catch (e) {
  const m = $('#muat');
  m.dataset.jenis = 'galat';
  m.textContent = e.message;
  clear($('#peta'));
}
