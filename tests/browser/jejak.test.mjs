// Hapus jejak di perangkat bersama: sesudah melapor, tanda terima, riwayat kiriman,
// draf dan wilayah yang dipilih (tempat kejadian) hilang dari peramban; laporan yang
// masih menunggu koneksi tetap ada.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, isiLaporan, unik } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

const jejak = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('netral.')).sort());

test('hapus jejak menghapus tanda terima, riwayat dan draf, tetapi bukan laporan tertunda', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  await isiLaporan(page, { uraian: `Lurah mengajak warga mencoblos calon tertentu di pos ronda ${unik()}` });
  await page.click('#lanjut');
  await page.waitForURL(/\/hasil\.html\?kode=/, { timeout: 15000 });
  const kode = (await page.textContent('#kode')).trim();
  const sebelum = await jejak(page);
  assert.ok(sebelum.includes('netral.tt.' + kode), 'tanda terima tersimpan: ' + sebelum);
  assert.ok(sebelum.some((k) => k.startsWith('netral.wilayah.35.76')), 'pilihan wilayah tersimpan: ' + sebelum);

  // Laporan lain sedang menunggu koneksi (dengan berkasnya), ditambah berkas yatim, draf
  // dan riwayat. Ditulis langsung ke penyimpanan: halaman hanya mengirim antrean saat
  // dimuat atau saat koneksi kembali, jadi butir ini tetap menunggu.
  await page.evaluate(async () => {
    localStorage.setItem('netral.antrian', JSON.stringify([{ client_id: 'tertunda-1', body: {}, berkas: [{ status: 'menunggu' }] }]));
    localStorage.setItem('netral.draf', JSON.stringify({ pelapor: { nama: 'Siti Pelapor' } }));
    localStorage.setItem('netral.terkirim', JSON.stringify([{ kode: 'NTR-LAMA', client_id: 'sudah-terkirim' }]));
    await new Promise((ok, gagal) => {
      const r = indexedDB.open('netral', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('berkas');
      r.onsuccess = () => {
        const tx = r.result.transaction('berkas', 'readwrite');
        tx.objectStore('berkas').put({ nama: 'a.png' }, 'tertunda-1/0');
        tx.objectStore('berkas').put({ nama: 'b.png' }, 'sudah-terkirim/0');
        tx.oncomplete = () => { r.result.close(); ok(); };
        tx.onerror = () => gagal(tx.error);
      };
    });
  });
  await page.waitForSelector('#jejak-hapus:not([disabled])');
  await page.click('#jejak-hapus');
  assert.match(await page.textContent('#jejak-konfirmasi'), /Catat kodenya/);
  await page.click('#jejak-ya');
  await page.waitForSelector('#jejak .pesan:not([hidden])');
  assert.match(await page.textContent('#jejak .pesan'), /1 laporan yang belum terkirim tetap disimpan/);

  assert.deepEqual(await jejak(page), ['netral.antrian'], 'hanya antrean tertunda yang tersisa');
  const kunciIdb = await page.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('netral', 1);
    r.onsuccess = () => { const q = r.result.transaction('berkas').objectStore('berkas').getAllKeys(); q.onsuccess = () => { r.result.close(); ok(q.result); }; };
  }));
  assert.deepEqual(kunciIdb, ['tertunda-1/0'], 'berkas laporan tertunda tetap, berkas yatim dihapus');
  assert.equal(await page.isDisabled('#jejak-hapus'), true, 'tidak ada jejak lagi');
  await page.reload();
  assert.equal(await page.isVisible('#tt-kosong'), true, 'tanda terima tidak ada lagi di perangkat ini');
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
