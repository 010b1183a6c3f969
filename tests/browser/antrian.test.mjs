// Antrean penyaringan: unggah JSONL (dikirim per ≤ 1000 pos) → pos terjaring tampil dengan
// setiap kecocokan disorot pada offset bita yang benar (teks berisi emoji dan huruf beraksen),
// teks berbahaya tampil sebagai teks, Relevan → temuan dengan tautan ke kasusnya,
// Tidak relevan dengan catatan, angka presisi terisi.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { luncurkan, konteks, unik, masuk } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let browser;
before(async () => { browser = await luncurkan(); });
after(async () => { await browser.close(); });

test('antrean penyaringan: unggah, sorotan, keputusan', async () => {
  const ctx = await konteks(browser, { viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  const u = unik();
  const teksA = `Warga 🗳️ café ${XSS} — ayo coblos nomor 2 pada pilkada, kami ASN siap memenangkan paslon ${u}`;
  const teksB = `Ayo pilih paslon nomor 1 di pilkada, dukung bupati! ${u}-b`;
  const baris = [JSON.stringify({ id: `a-${u}`, platform: 'facebook', akun: '@asn_uji', nama: 'Budi Uji', teks: teksA, url: 'javascript:alert(1)' }),
    JSON.stringify({ id: `b-${u}`, platform: 'x', akun: '@kades', nama: 'Kades Uji', teks: teksB, url: 'https://contoh.id/pos/1' }),
    '{bukan json', JSON.stringify({ id: 'tanpa-teks' })];
  for (let i = 0; i < 1200; i++) baris.push(JSON.stringify({ id: `n-${u}-${i}`, teks: `Cuaca cerah di alun-alun hari ke-${i}` }));

  await masuk(page);
  await page.goto('/antrian.html');
  await page.waitForSelector('body[data-siap="1"]');
  assert.equal(await page.getAttribute('#nav-staf a[data-hal="antrian"]', 'aria-current'), 'page');

  const kirim = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/screen') && r.method() === 'POST') kirim.push(r.postDataJSON().posts.length); });
  await page.setInputFiles('#berkas-jsonl', { name: 'pos.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(baris.join('\n')) });
  await page.click('#tombol-saring');
  await page.waitForSelector('#unggah-hasil[data-selesai="1"]');
  const hasil = await page.textContent('#unggah-hasil');
  assert.match(hasil, /1\.202 pos disaring/);
  assert.match(hasil, /2 baris dilewati/);
  assert.deepEqual(kirim, [1000, 202], 'dikirim per ≤ 1000 pos');

  // Butir A ada di antrean; sorotan = potongan bita mulai..akhir dari server.
  const liA = page.locator('#daftar > li', { hasText: `ASN siap memenangkan paslon ${u}` });
  await liA.waitFor();
  const id = await liA.getAttribute('data-id');
  const item = await page.evaluate(async (i) => {
    const r = await fetch('/api/v1/screen/antrian?status=menunggu&per_halaman=200');
    return (await r.json()).items.find((x) => String(x.id) === i);
  }, id);
  assert.ok(item && item.hits.length >= 2, 'pos A terjaring dengan beberapa aturan');
  const bita = Buffer.from(item.pos.teks, 'utf8');
  const harap = item.hits.map((x) => bita.subarray(x.mulai, x.akhir).toString('utf8'));
  const kutip = await liA.locator('.hit-daftar q').allTextContents();
  assert.deepEqual(kutip, harap, 'kutipan tiap aturan = potongan bita dari server');
  // Setiap hit tertutup sorotan: gabungan teks <mark> memuat setiap potongan.
  const teksTampil = await liA.locator('.pos-teks').textContent();
  assert.equal(teksTampil, teksA, 'teks tampil utuh, apa adanya (termasuk string XSS)');
  // Bita yang tertutup hit (gabungan rentang) = persis teks yang ada di dalam <mark>.
  const tutup = new Uint8Array(bita.length);
  for (const x of item.hits) tutup.fill(1, x.mulai, x.akhir);
  let harapSorot = '';
  for (let i = 0; i < bita.length;) {
    if (!tutup[i]) { i++; continue; }
    let j = i;
    while (j < bita.length && tutup[j]) j++;
    harapSorot += bita.subarray(i, j).toString('utf8');
    i = j;
  }
  const sorot = (await liA.locator('.pos-teks mark').allTextContents()).join('');
  assert.equal(sorot, harapSorot, 'sorotan tepat pada offset bita');
  assert.ok(!sorot.includes('Warga'), 'teks di luar hit tidak disorot');
  assert.ok(await liA.locator('.pos-teks mark[data-aturan]').count() >= 1);
  assert.equal(await page.locator('#daftar img').count(), 0, 'tidak ada elemen img dari data');
  assert.equal(await liA.locator('a', { hasText: 'buka pos' }).count(), 0, 'url javascript: tidak dijadikan tautan');
  for (const x of item.hits) assert.ok((await liA.locator('.hit-daftar').textContent()).includes(x.penjelasan));

  // Relevan → temuan dengan tautan ke kasus.
  await liA.locator('textarea[data-medan="catatan"]').fill('Ajakan memilih oleh ASN, tindak lanjuti');
  await liA.locator('button[data-keputusan="relevan"]').click();
  const tautan = liA.locator('a.kode-temuan');
  await tautan.waitFor();
  const kode = (await tautan.textContent()).trim();
  assert.match(kode, /^NTR-/);
  assert.equal(await tautan.getAttribute('href'), '/kasus.html?kode=' + encodeURIComponent(kode));
  assert.equal(await liA.getAttribute('data-status'), 'relevan');

  // Tidak relevan dengan catatan.
  const liB = page.locator('#daftar > li', { hasText: `${u}-b` });
  assert.equal(await liB.locator('a', { hasText: 'buka pos' }).getAttribute('href'), 'https://contoh.id/pos/1');
  await liB.locator('textarea[data-medan="catatan"]').fill('Bukan ASN, akun warga biasa');
  await liB.locator('button[data-keputusan="tidak_relevan"]').click();
  await liB.locator('[data-hasil="tidak_relevan"]').waitFor();
  assert.match(await liB.textContent(), /Bukan ASN, akun warga biasa/);

  // Presisi terisi (ada keputusan).
  await page.waitForFunction(() => /\d/.test(document.querySelector('#presisi-angka')?.textContent || ''));

  // Tautan temuan membuka kasusnya.
  await tautan.click();
  await page.waitForURL(/\/kasus\.html\?kode=/);
  await page.waitForSelector('#kasus:not([hidden])');
  assert.ok((await page.textContent('body')).includes(kode));

  // Daftar "relevan" memuat butir A dengan kodenya; teks tetap teks.
  await page.goto('/antrian.html');
  await page.waitForSelector('body[data-siap="1"]');
  await page.selectOption('#f-status', 'relevan');
  await page.click('#saringan button[type="submit"]');
  await page.locator('#daftar > li', { hasText: kode }).waitFor();
  assert.equal(await page.locator('#daftar img').count(), 0);
  await page.waitForTimeout(200);
  assert.equal(dialog, false, 'tidak ada dialog alert');
  assert.deepEqual(ctx.galat, []);
  await ctx.close();
});
