// mock-server.mjs — tiruan kecil API Netral untuk mengembangkan web/ selagi server C
// belum lengkap. BUKAN pengganti server: run.sh memakai build/netral yang asli kecuali
// NETRAL_UJI_MOCK=1. Menyajikan web/ dengan CSP yang sama (default-src 'self').
//   node tests/browser/mock-server.mjs 127.0.0.1:8099
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const [host, port] = (process.argv[2] || '127.0.0.1:8099').split(':');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png' };

const wil = new Map();
for (const line of fs.readFileSync(path.join(ROOT, 'data/wilayah/jatim.csv'), 'utf8').split('\n').slice(1)) {
  if (!line) continue;
  const [kode, nama, tingkat, induk] = line.split(',');
  wil.set(kode, { kode, nama, tingkat, induk, anak: [] });
}
for (const w of wil.values()) if (wil.has(w.induk)) wil.get(w.induk).anak.push({ kode: w.kode, nama: w.nama, tingkat: w.tingkat });

const STATUS = { diterima: 'Diterima', kajian_awal: 'Kajian awal', perlu_dilengkapi: 'Perlu dilengkapi', tidak_diregistrasi: 'Tidak diregistrasi', diregistrasi: 'Diregistrasi', klarifikasi: 'Klarifikasi', kajian: 'Kajian', putusan: 'Putusan', diteruskan: 'Diteruskan', ditindaklanjuti: 'Ditindaklanjuti', tidak_ditindaklanjuti: 'Tidak ditindaklanjuti', selesai: 'Selesai' };
const TRANSISI = {
  diterima: [['kajian_awal', 'Mulai kajian awal', []]],
  kajian_awal: [['perlu_dilengkapi', 'Minta dilengkapi', ['catatan']], ['tidak_diregistrasi', 'Tidak diregistrasi', ['alasan']], ['diregistrasi', 'Registrasi', []]],
  perlu_dilengkapi: [['kajian_awal', 'Kembali ke kajian awal', []]],
  diregistrasi: [['klarifikasi', 'Klarifikasi', []]],
  klarifikasi: [['kajian', 'Kajian', []]],
  kajian: [['putusan', 'Putusan', ['fakta', 'analisis', 'jenis_putusan', 'katalog']]],
  putusan: [['diteruskan', 'Teruskan rekomendasi', ['penerima', 'nomor', 'tanggal']], ['selesai', 'Selesai', []]],
  diteruskan: [['ditindaklanjuti', 'Catat tindak lanjut', ['jenis_sanksi', 'nomor_sk', 'tanggal_sk', 'pejabat']], ['tidak_ditindaklanjuti', 'Tidak ditindaklanjuti', ['alasan']]],
  ditindaklanjuti: [['selesai', 'Selesai', []]],
  tidak_ditindaklanjuti: [['selesai', 'Selesai', []]],
};
// Isian wajib dalam bentuk yang dikirim server asli (src/domain/case.c transitions_json).
const JENIS_MEDAN = { tanggal: 'tanggal', tanggal_sk: 'tanggal', katalog: 'daftar', penerima: 'kode', jenis_putusan: 'pilihan', jenis_sanksi: 'pilihan' };
const PILIHAN = {
  jenis_putusan: ['bukan_pelanggaran', 'pelanggaran_administrasi', 'kode_etik_penyelenggara', 'pidana', 'pelanggaran_perundangan_lain'],
  jenis_sanksi: ['pernyataan_tertutup', 'pernyataan_terbuka', 'teguran_lisan', 'teguran_tertulis', 'potong_tukin_6_bulan', 'sanksi_lain'],
};
const medan = (ke, n) => {
  if (ke === 'tidak_diregistrasi' && n === 'alasan') return { nama: n, label: 'alasan tidak diregistrasi', jenis: 'pilihan', pilihan: ['syarat_formal', 'syarat_materiel', 'kedaluwarsa'] };
  if (n === 'katalog') return { nama: n, label: 'butir katalog pelanggaran', jenis: 'daftar', jika: 'jenis_putusan', jika_nilai: ['pelanggaran_administrasi', 'pidana', 'pelanggaran_perundangan_lain'] };
  return { nama: n, label: n.replace(/_/g, ' '), jenis: JENIS_MEDAN[n] || 'teks', ...(PILIHAN[n] ? { pilihan: PILIHAN[n] } : {}) };
};
const kasus = new Map(); const perClient = new Map();
const sesi = new Map();
let urut = 0;
const ALFABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const kodeBaru = () => 'NTR-' + Array.from(crypto.randomBytes(12), (b) => ALFABET[b % ALFABET.length]).join('').replace(/(.{4})(?=.)/g, '$1-');

function kirim(res, st, obj, extra = {}) {
  res.writeHead(st, { 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify(obj));
}
const galat = (res, st, code, message, field) => kirim(res, st, { error: { code, message, field } });
function body(req) {
  return new Promise((r) => { const c = []; req.on('data', (d) => c.push(d)); req.on('end', () => r(Buffer.concat(c))); });
}
function pengguna(req) {
  const m = /sid=([a-f0-9]+)/.exec(req.headers.cookie || '');
  return m && sesi.get(m[1]);
}
function tenggat(k) {
  if (['selesai', 'tidak_diregistrasi'].includes(k.status)) return null;
  const due = new Date(Date.parse(k.diterima) + 2 * 86400000);
  const sisa = (due - Date.now()) / 3600000;
  return { jatuh_tempo: due.toISOString(), dasar: 'Perbawaslu 7/2022 Ps 15(1)', label: 'Kajian awal', sisa_jam: sisa, kelas: sisa < 0 ? 'terlambat' : sisa < 24 ? '24jam' : sisa < 72 ? '3hari' : 'aman' };
}
function validasi(b, pelaporWajib) {
  if (!b.terlapor || !b.terlapor.nama) return ['terlapor.nama', 'Nama terlapor wajib diisi.'];
  if (!b.peristiwa || (b.peristiwa.uraian || '').length < 20) return ['peristiwa.uraian', 'Uraian minimal 20 karakter.'];
  if (!wil.has(b.peristiwa.wilayah)) return ['peristiwa.wilayah', 'Kode wilayah tidak dikenal.'];
  if (pelaporWajib && !b.anonim && !/^\d{16}$/.test((b.pelapor || {}).nik || '')) return ['pelapor.nik', 'NIK harus 16 angka.'];
  return null;
}
function buat(b, jenis) {
  const k = { kode: kodeBaru(), jenis, status: 'diterima', rezim: b.rezim || 'pemilu', terlapor: b.terlapor, peristiwa: b.peristiwa, saksi: b.saksi || [], pelapor_data: b.pelapor, diterima: new Date().toISOString(), bukti: [], riwayat: [{ waktu: new Date().toISOString(), aktor: 'publik', dari: null, ke: 'diterima', catatan: '' }], putusan: null, rekomendasi: [] };
  k.peristiwa.wilayah_nama = (wil.get(b.peristiwa.wilayah) || {}).nama;
  kasus.set(k.kode, k); urut++;
  return k;
}
const ringkas = (k) => ({ kode: k.kode, jenis: k.jenis, status: k.status, status_label: STATUS[k.status], kategori: k.terlapor.kategori, terlapor_nama: k.terlapor.nama, instansi: k.terlapor.instansi, wilayah: k.peristiwa.wilayah, wilayah_nama: k.peristiwa.wilayah_nama, diterima: k.diterima, tenggat: tenggat(k) });
const detail = (k) => ({ ...ringkas(k), rezim: k.rezim, terlapor: k.terlapor, peristiwa: k.peristiwa, saksi: k.saksi, pelapor: { disegel: true }, bukti: k.bukti.map((b) => ({ id: b.id, sha256: b.sha256, jenis: b.jenis, ukuran: b.ukuran, url: `/api/v1/kasus/${k.kode}/bukti/${b.id}` })), riwayat: k.riwayat, transisi: (TRANSISI[k.status] || []).map(([ke, label, wajib]) => ({ ke, label, wajib: wajib.map((n) => medan(ke, n)) })), riwayat_terlapor: [...kasus.values()].filter((x) => x !== k && x.terlapor.nama === k.terlapor.nama).map((x) => ({ kode: x.kode, status_label: STATUS[x.status], diterima: x.diterima })), putusan: k.putusan, rekomendasi: k.rekomendasi });

const server = http.createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  const m = req.method;
  const user = pengguna(req);
  if (m !== 'GET' && user && p.startsWith('/api/') && !(p === '/api/v1/session' && m === 'POST') && req.headers['x-csrf-token'] !== user.csrf) return galat(res, 403, 'csrf', 'Token CSRF tidak valid.');
  const staf = () => { if (!user) { galat(res, 401, 'unauthorized', 'Anda perlu masuk.'); return false; } return true; };
  let mm;
  if (p === '/api/v1/health') return kirim(res, 200, { status: 'ok', version: 'mock', db: 'sqlite' });
  if (p === '/api/v1/session') {
    if (m === 'POST') {
      const b = JSON.parse(await body(req) || '{}');
      if (b.password !== 'Rahasia-123!') return galat(res, 401, 'login', 'Nama pengguna atau kata sandi salah.', 'password');
      const sid = crypto.randomBytes(16).toString('hex');
      const s = { csrf: crypto.randomBytes(16).toString('hex'), user: { username: b.username, role: 'bawaslu', wilayah: '35.76', wilayah_nama: 'Kota Mojokerto', must_change_password: false } };
      sesi.set(sid, s);
      return kirim(res, 200, s, { 'Set-Cookie': `sid=${sid}; HttpOnly; Path=/; SameSite=Strict` });
    }
    if (m === 'DELETE') return kirim(res, 200, {}, { 'Set-Cookie': 'sid=; Path=/; Max-Age=0' });
    return user ? kirim(res, 200, user) : galat(res, 401, 'unauthorized', 'Belum masuk.');
  }
  if ((mm = /^\/api\/v1\/wilayah\/([\d.]+)$/.exec(p))) { const w = wil.get(mm[1]); return w ? kirim(res, 200, w) : galat(res, 404, 'not_found', 'Wilayah tidak ditemukan.'); }
  if (p === '/api/v1/laporan' && m === 'POST') {
    const b = JSON.parse(await body(req));
    if (b.client_id && perClient.has(b.client_id)) { const k = kasus.get(perClient.get(b.client_id)); return kirim(res, 200, { kode: k.kode, tanda_terima: k.tt }); }
    const v = validasi(b, true); if (v) return galat(res, 422, 'invalid', v[1], v[0]);
    const k = buat(b, b.anonim ? 'informasi_awal' : 'laporan');
    k.tt = { kode: k.kode, diterima: k.diterima, sha256: crypto.createHash('sha256').update(JSON.stringify(b)).digest('hex'), tanda_tangan: crypto.randomBytes(64).toString('base64'), kunci_publik: 'mock' };
    if (b.client_id) perClient.set(b.client_id, k.kode);
    return kirim(res, 201, { kode: k.kode, tanda_terima: k.tt });
  }
  if ((mm = /^\/api\/v1\/laporan\/([^/]+)\/bukti$/.exec(p)) && m === 'POST') {
    const k = kasus.get(decodeURIComponent(mm[1])); if (!k) return galat(res, 404, 'not_found', 'Laporan tidak ditemukan.');
    const raw = await body(req);
    if (raw.length > 20 * 1024 * 1024) return galat(res, 413, 'too_large', 'Berkas melebihi 20 MB.', 'berkas');
    const ct = /Content-Type: ([^\r]+)/i.exec(raw.toString('latin1'));
    const start = raw.indexOf('\r\n\r\n') + 4; const end = raw.lastIndexOf('\r\n--');
    const data = raw.subarray(start, end);
    const jenis = data.subarray(0, 4).toString('hex') === '89504e47' ? 'image/png' : data.subarray(0, 4).toString() === '%PDF' ? 'application/pdf' : data[0] === 0xff && data[1] === 0xd8 ? 'image/jpeg' : null;
    if (!jenis) return galat(res, 415, 'unsupported', 'Jenis berkas tidak didukung.', 'berkas');
    const b = { id: k.bukti.length + 1, sha256: crypto.createHash('sha256').update(data).digest('hex'), jenis, ukuran: data.length, data };
    k.bukti.push(b); void ct;
    return kirim(res, 201, { sha256: b.sha256, jenis, ukuran: b.ukuran });
  }
  if (p === '/api/v1/tanda-terima/verifikasi') {
    const b = JSON.parse(await body(req) || '{}'); const k = kasus.get(b.kode);
    const sah = !!k && JSON.stringify(k.tt) === JSON.stringify(b);
    return kirim(res, 200, { sah, pesan: sah ? 'Tanda terima sah.' : 'Tanda terima tidak sah atau telah diubah.' });
  }
  if ((mm = /^\/api\/v1\/lacak\/([^/]+)$/.exec(p))) {
    const k = kasus.get(decodeURIComponent(mm[1]).toUpperCase()); if (!k) return galat(res, 404, 'not_found', 'Kode pelacakan tidak ditemukan. Periksa kembali penulisannya.', 'kode');
    return kirim(res, 200, { kode: k.kode, tahap: k.status, tahap_label: STATUS[k.status], diterima: k.diterima, riwayat: k.riwayat.map((r) => ({ tahap: r.ke, tahap_label: STATUS[r.ke], waktu: r.waktu })), tenggat: tenggat(k) });
  }
  if (p === '/api/v1/kasus' && staf()) {
    let it = [...kasus.values()];
    const q = (u.searchParams.get('q') || '').toLowerCase();
    if (q) it = it.filter((k) => (k.peristiwa.uraian + k.terlapor.nama + k.kode).toLowerCase().includes(q));
    for (const f of ['status']) if (u.searchParams.get(f)) it = it.filter((k) => k[f] === u.searchParams.get(f));
    if (u.searchParams.get('kategori')) it = it.filter((k) => k.terlapor.kategori === u.searchParams.get('kategori'));
    if (u.searchParams.get('wilayah')) it = it.filter((k) => k.peristiwa.wilayah.startsWith(u.searchParams.get('wilayah')));
    if (u.searchParams.get('terlambat') === '1') it = it.filter((k) => (tenggat(k) || {}).kelas === 'terlambat');
    return kirim(res, 200, { total: it.length, halaman: 1, items: it.map(ringkas) });
  }
  if (!p.startsWith('/api/v1/kasus') || staf()) {
    if ((mm = /^\/api\/v1\/kasus\/([^/]+)$/.exec(p))) { const k = kasus.get(decodeURIComponent(mm[1])); return k ? kirim(res, 200, detail(k)) : galat(res, 404, 'not_found', 'Kasus tidak ditemukan.'); }
    if ((mm = /^\/api\/v1\/kasus\/([^/]+)\/bukti\/(\d+)$/.exec(p))) { const k = kasus.get(decodeURIComponent(mm[1])); const b = k && k.bukti[Number(mm[2]) - 1]; if (!b) return galat(res, 404, 'not_found', 'Bukti tidak ditemukan.'); res.writeHead(200, { 'Content-Type': b.jenis }); return res.end(b.data); }
    if ((mm = /^\/api\/v1\/kasus\/([^/]+)\/transisi$/.exec(p))) {
      const k = kasus.get(decodeURIComponent(mm[1])); if (!k) return galat(res, 404, 'not_found', 'Kasus tidak ditemukan.');
      const b = JSON.parse(await body(req)); const t = (TRANSISI[k.status] || []).find((x) => x[0] === b.ke);
      if (!t) return galat(res, 409, 'conflict', `Dari ${STATUS[k.status]} hanya boleh ke: ${(TRANSISI[k.status] || []).map((x) => STATUS[x[0]]).join(', ')}.`, 'ke');
      for (const w of t[2]) if (b[w] === undefined || b[w] === '' || (Array.isArray(b[w]) && !b[w].length)) return galat(res, 422, 'missing', `Isian ${w} wajib diisi.`, w);
      k.riwayat.push({ waktu: new Date().toISOString(), aktor: user.user.username, dari: k.status, ke: b.ke, catatan: b.catatan || b.alasan || '' });
      k.status = b.ke;
      if (b.ke === 'putusan') k.putusan = { fakta: b.fakta, analisis: b.analisis, jenis_putusan: b.jenis_putusan, katalog: b.katalog };
      if (b.ke === 'diteruskan') k.rekomendasi.push({ penerima: b.penerima, nomor: b.nomor, tanggal: b.tanggal, status: 'menunggu' });
      return kirim(res, 200, detail(k));
    }
    if ((mm = /^\/api\/v1\/kasus\/([^/]+)\/identitas$/.exec(p))) {
      const k = kasus.get(decodeURIComponent(mm[1])); const b = JSON.parse(await body(req) || '{}');
      if (!b.alasan || b.alasan.length < 10) return galat(res, 422, 'missing', 'Alasan membuka identitas wajib diisi (minimal 10 karakter).', 'alasan');
      return kirim(res, 200, { pelapor: k.pelapor_data || null });
    }
  } else return;
  if (p === '/api/v1/katalog') return kirim(res, 200, [
    { kode: 'ETK-01', teks: 'Memasang spanduk/baliho/alat peraga lain terkait bakal calon', keluarga: 'etik', tingkat: 'sanksi moral', dasar: 'SKB 2022 huruf a; PP 42/2004' },
    { kode: 'ETK-05', teks: 'Mengunggah foto bersama calon dengan simbol jari/tangan sebagai bentuk keberpihakan', keluarga: 'etik', tingkat: 'sanksi moral', dasar: 'SKB 2022; PP 42/2004' },
    { kode: 'DSP-03', teks: 'Menggunakan fasilitas negara terkait jabatan dalam kegiatan kampanye', keluarga: 'disiplin', tingkat: 'berat', dasar: 'PP 94/2021 Ps 5 huruf n; Ps 8' }]);
  if (p === '/api/v1/otoritas') return kirim(res, 200, [{ kode: 'ppk', nama: 'PPK (Bupati/Wali kota via BKPSDM)' }, { kode: 'bkn', nama: 'Badan Kepegawaian Negara' }, { kode: 'ankum', nama: 'Ankum / Puspom TNI' }, { kode: 'propam', nama: 'Propam Polri' }, { kode: 'bupati', nama: 'Bupati/Wali kota (via camat)' }, { kode: 'gakkumdu', nama: 'Sentra Gakkumdu' }, { kode: 'dkpp', nama: 'DKPP' }]);
  if (p === '/api/v1/temuan' && m === 'POST' && staf()) { const b = JSON.parse(await body(req)); const v = validasi(b, false); if (v) return galat(res, 422, 'invalid', v[1], v[0]); const k = buat(b, 'temuan'); return kirim(res, 201, { kode: k.kode }); }
  if (p === '/api/v1/rekomendasi' && staf()) return kirim(res, 200, [...kasus.values()].flatMap((k) => k.rekomendasi.map((r) => ({ kode_kasus: k.kode, ...r, hari_kerja_berlalu: 16 }))).concat([{ kode_kasus: 'NTR-CONTOH', penerima: 'ppk', nomor: '001/PM.00.02/K.JI-35/01/2024', tanggal: '2024-01-15', hari_kerja_berlalu: 21, status: 'menunggu' }]));
  if (p === '/api/v1/rekap' && staf()) {
    const all = [...kasus.values()];
    const hit = (f) => { const c = {}; for (const k of all) { const v = f(k); c[v] = (c[v] || 0) + 1; } return c; };
    const kec = {}; for (const k of all) { const kc = k.peristiwa.wilayah.split('.').slice(0, 3).join('.'); kec[kc] = (kec[kc] || 0) + 1; }
    ['35.76.01', '35.16.05', '35.71.02', '35.14.13', '35.07.10', '35.78.01'].forEach((x, i) => { kec[x] = (kec[x] || 0) + 3 + i * 4; });
    return kirim(res, 200, {
      per_tahap: Object.entries(hit((k) => k.status)).map(([status, jumlah]) => ({ status, label: STATUS[status], jumlah })),
      per_kategori: Object.entries(hit((k) => k.terlapor.kategori)).map(([kategori, jumlah]) => ({ kategori, jumlah })),
      per_wilayah: [{ kode: '35.76', nama: 'Kota Mojokerto', jumlah: all.length + 7 }, { kode: '35.16', nama: 'Kabupaten Mojokerto', jumlah: 9 }, { kode: '35.71', nama: 'Kota Kediri', jumlah: 4 }],
      per_kecamatan: Object.entries(kec).map(([kode, jumlah]) => ({ kode, jumlah })),
      tindak_lanjut: { diteruskan: 240, ditindaklanjuti: 180, rasio: 0.75 },
      per_minggu: ['2024-W01', '2024-W02', '2024-W03', '2024-W04', '2024-W05', '2024-W06', '2024-W07'].map((minggu, i) => ({ minggu, jumlah: [3, 5, 2, 8, 12, 15, 6][i] })),
    });
  }
  if (p.startsWith('/api/v1/ekspor/')) { res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="kasus.csv"' }); return res.end('kode,status\n'); }
  if (p.startsWith('/api/')) return galat(res, 404, 'not_found', 'Tidak ditemukan.');
  // berkas statis
  let f = p === '/' ? '/index.html' : p;
  const file = f === '/data/kecamatan_jatim.geojson' ? path.join(ROOT, 'data/wilayah/kecamatan_jatim.geojson') : path.join(ROOT, 'web', path.normalize(f));
  if (!file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); return res.end('404'); }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' });
  fs.createReadStream(file).pipe(res);
});
server.listen(Number(port), host, () => console.log(`mock di http://${host}:${port}`));
