// Teks berbahaya tampil sebagai teks, tidak dijalankan: uraian (halaman kasus, meja, langkah
// periksa formulir) dan setiap kolom teks lain yang ditampilkan halaman petugas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk, laporLewatApi, isiLaporan, badanLaporan } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('XSS di uraian tampil sebagai teks di halaman kasus', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  const uraian = `Unggahan ASN berisi ${XSS} dan ajakan memilih ${unik()}`;
  const kode = await laporLewatApi(ctx.request, uraian);
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#kasus:not([hidden])');
  const teks = await page.locator('#peristiwa dd.uraian').textContent();
  assert.ok(teks.includes(XSS), 'string tampil apa adanya');
  assert.equal(await page.locator('#peristiwa img').count(), 0, 'tidak ada elemen img dari data');
  await page.waitForTimeout(300);
  assert.equal(dialog, false, 'tidak ada dialog alert');
  // Meja kasus juga aman.
  await page.goto('/meja.html?q=' + encodeURIComponent('ajakan memilih'));
  await page.waitForSelector('#baris tr');
  assert.equal(await page.locator('#baris img').count(), 0);
  assert.equal(dialog, false);
  await ctx.close();
});

test('XSS di uraian tampil sebagai teks di langkah periksa formulir', async () => {
  const ctx = await konteks(browser);
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  await isiLaporan(page, { uraian: `Uraian dengan ${XSS} di dalamnya ${unik()}`, anonim: true });
  assert.ok((await page.textContent('#periksa')).includes(XSS));
  assert.equal(await page.locator('#periksa img').count(), 0);
  assert.equal(dialog, false);
  await ctx.close();
});

// Every text field a staff page shows, each with its own payload: terlapor, lokasi, saksi,
// the reporter's identity after the seal is opened (and the reason, in the audit log page).
test('XSS di setiap kolom teks: rincian kasus, identitas yang dibuka, meja, log audit', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  let dialog = 0;
  page.on('dialog', async (d) => { dialog++; await d.dismiss(); });
  const p = (n) => [`<img src=x onerror=alert(${n})>`, `<svg onload=alert(${n})>`, `<script>alert(${n})</script>`][n % 3] + ` uji${n}`;
  const tanda = unik();
  const body = badanLaporan(`Uraian aman untuk uji kolom ${tanda}`, {
    pelapor: { nama: p(1), nik: '3576014101900002', alamat: p(2), telepon: '081300000000', email: '' },
    terlapor: { nama: p(3), nip: '', kategori: 'kepala_desa', instansi: p(4), jabatan: p(5), wilayah: '35.76.01' },
    saksi: [{ nama: p(6), keterangan: p(7) }],
  });
  body.peristiwa.lokasi = p(8);
  const r = await ctx.request.post('/api/v1/laporan', { data: body });
  assert.equal(r.status(), 201, await r.text());
  const kode = (await r.json()).kode;
  const bersih = async (tempat) => {
    const n = await page.evaluate(() => document.querySelectorAll('[onerror],[onload],body script,#isi svg:not([aria-hidden]) > script').length);
    assert.equal(n, 0, `${tempat}: tidak ada elemen atau atribut dari data`);
    assert.equal(dialog, 0, `${tempat}: tidak ada dialog alert`);
  };
  await masuk(page);
  await page.goto('/kasus.html?kode=' + encodeURIComponent(kode));
  await page.waitForSelector('#kasus:not([hidden])');
  const isi = await page.textContent('#kasus');
  for (const n of [3, 4, 5, 6, 7, 8]) assert.ok(isi.includes(p(n)), `kolom ${n} tampil apa adanya`);
  await page.click('#buka-segel');
  await page.fill('#segel-alasan', `${p(9)} klarifikasi pelapor`);
  await page.click('#form-segel button[type="submit"]');
  await page.waitForFunction((t) => document.querySelector('#pelapor').textContent.includes(t), p(1));
  assert.ok((await page.textContent('#pelapor')).includes(p(2)), 'alamat pelapor tampil apa adanya');
  await page.waitForTimeout(300);
  await bersih('rincian kasus');
  await page.goto('/meja.html?q=' + encodeURIComponent(tanda));
  await page.waitForSelector('#baris tr');
  assert.ok((await page.textContent('#baris')).includes(p(3)));
  // the leadership's notice of the unsealing: the kode and the alasan, as text
  const notice = page.locator(`#pemberitahuan li[data-kode="${kode}"]`);
  await notice.waitFor();
  assert.ok((await notice.textContent()).includes(p(9)), 'alasan di pemberitahuan tampil apa adanya');
  await bersih('meja');
  // a panwascam officer of the same kecamatan gets no notice (it cannot read the audit log)
  const ctx2 = await konteks(browser);
  const page2 = await ctx2.newPage();
  const audit = [];
  page2.on('request', (q) => { if (q.url().includes('/api/v1/audit')) audit.push(q.url()); });
  await masuk(page2, 'uji_panwascam');
  await page2.waitForSelector('#baris tr, #muat:has-text("Tidak ada")');
  assert.equal(await page2.isVisible('#pemberitahuan'), false, 'panwascam: tanpa pemberitahuan');
  assert.deepEqual(audit, [], 'panwascam: log audit tidak diminta');
  assert.deepEqual(ctx2.galat, []);
  await ctx2.close();
  await page.goto('/audit.html?aksi=identitas.buka');
  await page.waitForSelector('#tabel:not([hidden])');
  assert.ok((await page.textContent('#baris')).includes(p(9)), 'alasan tampil apa adanya');
  await page.waitForTimeout(300);
  await bersih('log audit');
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
