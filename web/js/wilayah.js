// wilayah.js — pemilih wilayah bertingkat: kabupaten/kota → kecamatan → desa.
// Sumber: GET /api/v1/wilayah/{kode}. Jawaban disimpan di localStorage agar
// ponsel dengan sinyal lemah tidak mengunduh daftar yang sama berulang kali.

import { get } from './api.js';
import { h, clear } from './dom.js';

const PROVINSI = '35'; // Jawa Timur
const LABEL = ['Kabupaten/kota', 'Kecamatan', 'Desa/kelurahan'];
const TINGKAT = { kabkota: 1, kecamatan: 2, desa: 3 };

export async function muatWilayah(kode) {
  const kunci = 'netral.wilayah.' + kode;
  try {
    const c = localStorage.getItem(kunci);
    if (c) return JSON.parse(c);
  } catch { /* penyimpanan penuh/terkunci */ }
  const w = await get('/api/v1/wilayah/' + encodeURIComponent(kode));
  try { localStorage.setItem(kunci, JSON.stringify(w)); } catch { /* abaikan */ }
  return w;
}

// Membuat pemilih di dalam `wadah`. opsi: {nama, id, kedalaman: 'kabkota'|'kecamatan'|'desa',
// wajibSampai: 'kabkota'|'kecamatan'|'desa', onchange}
// Nilai akhir (kode terdalam yang dipilih) ada di input tersembunyi bernama `nama`.
export function pemilihWilayah(wadah, opsi) {
  const dalam = TINGKAT[opsi.kedalaman || 'desa'];
  const hidden = h('input', { type: 'hidden', name: opsi.nama, 'data-wilayah': '' });
  const selects = [];
  const baris = h('div', { class: 'wilayah-pilih' });
  for (let i = 0; i < dalam; i++) {
    const id = `${opsi.id}-${i}`;
    const wajib = i < TINGKAT[opsi.wajibSampai || 'kabkota'];
    const sel = h('select', { id, 'data-tingkat': i, disabled: i > 0, 'aria-required': wajib ? 'true' : false });
    sel.append(h('option', { value: '' }, i === 0 ? '— Pilih —' : `— Pilih ${LABEL[i - 1].toLowerCase()} dulu —`));
    selects.push(sel);
    baris.append(h('div', { class: 'medan' },
      h('label', { for: id }, LABEL[i] + (wajib ? '' : ' (boleh dikosongkan)')), sel));
  }
  wadah.append(baris, hidden);

  const isi = (sel, anak, pilihan) => {
    clear(sel);
    sel.append(h('option', { value: '' }, '— Pilih —'));
    for (const a of anak) sel.append(h('option', { value: a.kode, selected: a.kode === pilihan }, a.nama));
    sel.disabled = false;
  };
  const kosongkan = (i) => {
    for (let j = i; j < selects.length; j++) {
      clear(selects[j]);
      selects[j].append(h('option', { value: '' }, `— Pilih ${LABEL[j - 1].toLowerCase()} dulu —`));
      selects[j].disabled = true;
    }
  };
  const perbarui = () => {
    let v = '';
    for (const s of selects) if (s.value) v = s.value;
    hidden.value = v;
    if (opsi.onchange) opsi.onchange(v);
  };
  const muatAnak = async (i, kode, pilihan) => {
    try {
      const w = await muatWilayah(kode);
      isi(selects[i], w.anak || [], pilihan);
    } catch {
      clear(selects[i]);
      selects[i].append(h('option', { value: '' }, 'Gagal memuat — periksa koneksi'));
    }
  };
  selects.forEach((sel, i) => sel.addEventListener('change', async () => {
    kosongkan(i + 1);
    perbarui();
    if (sel.value && i + 1 < selects.length) await muatAnak(i + 1, sel.value);
  }));

  const siap = muatAnak(0, PROVINSI);

  return {
    input: hidden,
    selects,
    siap,
    // Pulihkan pilihan dari kode (mis. dari draf).
    async setel(kode) {
      await siap;
      if (!kode) return;
      const bagian = kode.split('.');
      for (let i = 0; i < selects.length && i + 2 <= bagian.length; i++) {
        const k = bagian.slice(0, i + 2).join('.');
        if (i > 0) await muatAnak(i, bagian.slice(0, i + 1).join('.'), k);
        selects[i].value = k;
      }
      perbarui();
    },
    fokus() { (selects.find((s) => !s.value && !s.disabled) || selects[0]).focus(); },
  };
}
