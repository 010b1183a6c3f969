// publik.js — pemberitahuan antrean laporan di halaman publik.
// Laporan yang tertunda dikirim otomatis saat halaman dimuat atau koneksi kembali.
import { daftar, pasang } from './antrian.js';
import { h, replace } from './dom.js';

export function pasangInfoAntrian(onTerkirim) {
  const el = document.getElementById('antrian-info');
  const tampil = (terkirim) => {
    if (!el) return;
    const items = daftar();
    if (terkirim) {
      el.dataset.jenis = 'sukses';
      replace(el, 'Laporan tertunda Anda sudah terkirim. Kode pelacakan: ',
        h('a', { href: '/hasil.html?kode=' + encodeURIComponent(terkirim.kode) }, terkirim.kode));
      el.hidden = false;
      return;
    }
    if (!items.length) { el.hidden = true; return; }
    const gagal = items.filter((x) => x.galat);
    el.dataset.jenis = gagal.length ? 'galat' : 'tunggu';
    replace(el,
      gagal.length
        ? [`${gagal.length} laporan tertunda ditolak server dan perlu diperbaiki. `, h('a', { href: '/lapor.html' }, 'Buka formulir')]
        : `Menunggu koneksi… ${items.length} laporan akan dikirim otomatis begitu koneksi kembali.`);
    el.hidden = false;
  };
  window.addEventListener('netral:antrian', () => tampil());
  tampil();
  return pasang((r) => { tampil(r); if (onTerkirim) onTerkirim(r); });
}
