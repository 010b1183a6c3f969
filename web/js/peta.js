// peta.js — peta kecamatan SVG dari GeoJSON yang dikirim bersama aplikasi
// (/data/kecamatan_jatim.geojson), dipakai dasbor dan kerawanan. Tanpa ubin dan
// tanpa jaringan luar: proyeksi equirectangular dengan koreksi cos(lintang tengah),
// titik yang berimpit pada skala layar dilewati.
import { h } from './dom.js';

export const W = 1000; // lebar viewBox peta

let geo = null;
export async function muatGeo() {
  if (geo) return geo;
  const res = await fetch('/data/kecamatan_jatim.geojson');
  if (!res.ok) throw new Error('peta');
  geo = await res.json();
  return geo;
}

// Kecamatan di dalam lingkup (kode wilayah; '' = seluruh Jawa Timur). Lingkup yang lebih
// sempit dari kecamatan (desa) memilih kecamatan yang memuatnya.
export function fiturDalam(g, lingkup) {
  return g.features.filter((f) => {
    const k = f.properties.kode || '';
    return !lingkup || k === lingkup || k.startsWith(lingkup + '.') || (lingkup.length > k.length && lingkup.startsWith(k + '.'));
  });
}

const cincin = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);

// SVG berisi satu <path> per fitur, diperbesar ke batas fitur itu sendiri; null bila tidak
// ada poligon. o: { ariaLabel, kelasSvg, atribut(f) → atribut path (class, data-*, label,
// aktif), buka(f), info (elemen teks yang menyebut kecamatan di bawah penunjuk/fokus) }.
export function svgPeta(fitur, o) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const f of fitur) for (const poly of cincin(f.geometry)) for (const ring of poly) for (const [x, y] of ring) {
    if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  if (!fitur.length || !Number.isFinite(minX)) return null;
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const skala = W / Math.max(1e-9, (maxX - minX) * k);
  const H = Math.max(1, Math.ceil((maxY - minY) * skala));
  const proj = (x, y) => [(x - minX) * k * skala, (maxY - y) * skala];
  const rapat = Math.max(0.3, W / 2000);
  const svg = h('svg', { class: 'peta' + (o.kelasSvg ? ' ' + o.kelasSvg : ''), viewBox: `0 0 ${W} ${H}`, role: 'group',
    'aria-label': o.ariaLabel });
  for (const f of fitur) {
    let d = '';
    for (const poly of cincin(f.geometry)) for (const ring of poly) {
      let px = null, py = null, seg = '';
      for (const [x, y] of ring) {
        const [a, b] = proj(x, y);
        if (px !== null && Math.abs(a - px) < rapat && Math.abs(b - py) < rapat) continue;
        seg += (seg ? 'L' : 'M') + a.toFixed(1) + ' ' + b.toFixed(1);
        px = a; py = b;
      }
      if (seg) d += seg + 'Z';
    }
    if (!d) continue;
    const { label, aktif, peran, ...atribut } = o.atribut(f);
    const buka = () => { if (aktif) o.buka(f); };
    svg.append(h('path', { d, ...atribut, 'data-kode': f.properties.kode, 'aria-label': label,
      tabindex: aktif ? 0 : -1, role: aktif ? peran : false,
      onclick: buka, onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); buka(); } },
      onmouseenter: () => { o.info.textContent = label; }, onfocus: () => { o.info.textContent = label; } },
    h('title', null, label)));
  }
  return svg;
}
