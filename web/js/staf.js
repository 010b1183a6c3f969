// staf.js — kepala halaman petugas: pulihkan sesi (CSRF), tampilkan pengguna, tombol keluar.
// Tanpa sesi → ke masuk.html?lanjut=<halaman ini>.
import { $, h, replace } from './dom.js';
import { sesi, del } from './api.js';
import { PERAN } from './format.js';

const MENU_TAMBAHAN = [
  ['kerawanan', '/kerawanan.html', 'Kerawanan', ['pkd', 'panwascam', 'bawaslu', 'admin']],
  ['pencegahan', '/pencegahan.html', 'Pencegahan', ['pkd', 'panwascam', 'bawaslu', 'pemda', 'bkn', 'admin']],
  ['antrian', '/antrian.html', 'Antrean saring', ['panwascam', 'bawaslu', 'admin']],
  ['pegawai', '/pegawai.html', 'Daftar pegawai', ['pkd', 'panwascam', 'bawaslu', 'pemda', 'bkn', 'admin']],
  ['audit', '/audit.html', 'Log audit', ['bawaslu', 'admin']],
];

export async function mulaiStaf(hal) {
  let s = null;
  try { s = await sesi(); } catch { /* jaringan: biarkan halaman menampilkan galat */ }
  if (!s) {
    location.replace('/masuk.html?lanjut=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {}); // berhenti di sini
  }
  const u0 = s.user || {};
  // Halaman pencegahan, penyaringan dan daftar pegawai: ditambahkan ke menu bila halaman ini belum
  // memuatnya, hanya untuk peran yang boleh membukanya (lihat src/api/routes.c).
  const nav = $('#nav-staf');
  for (const [kode, href, teks, peran] of MENU_TAMBAHAN) {
    if (!nav || nav.querySelector(`[data-hal="${kode}"]`) || !peran.includes(u0.role)) continue;
    nav.append(h('li', null, h('a', { href, 'data-hal': kode }, teks)));
  }
  const a = document.querySelector(`#nav-staf [data-hal="${hal}"]`);
  if (a) a.setAttribute('aria-current', 'page');
  const u = s.user || {};
  replace($('#pengguna'),
    h('span', null, h('strong', null, u.username), ` · ${PERAN[u.role] || u.role}${u.wilayah_nama ? ' · ' + u.wilayah_nama : ''}`),
    h('button', { type: 'button', class: 'tombol', onclick: async () => {
      try { await del('/api/v1/session'); } catch { /* tetap keluar */ }
      location.assign('/masuk.html');
    } }, 'Keluar'));
  if (u.must_change_password) {
    location.replace('/masuk.html?lanjut=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {});
  }
  return s;
}
