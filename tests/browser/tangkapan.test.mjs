// Tangkapan layar halaman utama pada 360×760 (ponsel terkecil yang dituju), 375×812
// (ponsel umum) dan 1280×800 (meja kerja),
// disimpan di tests/browser/artifacts/. Sekaligus memeriksa: tidak ada pelanggaran CSP
// atau galat skrip, dan tidak ada gulir horizontal di layar ponsel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { luncurkan, konteks, unik, masuk, laporLewatApi, ARTIFAK, PNG } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

for (const [w, hgt] of [[360, 760], [375, 812], [1280, 800]]) {
  test(`tangkapan layar ${w}×${hgt}`, async () => {
    const ctx = await konteks(browser, { viewport: { width: w, height: hgt } });
    const page = await ctx.newPage();
    // Halaman yang memerlukan kasus dilewati bila server belum menerima laporan
    // (uji lain yang gagal dalam hal itu); halaman lain tetap ditangkap.
    const kode = await laporLewatApi(ctx.request, `ASN membagikan unggahan kampanye di grup WhatsApp dinas ${unik()}`).catch(() => null);
    // Bukti agar penampil bukti ikut tergambar (abaikan bila server belum mendukung).
    if (kode) await ctx.request.post(`/api/v1/laporan/${encodeURIComponent(kode)}/bukti`, {
      multipart: { berkas: { name: 'foto.png', mimeType: 'image/png', buffer: PNG } },
    }).catch(() => null);
    const ambil = async (nama, url, tunggu) => {
      await page.goto(url);
      if (tunggu) await page.waitForSelector(tunggu, { timeout: 10000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(ARTIFAK, `${nama}-${w}.png`), fullPage: true });
      if (w <= 375) {
        const lebar = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(lebar <= w + 1, `${nama}: tidak boleh gulir horizontal (${lebar}px)`);
      }
    };
    await ambil('beranda', '/');
    await ambil('lapor', '/lapor.html', 'form[data-siap="1"]');
    if (kode) await ambil('lacak', '/lacak.html?kode=' + encodeURIComponent(kode), '#hasil:not([hidden])');
    await ambil('masuk', '/masuk.html');
    await masuk(page);
    await ambil('meja', '/meja.html', kode ? '#baris tr' : null);
    if (kode) await ambil('kasus', '/kasus.html?kode=' + encodeURIComponent(kode), '#kasus:not([hidden])');
    await ambil('rekomendasi', '/rekomendasi.html');
    await ambil('dasbor', '/dasbor.html');
    await ambil('kerawanan', '/kerawanan.html', '#pilih[data-siap="1"]');
    await ambil('pencegahan', '/pencegahan.html', 'body[data-siap="1"]');
    await ambil('pegawai', '/pegawai.html', 'body[data-siap="1"]');
    await ambil('antrian', '/antrian.html', 'body[data-siap="1"]');
    await ambil('audit', '/audit.html', '#tabel:not([hidden])');
    await page.emulateMedia({ media: 'print' });
    if (kode) await ambil('kasus-cetak', '/kasus.html?kode=' + encodeURIComponent(kode), '#kasus:not([hidden])');
    assert.deepEqual(ctx.galat, []);
    await ctx.close();
  });
}
