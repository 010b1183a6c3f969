// pemberitahuan.js — pemberitahuan untuk pimpinan di halaman pertama petugas: setiap
// pembukaan identitas pelapor dalam 30 hari terakhir (siapa, kasus mana, kapan, alasannya).
// Sumber: log audit (GET /api/v1/audit?aksi=identitas.buka), yang hanya boleh dibaca admin
// (semua) dan Bawaslu kabupaten/kota (petugas di wilayahnya); peran lain tidak memintanya.
import { h, replace } from './dom.js';
import { get } from './api.js';
import { waktu } from './format.js';

const HARI = 30;
const BATAS = 20;
const PERAN = ['bawaslu', 'admin'];

function sejak(now = new Date()) {
  const d = new Date(now.getTime() - HARI * 86400000);
  return d.toISOString().slice(0, 10);
}

export async function pemberitahuanIdentitas(sesi, wadah) {
  const u = (sesi && sesi.user) || {};
  if (!wadah || !PERAN.includes(u.role)) return;
  let items;
  try {
    items = await get(`/api/v1/audit?aksi=identitas.buka&sejak=${sejak()}&batas=${BATAS}`);
  } catch { return; } // pemberitahuan bukan isi utama halaman: galatnya tidak menutupi meja
  if (!items.length) return;
  const semua = `/audit.html?aksi=identitas.buka&sejak=${sejak()}`;
  replace(wadah, h('h2', { id: 'j-pemberitahuan' }, `Identitas pelapor dibuka ${items.length >= BATAS ? `${BATAS}+` : items.length} kali dalam ${HARI} hari terakhir`),
    h('ul', null, items.map((x) => h('li', { 'data-kode': x.objek },
      `${waktu(x.waktu)} — `, h('strong', null, x.pelaku), ' membuka identitas pelapor kasus ',
      /^NTR-/.test(x.objek) ? h('a', { href: '/kasus.html?kode=' + encodeURIComponent(x.objek) }, x.objek) : x.objek,
      x.rincian && x.rincian.alasan ? [' · Alasan: ', h('q', null, x.rincian.alasan)] : null))),
    h('p', null, h('a', { href: semua }, 'Lihat di log audit')));
  wadah.hidden = false;
}
