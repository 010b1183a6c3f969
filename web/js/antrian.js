// antrian.js — antrean laporan yang menunggu koneksi.
//
// Janji kepada pelapor: laporan tidak pernah hilang dan tidak pernah terkirim dua kali.
// - Setiap laporan membawa client_id (UUID dari peramban). Server mengembalikan kode
//   yang sama bila client_id yang sama dikirim lagi, jadi pengiriman ulang aman.
// - Butir antrean (localStorage "netral.antrian") baru dihapus setelah server menjawab
//   200/201 untuk laporan DAN semua berkas buktinya selesai ditangani.
// - Berkas bukti disimpan di IndexedDB (localStorage tidak muat berkas).
// - Hanya satu pemroses yang berjalan sekaligus, juga lintas tab (Web Locks bila ada).

import { post, unggah, ApiError, NetworkError } from './api.js';

const KUNCI = 'netral.antrian';
const DB = 'netral';
const STORE = 'berkas';

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function daftar() {
  try { return JSON.parse(localStorage.getItem(KUNCI) || '[]'); } catch { return []; }
}

function simpan(items) {
  localStorage.setItem(KUNCI, JSON.stringify(items));
  window.dispatchEvent(new CustomEvent('netral:antrian', { detail: { items } }));
}

function ubah(clientId, fn) {
  const items = daftar();
  const it = items.find((x) => x.client_id === clientId);
  if (it) fn(it);
  simpan(items);
  return it;
}

export function hapus(clientId) {
  const items = daftar();
  const it = items.find((x) => x.client_id === clientId);
  simpan(items.filter((x) => x.client_id !== clientId));
  if (it) for (let i = 0; i < (it.berkas || []).length; i++) idbHapus(`${clientId}/${i}`).catch(() => {});
}

// Jejak laporan di perangkat ini, untuk pelapor yang memakai perangkat bersama
// atau pinjaman: draf formulir (bisa memuat identitas pelapor), tanda terima,
// riwayat kiriman, wilayah yang dibuka di formulir (cache wilayah.js: menunjuk
// tempat kejadian), dan berkas bukti di IndexedDB yang bukan milik laporan yang
// masih menunggu koneksi. Laporan tertunda TIDAK dihapus (laporan itu akan
// hilang); jumlahnya dikembalikan supaya pengguna diberi tahu.
const JEJAK = (k) => k === 'netral.draf' || k === 'netral.terkirim' || k.startsWith('netral.tt.') || k.startsWith('netral.wilayah.');

export function adaJejak() {
  for (let i = 0; i < localStorage.length; i++) if (JEJAK(localStorage.key(i) || '')) return true;
  return false;
}

export async function hapusJejak() {
  const kunci = [];
  for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i) || ''; if (JEJAK(k)) kunci.push(k); }
  kunci.forEach((k) => localStorage.removeItem(k));
  const tertunda = daftar();
  const milik = new Set(tertunda.map((x) => x.client_id));
  try {
    const semua = await idb('readonly', (s) => s.getAllKeys());
    for (const k of semua || []) if (!milik.has(String(k).split('/')[0])) await idbHapus(k);
  } catch { /* tanpa IndexedDB: tidak ada berkas tersimpan */ }
  return { dihapus: kunci.length, tertunda: tertunda.length };
}

// ---- IndexedDB kecil untuk berkas ----
function bukaDb() {
  return new Promise((resolve, reject) => {
    if (!window.indexedDB) return reject(new Error('IndexedDB tidak tersedia'));
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
async function idb(mode, fn) {
  const db = await bukaDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(req && req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}
const idbTaruh = (k, v) => idb('readwrite', (s) => s.put(v, k));
const idbAmbil = (k) => idb('readonly', (s) => s.get(k));
const idbHapus = (k) => idb('readwrite', (s) => s.delete(k));

// Masukkan laporan ke antrean. berkas: File[]. Berkas yang gagal disimpan
// dicatat supaya pengguna diberi tahu (laporan tetap diantrekan).
export async function antrekan(body, berkas = [], tujuan = '/api/v1/laporan') {
  const meta = [];
  for (let i = 0; i < berkas.length; i++) {
    const f = berkas[i];
    let tersimpan = true;
    try {
      await idbTaruh(`${body.client_id}/${i}`, { blob: f, nama: f.name, tipe: f.type });
    } catch { tersimpan = false; }
    meta.push({ nama: f.name, ukuran: f.size, status: tersimpan ? 'menunggu' : 'tidak_tersimpan' });
  }
  const items = daftar().filter((x) => x.client_id !== body.client_id);
  items.push({ client_id: body.client_id, tujuan, body, dibuat: new Date().toISOString(), berkas: meta });
  simpan(items);
}

export function simpanTandaTerima(kode, tt) {
  try { localStorage.setItem('netral.tt.' + kode, JSON.stringify(tt)); } catch { /* abaikan */ }
}
export function ambilTandaTerima(kode) {
  try { return JSON.parse(localStorage.getItem('netral.tt.' + kode) || 'null'); } catch { return null; }
}

let berjalan = false;

// Kirim semua yang tertunda. onTerkirim({kode, client_id}) dipanggil per laporan yang tuntas.
export async function proses(onTerkirim) {
  if (navigator.locks && navigator.locks.request) {
    return navigator.locks.request('netral-antrian', { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      return prosesSekali(onTerkirim);
    });
  }
  return prosesSekali(onTerkirim);
}

async function prosesSekali(onTerkirim) {
  if (berjalan) return;
  berjalan = true;
  try {
    for (const awal of daftar()) {
      if (awal.galat) continue; // ditolak server; menunggu diperbaiki pengguna
      let it = awal;
      if (!it.kode) {
        try {
          const r = await post(it.tujuan || '/api/v1/laporan', it.body);
          if (r.tanda_terima) simpanTandaTerima(r.kode, r.tanda_terima);
          it = ubah(it.client_id, (x) => { x.kode = r.kode; });
        } catch (e) {
          if (e instanceof NetworkError) return;
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429 && e.status !== 408) {
            ubah(it.client_id, (x) => { x.galat = { pesan: e.message, field: e.field }; });
            continue;
          }
          return; // 429/5xx: coba lagi nanti
        }
      }
      const berkas = it.berkas || [];
      for (let i = 0; i < berkas.length; i++) {
        if (berkas[i].status !== 'menunggu') continue;
        let simpanan;
        try { simpanan = await idbAmbil(`${it.client_id}/${i}`); } catch { simpanan = null; }
        if (!simpanan) { ubah(it.client_id, (x) => { x.berkas[i].status = 'tidak_tersimpan'; }); continue; }
        try {
          await unggah(`/api/v1/laporan/${encodeURIComponent(it.kode)}/bukti`, simpanan.blob, null, simpanan.nama);
          ubah(it.client_id, (x) => { x.berkas[i].status = 'terkirim'; });
          idbHapus(`${it.client_id}/${i}`).catch(() => {});
        } catch (e) {
          if (e instanceof NetworkError) return;
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429) {
            ubah(it.client_id, (x) => { x.berkas[i].status = 'ditolak'; x.berkas[i].pesan = e.message; });
            continue;
          }
          return;
        }
      }
      const selesai = daftar().find((x) => x.client_id === it.client_id);
      hapus(it.client_id);
      try {
        const riwayat = JSON.parse(localStorage.getItem('netral.terkirim') || '[]');
        riwayat.push({ kode: it.kode, client_id: it.client_id, berkas: selesai ? selesai.berkas : [] });
        localStorage.setItem('netral.terkirim', JSON.stringify(riwayat.slice(-20)));
      } catch { /* abaikan */ }
      if (onTerkirim) onTerkirim({ kode: it.kode, client_id: it.client_id });
    }
  } finally {
    berjalan = false;
  }
}

// Pasang pemicu: saat halaman dimuat dan saat koneksi kembali.
export function pasang(onTerkirim) {
  const jalan = () => proses(onTerkirim).catch(() => {});
  window.addEventListener('online', jalan);
  if (daftar().length) jalan();
  return jalan;
}
