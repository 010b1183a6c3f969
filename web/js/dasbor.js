// dasbor.js — rekap: per tahap, tindak lanjut, per minggu, per kategori, per wilayah,
// dan peta kecamatan Jawa Timur (SVG dari GeoJSON yang dikirim bersama aplikasi).
import { $, h, replace, clear } from './dom.js';
import { get } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemberitahuanIdentitas } from './pemberitahuan.js';
import { KATEGORI, STATUS, angka } from './format.js';

const W = 1000; // lebar viewBox peta

// Grafik batang horizontal sebagai SVG (tanpa gaya inline: lebar lewat atribut).
function batang(data, judul) {
  const maks = Math.max(1, ...data.map((d) => d.jumlah));
  const tinggiBaris = 26;
  const lebarLabel = 170;
  const lebarBatang = 280;
  const svg = h('svg', { class: 'batang-svg', viewBox: `0 0 ${lebarLabel + lebarBatang + 50} ${data.length * tinggiBaris + 4}`, role: 'img', 'aria-label': judul });
  data.forEach((d, i) => {
    const y = i * tinggiBaris;
    const w = Math.max(1, Math.round((d.jumlah / maks) * lebarBatang));
    svg.append(
      h('text', { x: lebarLabel - 6, y: y + 17, 'text-anchor': 'end', class: 'lbl' }, d.label.length > 26 ? d.label.slice(0, 25) + '…' : d.label),
      h('rect', { class: 'batang', x: lebarLabel, y: y + 4, width: w, height: tinggiBaris - 8, rx: 2 }, h('title', null, `${d.label}: ${d.jumlah}`)),
      h('text', { x: lebarLabel + w + 6, y: y + 17 }, angka(d.jumlah)));
  });
  return svg;
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

async function gambarPeta(perKec) {
  const wadah = $('#peta');
  let geo;
  try {
    const res = await fetch('/data/kecamatan_jatim.geojson');
    if (!res.ok) throw new Error();
    geo = await res.json();
  } catch {
    replace(wadah, h('p', { class: 'pesan', 'data-jenis': 'galat' }, 'Peta kecamatan belum tersedia dari server (/data/kecamatan_jatim.geojson).'));
    return;
  }
  const jumlah = new Map(perKec.map((x) => [x.kode, x.jumlah]));
  const nilai = perKec.map((x) => x.jumlah).filter((n) => n > 0).sort((a, b) => a - b);
  const q = (p) => nilai.length ? nilai[Math.min(nilai.length - 1, Math.floor(p * nilai.length))] : 0;
  const ambang = [q(0.2), q(0.4), q(0.6), q(0.8)].map((v, i, a) => (i && v <= a[i - 1] ? a[i - 1] + 1 : v));

  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const semua = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
  for (const f of geo.features) for (const poly of semua(f.geometry)) for (const ring of poly) for (const [x, y] of ring) {
    if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  // Equirectangular dengan koreksi cos(lintang tengah).
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const skala = W / ((maxX - minX) * k);
  const H = Math.ceil((maxY - minY) * skala);
  const proj = (x, y) => [(x - minX) * k * skala, (maxY - y) * skala];

  const svg = h('svg', { class: 'peta', viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': 'Peta kecamatan Jawa Timur menurut jumlah kasus' });
  const info = $('#peta-info');
  const baris = [];
  for (const f of geo.features) {
    const kode = f.properties.kode;
    const nama = f.properties.nama;
    const n = jumlah.get(kode) || 0;
    let d = '';
    for (const poly of semua(f.geometry)) for (const ring of poly) {
      let px = null, py = null, seg = '';
      for (const [x, y] of ring) {
        const [a, b] = proj(x, y);
        if (px !== null && Math.abs(a - px) < 0.6 && Math.abs(b - py) < 0.6) continue;
        seg += (seg ? 'L' : 'M') + a.toFixed(1) + ' ' + b.toFixed(1);
        px = a; py = b;
      }
      if (seg) d += seg + 'Z';
    }
    if (!d) continue;
    const label = `Kecamatan ${nama} (${kode}): ${n} kasus`;
    const buka = () => location.assign('/meja.html?wilayah=' + encodeURIComponent(kode));
    const path = h('path', { d, class: kelasWarna(n, ambang), 'data-kode': kode, 'aria-label': label,
      tabindex: n > 0 ? 0 : -1, role: 'link',
      onclick: buka, onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); buka(); } },
      onmouseenter: () => { info.textContent = label; }, onfocus: () => { info.textContent = label; } },
    h('title', null, label));
    svg.append(path);
    if (n > 0) baris.push([nama, kode, n]);
  }
  replace(wadah, svg);
  const batas = [0, ...ambang];
  replace($('#legenda'), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((c, i) => h('li', null,
    h('svg', { viewBox: '0 0 10 10', class: 'peta', 'aria-hidden': 'true' }, h('rect', { width: 10, height: 10, class: c })),
    i === 0 ? '0 kasus' : i === 5 ? `> ${batas[4]}` : `${(batas[i - 1] || 0) + 1}–${batas[i]}`)));
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
  gambarPeta(r.per_kecamatan || []);
} catch (e) {
  const m = $('#muat');
  m.dataset.jenis = 'galat';
  m.textContent = e.message;
  clear($('#peta'));
}
