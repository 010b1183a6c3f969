// publik.js — pemberitahuan antrean laporan di halaman publik.
// Laporan yang tertunda dikirim otomatis saat halaman dimuat atau koneksi kembali.
import { daftar, pasang, adaJejak, hapusJejak } from './antrian.js';
import { h, replace, status } from './dom.js';

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

// Bagian "Perangkat bersama?" (#jejak): dua langkah supaya tidak terhapus tak
// sengaja; langkah kedua mengingatkan untuk mencatat kode dan mengunduh tanda
// terima dahulu, karena sesudahnya keduanya tidak ada lagi di perangkat ini.
export function pasangHapusJejak() {
  const wadah = document.getElementById('jejak');
  if (!wadah) return;
  const hasil = h('p', { class: 'pesan', role: 'status', 'aria-live': 'polite', hidden: '' });
  const ya = h('button', { type: 'button', id: 'jejak-ya', class: 'bahaya' }, 'Ya, hapus jejak');
  const batal = h('button', { type: 'button', class: 'kedua' }, 'Batal');
  const konfirmasi = h('div', { id: 'jejak-konfirmasi', hidden: '' },
    h('p', null, 'Sesudah dihapus, kode pelacakan dan tanda terima tidak dapat dibuka lagi dari perangkat ini. ' +
      'Catat kodenya dan unduh tanda terima bila belum.'),
    h('div', { class: 'aksi' }, ya, batal));
  const mulai = h('button', { type: 'button', id: 'jejak-hapus', class: 'kedua' }, 'Hapus jejak laporan di perangkat ini');
  replace(wadah,
    h('h2', { id: 'jejak-judul' }, 'Memakai perangkat bersama?'),
    h('p', null, 'Peramban ini menyimpan draf formulir, tanda terima dan daftar laporan yang Anda kirim. ' +
      'Di ponsel atau komputer yang dipakai orang lain, hapus jejak itu setelah selesai.'),
    mulai, konfirmasi, hasil);
  wadah.setAttribute('aria-labelledby', 'jejak-judul');
  mulai.disabled = !adaJejak();
  mulai.addEventListener('click', () => { konfirmasi.hidden = false; mulai.hidden = true; ya.focus(); });
  batal.addEventListener('click', () => { konfirmasi.hidden = true; mulai.hidden = false; mulai.focus(); });
  ya.addEventListener('click', async () => {
    const r = await hapusJejak();
    konfirmasi.hidden = true;
    mulai.hidden = false;
    mulai.disabled = true;
    status(hasil, `Jejak dihapus (${r.dihapus} catatan).` + (r.tertunda
      ? ` ${r.tertunda} laporan yang belum terkirim tetap disimpan sampai terkirim, lalu hapus jejak lagi.`
      : ''), r.tertunda ? 'tunggu' : 'sukses');
  });
}
