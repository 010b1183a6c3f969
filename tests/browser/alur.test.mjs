// Seluruh alur penanganan lewat formulir halaman kasus, dengan isian yang diminta server:
// kajian awal → registrasi → klarifikasi → kajian → putusan (jenis + katalog) → teruskan
// (penerima bawaan, nomor, tanggal) → catat sanksi (pilihan berkode) → selesai; dan jalur
// "tidak diregistrasi" dengan alasan dari daftar. Galat isian tampil di samping medannya.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk, laporLewatApi, kemarin } from './lib.mjs';

let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

// Klik tombol transisi ke `ke`, isi lewat `isi(form)`, simpan, tunggu status baru.
async function langkah(page, ke, isi = async () => {}) {
  await page.click(`#transisi button[data-ke="${ke}"]`);
  const form = page.locator(`form.transisi[data-ke="${ke}"]`);
  await form.waitFor();
  assert.equal(await form.locator('label:has-text("[object")').count(), 0, `${ke}: label medan terbaca`);
  await isi(form);
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((k) => document.querySelector('#status-kasus')?.dataset.status === k, ke);
}

test('alur lengkap lewat formulir: putusan dengan katalog, penerusan, sanksi, selesai', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `ASN mengunggah dukungan untuk calon di grup dinas ${unik()}`);
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#kasus:not([hidden])');

  await langkah(page, 'kajian_awal');
  await langkah(page, 'diregistrasi');
  await langkah(page, 'klarifikasi');
  await langkah(page, 'kajian');
  await langkah(page, 'putusan', async (form) => {
    const jenis = form.locator('select[name="jenis_putusan"]');
    assert.ok(await jenis.locator('option[value="pelanggaran_perundangan_lain"]').count(), 'pilihan jenis putusan dari server');
    await form.locator('textarea[name="fakta"]').fill('Terlapor mengakui unggahan itu; dua saksi membenarkan.');
    await form.locator('textarea[name="analisis"]').fill('Unsur ASN, keberpihakan dan masa pemilihan terpenuhi.');
    await jenis.selectOption('pelanggaran_perundangan_lain');
    // Tanpa butir katalog: ditolak di samping medannya, belum terkirim.
    await form.locator('button[type="submit"]').click();
    assert.match(await form.locator('#galat-tr-katalog').textContent(), /katalog/);
    await form.locator('input[name="katalog"]').first().check();
  });
  assert.match(await page.textContent('#putusan'), /Terlapor mengakui unggahan itu/, 'kajian tampil di putusan');
  await langkah(page, 'diteruskan', async (form) => {
    assert.equal(await form.locator('select[name="jenis_putusan"]').inputValue(), 'pelanggaran_perundangan_lain', 'putusan terisi');
    const penerima = form.locator('select[name="penerima"]');
    if (!(await penerima.inputValue())) await penerima.selectOption({ index: 1 });
    await form.locator('input[name="nomor"]').fill('001/PP.01/K.JI-33/11/2026');
    await form.locator('input[name="tanggal"]').fill(kemarin());
  });
  await langkah(page, 'ditindaklanjuti', async (form) => {
    const sanksi = form.locator('select[name="jenis_sanksi"]');
    assert.match(await sanksi.locator('option[value="potong_tukin_6_bulan"]').textContent(), /tunjangan kinerja 25% selama 6 bulan/);
    await sanksi.selectOption('potong_tukin_6_bulan');
    await form.locator('input[name="nomor_sk"]').fill('800/123/417.302/2026');
    await form.locator('input[name="tanggal_sk"]').fill(kemarin());
    await form.locator('input[name="pejabat"]').fill('Wali Kota Mojokerto');
  });
  assert.match(await page.textContent('#kasus'), /Disiplin sedang: potongan tunjangan kinerja 25% selama 6 bulan/);
  await langkah(page, 'selesai');
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});

test('tidak diregistrasi: alasan dipilih dari daftar', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  const kode = await laporLewatApi(ctx.request, `Kepala desa membagikan kalender calon ${unik()}`);
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#kasus:not([hidden])');
  await langkah(page, 'kajian_awal');
  await langkah(page, 'tidak_diregistrasi', async (form) => {
    const alasan = form.locator('select[name="alasan"]');
    assert.match(await alasan.locator('option[value="syarat_materiel"]').textContent(), /syarat materiel/);
    await alasan.selectOption('syarat_materiel');
  });
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
