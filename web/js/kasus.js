// kasus.js — rincian kasus untuk petugas: linimasa, bukti (gambar/PDF/video/audio
// langsung di halaman), hanya transisi yang sah sebagai tombol dengan formulir isian
// wajibnya, pemilih katalog putusan, penerusan dengan otoritas bawaan, tindak lanjut
// sanksi, dialog buka segel identitas yang menuntut alasan, riwayat terlapor.
import { $, $$, h, replace, clear, params } from './dom.js';
import { get, post, ApiError } from './api.js';
import { mulaiStaf } from './staf.js';
import { lencanaTenggat } from './lencana.js';
import { STATUS, JENIS_KASUS, JENIS_PUTUSAN, JENIS_SANKSI, ALASAN_TIDAK_REGISTRASI, waktu, tanggal, ukuran, judulKategori } from './format.js';

const kode = params().get('kode') || '';
let kasus = null;
let sesiSaya = null;
let otoritas = null;
const katalogCache = {};

// Otoritas bawaan menurut kategori terlapor (DOMAIN.md). Dicocokkan dengan kode/nama dari /api/v1/otoritas.
const OTORITAS_BAWAAN = {
  asn: ['ppk', 'bkpsdm', 'bupati'], pppk: ['ppk', 'bkpsdm', 'bupati'], tni: ['ankum', 'puspom'], polri: ['propam'],
  kepala_desa: ['bupati', 'wali'], perangkat_desa: ['kepala_desa', 'kepala desa', 'bupati'], bpd: ['bupati'],
};
const OTORITAS_PUTUSAN = { pidana: ['gakkumdu'], kode_etik_penyelenggara: ['dkpp'] };

const LABEL_MEDAN = {
  alasan: 'Alasan', jenis_putusan: 'Jenis putusan', katalog: 'Perbuatan yang terbukti (katalog)', penerima: 'Penerima rekomendasi',
  nomor: 'Nomor surat', tanggal: 'Tanggal surat', jenis_sanksi: 'Jenis sanksi', nomor_sk: 'Nomor SK sanksi',
  tanggal_sk: 'Tanggal SK', pejabat: 'Pejabat yang menetapkan', catatan: 'Catatan', kekurangan: 'Kekurangan laporan',
  fakta: 'Kajian: fakta dan keterangan hasil klarifikasi', analisis: 'Kajian: analisis unsur pelanggaran dan dasar hukumnya',
};
// Label tiap nilai isian berjenis pilihan; nilai yang tidak dikenal tampil apa adanya.
const LABEL_PILIHAN = { alasan: ALASAN_TIDAK_REGISTRASI, jenis_putusan: JENIS_PUTUSAN, jenis_sanksi: JENIS_SANKSI };

// Isian wajib sebuah transisi dari server (src/domain/case.c transitions_json):
// {nama, label, jenis: teks|pilihan|tanggal|daftar|kode, pilihan?, jika?, jika_nilai?}.
// "jika": wajib hanya bila isian itu bernilai salah satu jika_nilai (katalog untuk pelanggaran).
function medanTransisi(t) {
  return (t.wajib || []).map((m) => (typeof m === 'string' ? { nama: m, label: m, jenis: 'teks' } : m));
}
function labelMedan(m) {
  const l = LABEL_MEDAN[m.nama] || m.label || m.nama;
  return l.charAt(0).toUpperCase() + l.slice(1);
}
function wajibSekarang(m, form) {
  return !m.jika || (m.jika_nilai || []).includes((form.elements[m.jika] || {}).value);
}

function dl(el, baris) {
  replace(el, baris.filter(Boolean).map(([k, v, cls]) => [h('dt', null, k), h('dd', { class: cls || '' }, v == null || v === '' ? '—' : v)]));
}

function gambar() {
  const k = kasus;
  document.title = `${k.kode} — Netral`;
  $('#judul').textContent = `${JENIS_KASUS[k.jenis] || 'Kasus'} ${k.kode}`;
  replace($('#sub'), h('span', { class: 'lencana status', id: 'status-kasus', 'data-status': k.status }, k.status_label || STATUS[k.status] || k.status),
    ' ', k.rezim === 'pilkada' ? 'Pilkada' : 'Pemilu', k.diterima ? ` · diterima ${waktu(k.diterima)}` : '');
  gambarSegel();

  const p = k.peristiwa || {};
  dl($('#peristiwa'), [
    ['Tanggal kejadian', tanggal(p.tanggal_kejadian)], ['Diketahui', tanggal(p.tanggal_diketahui)],
    ['Wilayah', p.wilayah_nama ? `${p.wilayah_nama} (${p.wilayah})` : p.wilayah], ['Tempat', p.lokasi],
    ['Uraian', p.uraian, 'uraian'],
  ]);
  const t = k.terlapor || {};
  dl($('#terlapor'), [
    ['Nama', t.nama], ['Kategori', judulKategori(t.kategori)], ['Instansi', t.instansi], ['Jabatan', t.jabatan],
    ['NIP', t.nip], ['Wilayah', t.wilayah_nama ? `${t.wilayah_nama} (${t.wilayah})` : t.wilayah],
  ]);
  const rt = k.riwayat_terlapor || [];
  replace($('#riwayat-terlapor'), rt.length
    ? h('ul', null, rt.map((x) => h('li', null, h('a', { href: '/kasus.html?kode=' + encodeURIComponent(x.kode) }, x.kode), ` — ${x.status_label || ''}, ${tanggal(x.diterima)}`)))
    : h('p', { class: 'bantuan' }, 'Tidak ada kasus lain untuk terlapor ini.'));

  replace($('#saksi'), (k.saksi || []).length
    ? h('ul', null, k.saksi.map((s) => h('li', null, h('strong', null, s.nama), s.keterangan ? ` — ${s.keterangan}` : '')))
    : h('p', { class: 'bantuan' }, 'Tidak ada saksi.'));

  gambarBukti();
  gambarPelapor();
  replace($('#tenggat'), k.tenggat
    ? [lencanaTenggat(k.tenggat), h('p', null, `${k.tenggat.label ? k.tenggat.label + ': ' : ''}jatuh tempo ${waktu(k.tenggat.jatuh_tempo)}`),
      h('p', { class: 'bantuan' }, 'Dasar hukum: ' + (k.tenggat.dasar || '—'))]
    : h('p', null, 'Tidak ada batas waktu yang berjalan.'));
  replace($('#riwayat'), (k.riwayat || []).map((r) => h('li', null,
    h('strong', null, STATUS[r.ke] || r.ke), r.dari ? ` (dari ${STATUS[r.dari] || r.dari})` : '',
    h('span', { class: 'kapan' }, `${waktu(r.waktu)}${r.aktor ? ' · ' + r.aktor : ''}`),
    r.catatan ? h('span', { class: 'uraian' }, r.catatan) : null)));
  gambarPutusan();
  gambarTransisi();
}

// Segel baris (src/domain/caseseal.h): server menandai kasus, bukti atau rekomendasi yang
// diubah langsung di basis data; tahapnya tidak dapat diubah sampai admin memeriksanya.
function gambarSegel() {
  const k = kasus;
  const w = $('#segel-rusak');
  w.hidden = !k.segel_rusak;
  if (!k.segel_rusak) return;
  const apa = [k.segel_kasus_rusak ? 'data' : null,
    (k.bukti || []).some((b) => b.segel_rusak) ? 'catatan bukti' : null,
    (k.rekomendasi || []).some((r) => r.segel_rusak) ? 'rekomendasi' : null].filter(Boolean).join(', ');
  replace(w, h('strong', null, 'Segel rusak: '),
    `${apa} kasus ini diubah langsung di basis data, di luar aplikasi. `,
    k.segel_kasus_rusak ? 'Tahapnya tidak dapat diubah ' : 'Bagian yang ditandai tidak dipakai ',
    'sampai admin memeriksa barisnya dan log audit, lalu menerimanya dengan ',
    h('code', null, `netral kasus segel --kode ${k.kode}`), '.');
}

const AKSES = { unggah: 'diunggah', lihat: 'dilihat', unduh: 'diunduh',
  lihat_bersih: 'dilihat tanpa metadata', unduh_bersih: 'diunduh tanpa metadata' };

function gambarBukti() {
  const w = $('#bukti');
  const b = kasus.bukti || [];
  if (!b.length) { replace(w, h('p', { class: 'bantuan' }, 'Tidak ada bukti.')); return; }
  replace(w, b.map((x, i) => {
    // Server boleh memberi MIME ("image/png") atau nama singkat ("PNG").
    const j = x.jenis || '';
    const jl = j.toLowerCase();
    const nama = `Bukti ${i + 1}`;
    let media;
    if (jl.startsWith('image/') || ['png', 'jpeg', 'jpg', 'webp'].includes(jl)) media = h('img', { src: x.url, alt: `${nama} (gambar)`, loading: 'lazy' });
    else if (jl === 'application/pdf' || jl === 'pdf') media = h('iframe', { src: x.url, title: `${nama} (PDF)`, loading: 'lazy' });
    else if (jl.startsWith('video/') || jl === 'mp4') media = h('video', { src: x.url, controls: true, preload: 'metadata' });
    else if (jl.startsWith('audio/') || ['mp3', 'm4a', 'ogg'].includes(jl)) media = h('audio', { src: x.url, controls: true, preload: 'metadata' });
    // Catatan penjagaan: setiap tampil di halaman ("lihat") dan unduhan ("unduh") oleh petugas.
    const akses = x.akses || [];
    const riwayat = akses.length ? h('details', { class: 'akses' }, h('summary', null, `Riwayat akses (${akses.length})`),
      h('ol', null, akses.map((a) => h('li', null, `${waktu(a.waktu)} · ${a.aktor} · ${AKSES[a.aksi] || a.aksi}`)))) : null;
    // Server menentukan per bukti: "bersih" = penampil ini selalu menerima salinan tanpa metadata
    // (pemda, BKN); "dapat_dibersihkan" = salinan itu dapat diminta untuk dibagikan.
    const bersih = x.bersih === true;
    const bisaBersih = x.dapat_dibersihkan === true;
    if (x.segel_rusak) {
      return h('figure', { class: 'segel-rusak' }, h('figcaption', null, h('strong', null, nama), ' · ',
        h('span', { class: 'lencana terlambat' }, 'segel rusak'), h('br'),
        'Catatan bukti ini diubah di luar aplikasi; berkasnya tidak disajikan.', riwayat));
    }
    return h('figure', null, media,
      h('figcaption', null, h('strong', null, nama), ` · ${j || 'berkas'} · ${ukuran(x.ukuran)} · `,
        h('a', { href: x.url + '?unduh=1', download: '' }, bersih ? 'Unduh (tanpa metadata)' : 'Unduh'),
        bisaBersih && !bersih ? [' · ', h('a', { href: x.url + '?unduh=1&bersih=1', download: '', class: 'unduh-bersih' }, 'Unduh tanpa metadata (untuk dibagikan)')] : null,
        h('br'), h('span', { class: 'mono' }, `SHA-256${bersih ? ' berkas asli' : ''} ` + (x.sha256 || '—')),
        bersih ? h('p', { class: 'bantuan' }, 'Lokasi, waktu, perangkat dan nama penulis berkas telah dihapus dari salinan ini untuk melindungi pelapor.') : null,
        riwayat));
  }));
}

function gambarPelapor() {
  const w = $('#pelapor');
  const p = kasus.pelapor;
  if (kasus.jenis === 'temuan') { replace(w, h('p', null, 'Temuan pengawas — tidak ada pelapor.')); return; }
  if (!p || (kasus.jenis === 'informasi_awal' && !p.disegel)) { replace(w, h('p', null, 'Pengirim anonim (informasi awal).')); return; }
  if (p.disegel) {
    const bisa = sesiSaya && sesiSaya.user && sesiSaya.user.role === 'bawaslu';
    replace(w, h('p', null, 'Identitas pelapor disegel.'),
      bisa ? h('button', { type: 'button', class: 'kedua', id: 'buka-segel', onclick: bukaDialogSegel }, 'Buka segel identitas…')
        : h('p', { class: 'bantuan' }, 'Hanya Bawaslu kabupaten/kota yang dapat membuka segel, dengan alasan tertulis.'));
    return;
  }
  tampilPelapor(p);
}

function tampilPelapor(p) {
  const d = h('dl', { class: 'data' });
  dl(d, [['Nama', p.nama], ['NIK', p.nik], ['Alamat', p.alamat], ['Telepon', p.telepon], ['Email', p.email]]);
  replace($('#pelapor'), h('p', { class: 'pesan', 'data-jenis': 'tunggu' }, 'Segel dibuka. Tindakan ini tercatat di log audit.'), d);
}

function bukaDialogSegel() {
  const d = $('#dialog-segel');
  $('#segel-alasan').value = '';
  $('#galat-segel').textContent = '';
  d.showModal();
  $('#segel-alasan').focus();
}

function gambarPutusan() {
  const sec = $('#bagian-putusan');
  const pu = kasus.putusan;
  const rek = kasus.rekomendasi || [];
  if (!pu && !rek.length) { sec.hidden = true; return; }
  sec.hidden = false;
  const isi = [];
  if (pu) {
    const d = h('dl', { class: 'data' });
    dl(d, [pu.fakta ? ['Fakta hasil klarifikasi', pu.fakta] : null, pu.analisis ? ['Analisis kajian', pu.analisis] : null,
      ['Jenis putusan', JENIS_PUTUSAN[pu.jenis_putusan] || pu.jenis_putusan],
      ['Katalog', Array.isArray(pu.katalog) ? pu.katalog.map((x) => (typeof x === 'string' ? x : `${x.kode} ${x.teks || ''}`)).join('; ') : pu.katalog],
      pu.tanggal ? ['Tanggal', tanggal(pu.tanggal)] : null, pu.catatan ? ['Catatan', pu.catatan] : null]);
    isi.push(d);
  }
  for (const r of rek) {
    const d = h('dl', { class: 'data' });
    dl(d, [['Rekomendasi ke', (otoritas && otoritas.find((o) => o.kode === r.penerima) || {}).nama || r.penerima],
      ['Nomor', r.nomor], ['Tanggal', tanggal(r.tanggal)], ['Status', r.status],
      r.jenis_sanksi ? ['Sanksi', JENIS_SANKSI[r.jenis_sanksi] || r.jenis_sanksi] : null, r.nomor_sk ? ['SK', `${r.nomor_sk} (${tanggal(r.tanggal_sk)})`] : null,
      r.pejabat ? ['Pejabat', r.pejabat] : null]);
    isi.push(h('h3', null, 'Rekomendasi'), d);
  }
  replace($('#putusan'), isi);
}

function gambarTransisi() {
  const w = $('#transisi');
  clear($('#form-transisi-wadah'));
  const tr = kasus.transisi || [];
  if (!tr.length) { replace(w, h('p', { class: 'bantuan' }, 'Tidak ada tindakan yang tersedia untuk peran Anda pada tahap ini.')); return; }
  replace(w, tr.map((t) => h('button', { type: 'button', 'data-ke': t.ke, class: t.ke.startsWith('tidak_') ? 'kedua' : '',
    'aria-controls': 'form-transisi-wadah', onclick: (ev) => bukaForm(t, ev.currentTarget) }, t.label || STATUS[t.ke] || t.ke)));
}

// ---------- formulir transisi ----------
async function otoritasDaftar() {
  if (!otoritas) { try { otoritas = await get('/api/v1/otoritas'); } catch { otoritas = []; } }
  return otoritas;
}
function cocokOtoritas(daftar, kunci) {
  for (const kata of kunci || []) {
    const o = daftar.find((x) => `${x.kode} ${x.nama}`.toLowerCase().includes(kata));
    if (o) return o.kode;
  }
  return '';
}

function medanId(n) { return `tr-${n}`; }

function medanTeks(nama, label, opsi = {}) {
  const id = medanId(nama);
  const input = opsi.area ? h('textarea', { id, name: nama, rows: 3, 'aria-describedby': 'galat-tr-' + nama })
    : h('input', { id, name: nama, type: opsi.type || 'text', 'aria-describedby': 'galat-tr-' + nama, list: opsi.list || false });
  return h('div', { class: 'medan' }, h('label', { for: id }, label + (opsi.wajib ? '' : ' (boleh dikosongkan)')), input,
    h('span', { class: 'galat', id: 'galat-tr-' + nama }));
}
function medanPilih(nama, label, pilihan, nilai = '') {
  const id = medanId(nama);
  return h('div', { class: 'medan' }, h('label', { for: id }, label),
    h('select', { id, name: nama, 'aria-describedby': 'galat-tr-' + nama },
      h('option', { value: '' }, '— Pilih —'), pilihan.map(([k, v]) => h('option', { value: k, selected: k === nilai }, v))),
    h('span', { class: 'galat', id: 'galat-tr-' + nama }));
}

async function pemilihKatalog(m) {
  const kat = (kasus.terlapor || {}).kategori || '';
  if (!katalogCache[kat]) {
    try { katalogCache[kat] = await get('/api/v1/katalog' + (kat ? '?kategori=' + encodeURIComponent(kat) : '')); } catch { katalogCache[kat] = []; }
  }
  const daftar = katalogCache[kat];
  const wadah = h('div', { class: 'katalog-daftar', id: 'katalog-daftar' });
  const gambarDaftar = (saring) => {
    const dipilih = new Set($$('input[name="katalog"]:checked', wadah).map((x) => x.value));
    clear(wadah);
    const s = saring.toLowerCase();
    const kel = {};
    for (const it of daftar) {
      if (s && !`${it.kode} ${it.teks} ${it.dasar}`.toLowerCase().includes(s) && !dipilih.has(it.kode)) continue;
      (kel[it.keluarga] = kel[it.keluarga] || []).push(it);
    }
    for (const [k, arr] of Object.entries(kel)) {
      wadah.append(h('p', { class: 'label' }, k === 'etik' ? 'Kode etik / perilaku → sanksi moral' : k === 'disiplin' ? 'Disiplin → hukuman disiplin' : k));
      for (const it of arr) {
        wadah.append(h('label', { class: 'pilih' }, h('input', { type: 'checkbox', name: 'katalog', value: it.kode, checked: dipilih.has(it.kode) }),
          h('span', null, h('strong', null, `${it.kode} — ${it.teks}`), h('small', null, `Tingkat: ${it.tingkat || '—'} · Dasar: ${it.dasar || '—'}`))));
      }
    }
    if (!wadah.children.length) wadah.append(h('p', { class: 'bantuan' }, daftar.length ? 'Tidak ada yang cocok.' : 'Katalog belum tersedia.'));
  };
  gambarDaftar('');
  const cari = h('input', { type: 'search', id: 'katalog-cari', 'aria-controls': 'katalog-daftar', oninput: (e) => gambarDaftar(e.target.value) });
  const syarat = m.jika ? `Wajib bila putusannya: ${(m.jika_nilai || []).map((v) => (JENIS_PUTUSAN[v] || v).toLowerCase()).join('; ')}.` : '';
  return h('fieldset', { class: 'medan', id: medanId('katalog'), 'aria-describedby': 'galat-tr-katalog' },
    h('legend', { class: 'label' }, LABEL_MEDAN.katalog),
    syarat ? h('p', { class: 'bantuan' }, syarat) : null,
    h('label', { for: 'katalog-cari', class: 'bantuan' }, `Saring katalog untuk ${judulKategori(kat)}`), cari, wadah,
    h('span', { class: 'galat', id: 'galat-tr-katalog' }));
}

async function bukaForm(t, tombol) {
  const medan = medanTransisi(t);
  const isi = [];
  for (const m of medan) {
    const label = t.ke === 'tidak_diregistrasi' && m.nama === 'alasan' ? 'Alasan tidak diregistrasi' : labelMedan(m);
    if (m.jenis === 'pilihan') {
      const nama = LABEL_PILIHAN[m.nama] || {};
      const opsi = (m.pilihan || []).map((v) => [v, nama[v] || v]);
      const bawaan = opsi.length === 1 ? opsi[0][0] : m.nama === 'jenis_putusan' ? ((kasus.putusan || {}).jenis_putusan || '') : '';
      isi.push(medanPilih(m.nama, label, opsi, bawaan));
    } else if (m.jenis === 'daftar' && m.nama === 'katalog') isi.push(await pemilihKatalog(m));
    else if (m.nama === 'penerima') {
      const o = await otoritasDaftar();
      const pu = kasus.putusan || {};
      const bawaan = cocokOtoritas(o, OTORITAS_PUTUSAN[pu.jenis_putusan]) || cocokOtoritas(o, OTORITAS_BAWAAN[(kasus.terlapor || {}).kategori]);
      isi.push(medanPilih('penerima', label, o.map((x) => [x.kode, x.nama]), bawaan));
    } else if (m.jenis === 'tanggal') isi.push(medanTeks(m.nama, label, { type: 'date', wajib: true }));
    else isi.push(medanTeks(m.nama, label, { wajib: true, area: ['alasan', 'kekurangan', 'catatan', 'fakta', 'analisis'].includes(m.nama) }));
  }
  if (!medan.some((m) => m.nama === 'catatan')) isi.push(medanTeks('catatan', 'Catatan', { area: true }));
  const galatUmum = h('p', { class: 'pesan', 'data-jenis': 'galat', role: 'alert', hidden: true });
  const judul = h('h3', { tabindex: -1 }, t.label || STATUS[t.ke] || t.ke);
  const form = h('form', { class: 'transisi kartu', novalidate: true, 'data-ke': t.ke }, judul,
    h('p', { class: 'bantuan' }, `Tahap berikutnya: ${STATUS[t.ke] || t.ke}.`), galatUmum, isi,
    h('div', { class: 'aksi' },
      h('button', { type: 'button', class: 'kedua', onclick: () => { clear($('#form-transisi-wadah')); tombol.focus(); } }, 'Batal'),
      h('button', { type: 'submit' }, 'Simpan')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); kirimTransisi(t, form, galatUmum); });
  replace($('#form-transisi-wadah'), form);
  judul.focus();
}

async function kirimTransisi(t, form, galatUmum) {
  $$('.galat', form).forEach((e) => { e.textContent = ''; });
  $$('[aria-invalid]', form).forEach((e) => e.removeAttribute('aria-invalid'));
  galatUmum.hidden = true;
  const body = { ke: t.ke };
  const kosong = [];
  const medan = medanTransisi(t);
  for (const m of medan) {
    if (m.jenis === 'daftar') {
      const v = $$(`input[name="${m.nama}"]:checked`, form).map((x) => x.value);
      if (v.length) body[m.nama] = v;
      else if (wajibSekarang(m, form)) kosong.push([m.nama, 'Pilih paling tidak satu butir katalog.']);
    } else {
      const v = (form.elements[m.nama].value || '').trim();
      if (v) body[m.nama] = v;
      else if (wajibSekarang(m, form)) kosong.push([m.nama, `${labelMedan(m)} wajib diisi.`]);
    }
  }
  if (!medan.some((m) => m.nama === 'catatan') && form.elements.catatan.value.trim()) body.catatan = form.elements.catatan.value.trim();
  const tandai = (n, m) => {
    const g = $('#galat-tr-' + n, form);
    if (g) g.textContent = m; else { galatUmum.textContent = m; galatUmum.hidden = false; }
    const el = $('#' + medanId(n), form);
    if (el) el.setAttribute('aria-invalid', 'true');
    return el;
  };
  if (kosong.length) {
    kosong.forEach(([n, m]) => tandai(n, m));
    const el = $('#' + medanId(kosong[0][0]), form);
    (el && el.tagName === 'FIELDSET' ? $('input', el) : el).focus();
    return;
  }
  const tombol = $('button[type="submit"]', form);
  tombol.disabled = true;
  try {
    kasus = await post(`/api/v1/kasus/${encodeURIComponent(kode)}/transisi`, body);
    gambar();
    const p = $('#pesan');
    p.dataset.jenis = 'sukses';
    p.textContent = `Tahap kasus sekarang: ${kasus.status_label || STATUS[kasus.status] || kasus.status}.`;
    p.hidden = false;
    $('#judul').focus();
  } catch (e) {
    tombol.disabled = false;
    if (e instanceof ApiError && e.field && e.field !== 'ke' && $('#' + medanId(e.field), form)) {
      const el = tandai(e.field, e.message);
      (el.tagName === 'FIELDSET' ? $('input', el) : el).focus();
    } else {
      galatUmum.textContent = e.message;
      galatUmum.hidden = false;
      galatUmum.focus();
    }
  }
}

// ---------- segel ----------
$('#segel-batal').addEventListener('click', () => { $('#dialog-segel').close(); const b = $('#buka-segel'); if (b) b.focus(); });
$('#form-segel').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const alasan = $('#segel-alasan').value.trim();
  const g = $('#galat-segel');
  if (alasan.length < 10) {
    g.textContent = 'Tuliskan alasan yang jelas (paling sedikit 10 huruf).';
    $('#segel-alasan').setAttribute('aria-invalid', 'true');
    $('#segel-alasan').focus();
    return;
  }
  try {
    const r = await post(`/api/v1/kasus/${encodeURIComponent(kode)}/identitas`, { alasan });
    $('#dialog-segel').close();
    tampilPelapor(r.pelapor || {});
  } catch (e) {
    g.textContent = e.message;
    $('#segel-alasan').focus();
  }
});
$('#cetak').addEventListener('click', () => window.print());

// ---------- mulai ----------
sesiSaya = await mulaiStaf('meja');
try {
  if (!kode) throw new ApiError(404, 'not_found', 'Kode kasus tidak diberikan.');
  kasus = await get('/api/v1/kasus/' + encodeURIComponent(kode));
  $('#muat').hidden = true;
  $('#kasus').hidden = false;
  gambar();
} catch (e) {
  const m = $('#muat');
  m.dataset.jenis = 'galat';
  m.textContent = e.status === 404 ? 'Kasus tidak ditemukan atau di luar wilayah Anda.' : e.message;
}
