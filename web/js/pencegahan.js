// pencegahan.js — pakta integritas (catat + daftar), kegiatan pencegahan (catat + daftar)
// dan cakupan pakta per OPD/kecamatan/desa. Galat medan dari server
// ({"error":{"field":"penandatangan.0.nip",…}}) tampil di samping medan itu.
// Dokumen pakta dan lampiran kegiatan diunggah sesudah datanya tersimpan
// (POST /api/v1/pakta/{id}/dokumen, /api/v1/kegiatan/{id}/lampiran); daftar
// menampilkan tautan unduh dan sidik SHA-256. Penandatangan dapat dicari di
// daftar pegawai (GET /api/v1/pegawai) atau dibawa dari halaman pegawai.html.
import { $, h, replace, clear, status, bersihkanGalat } from './dom.js';
import { get, post, unggah, ApiError } from './api.js';
import { mulaiStaf } from './staf.js';
import { pemilihWilayah } from './wilayah.js';
import { tanggal, waktu, angka } from './format.js';

const JENIS = {
  sosialisasi: 'Sosialisasi',
  imbauan: 'Imbauan',
  surat_edaran: 'Surat edaran',
  xbanner: 'Pemasangan X-banner di OPD',
  mou: 'Nota kesepahaman (MoU) Panwaslu Kecamatan–kecamatan',
  bimtek: 'Bimbingan teknis (BIMTEK) PKD',
  rapat_pemetaan: 'Rapat pemetaan kerawanan',
};
const PERAN_TULIS = ['pkd', 'panwascam', 'bawaslu', 'admin'];
const TERIMA = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const KUNCI_PILIHAN = 'netral.penandatangan'; // pilihan dari pegawai.html (sessionStorage; kunci sama di pegawai.js)
const hariIni = () => new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);

// ---------- galat medan ----------

// Tempatkan pesan galat di samping medan yang disebut server; kembalikan true bila ketemu.
function tandaiGalat(form, prefix, field, pesan) {
  if (!field) return false;
  let input = form.querySelector(`[data-medan="${CSS.escape(field)}"]`);
  let galat = input ? document.getElementById(input.id + '-galat') : null;
  if (!input && (field === 'wilayah' || field.startsWith('wilayah'))) {
    galat = $(`#${prefix}-wilayah-galat`);
    input = form.querySelector(`#${prefix}-wilayah-pilih-0`);
  } else if (!input && field.startsWith('penandatangan')) {
    galat = $(`#${prefix}-penandatangan-galat`);
    input = form.querySelector('#penandatangan input');
  }
  if (!galat) return false;
  galat.textContent = pesan;
  if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
  return true;
}

async function kirim(form, prefix, path, body, sukses) {
  bersihkanGalat(form);
  const st = $(`#${prefix}-status`);
  status(st, 'Menyimpan…', 'tunggu');
  const tombol = form.querySelector('button[type="submit"]');
  tombol.disabled = true;
  try {
    const r = await post(path, body);
    status(st, sukses(r), 'sukses');
    return r;
  } catch (e) {
    const ditandai = e instanceof ApiError && tandaiGalat(form, prefix, e.field, e.message);
    status(st, ditandai ? 'Periksa isian yang ditandai: ' + e.message : e.message, 'galat');
    return null;
  } finally {
    tombol.disabled = false;
  }
}

// ---------- penandatangan ----------
let nomorTtd = 0;
function barisTtd() {
  const ul = $('#penandatangan');
  const n = nomorTtd++;
  const medan = (nama, label, attrs = {}) => {
    const id = `ttd-${n}-${nama}`;
    return h('div', { class: 'medan' }, h('label', { for: id }, label),
      h('input', { id, type: 'text', 'data-ttd': nama, 'aria-describedby': id + '-galat', ...attrs }),
      h('span', { class: 'galat', id: id + '-galat' }));
  };
  const li = h('li', null,
    medan('nip', 'NIP', { inputmode: 'numeric', maxlength: 24, autocomplete: 'off' }),
    medan('nama', 'Nama', { maxlength: 200 }),
    medan('jabatan', 'Jabatan', { maxlength: 200 }),
    h('button', { type: 'button', class: 'kedua', onclick: () => {
      if (ul.children.length > 1) { li.remove(); nomoriUlang(); }
    } }, 'Hapus'));
  ul.append(li);
  nomoriUlang();
  return li;
}

// data-medan mengikuti urutan baris (penandatangan.N.nip) seperti yang dikirim ke server.
function nomoriUlang() {
  [...$('#penandatangan').children].forEach((li, i) => {
    for (const inp of li.querySelectorAll('input[data-ttd]')) inp.dataset.medan = `penandatangan.${i}.${inp.dataset.ttd}`;
  });
}

function bacaTtd() {
  const out = [];
  for (const li of $('#penandatangan').children) {
    const v = (k) => li.querySelector(`input[data-ttd="${k}"]`).value.trim();
    const o = {};
    if (v('nip')) o.nip = v('nip');
    if (v('nama')) o.nama = v('nama');
    if (v('jabatan')) o.jabatan = v('jabatan');
    out.push(o);
  }
  // Baris kosong di akhir tidak dikirim, kecuali bila semuanya kosong (server menolak dengan pesannya).
  while (out.length > 1 && !Object.keys(out[out.length - 1]).length) out.pop();
  return out;
}

// ---------- berkas: dokumen pakta, lampiran kegiatan ----------
const MEDAN_BERKAS = { pakta: 'dokumen', kegiatan: 'lampiran' };
const ukuran = (n) => (n >= 1048576
  ? `${(n / 1048576).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`
  : `${Math.max(1, Math.round((n || 0) / 1024))} KB`);
const pathBerkas = (jenis, id) => `/api/v1/${jenis}/${encodeURIComponent(id)}/${MEDAN_BERKAS[jenis]}`;

// Hasil unggah: tautan unduh dan sidik SHA-256 lengkap (untuk dicocokkan dengan salinan kertas).
function tampilBerkas(wadah, b) {
  replace(wadah, h('p', { class: 'pesan', 'data-jenis': 'sukses' },
    `${b.jenis || 'Berkas'} terunggah: `, h('a', { href: b.url, download: b.nama || '' }, b.nama || 'unduh'),
    ` (${ukuran(b.ukuran)}).`,
    h('span', { class: 'bantuan' }, 'Sidik SHA-256:'),
    h('code', { class: 'mono', 'data-sha256': b.sha256 }, b.sha256)));
}

// Unggah berkas untuk data yang baru tersimpan. Galat tampil di samping medan berkas.
async function unggahUntuk(form, prefix, jenis, id, file) {
  const medan = MEDAN_BERKAS[jenis];
  const wadah = $(`#${prefix}-berkas`);
  replace(wadah, h('p', { class: 'bantuan', role: 'status' }, `Mengunggah ${file.name}…`));
  try {
    const r = await unggah(pathBerkas(jenis, id), file, (a, t) => {
      const p = wadah.querySelector('p');
      if (p && t) p.textContent = `Mengunggah ${file.name}… ${Math.round((a / t) * 100)}%`;
    }, file.name, medan);
    tampilBerkas(wadah, r[medan]);
    form.elements[medan].value = '';
    return r[medan];
  } catch (e) {
    clear(wadah);
    tandaiGalat(form, prefix, (e instanceof ApiError && e.field) || medan, e.message);
    return null;
  }
}

// Sel "Dokumen"/"Lampiran" di daftar: tautan unduh + awal sidik, atau tombol unggah
// bagi peran yang boleh mencatat (misalnya bila unggahan pertama gagal).
function selBerkas(b, jenis, id) {
  const isi = [];
  if (b && b.url) {
    isi.push(h('a', { href: b.url, download: b.nama || '', 'data-unduh': jenis }, `Unduh ${b.jenis || 'berkas'}`),
      h('span', { class: 'bantuan mono', title: 'SHA-256 ' + b.sha256 }, `SHA-256 ${b.sha256.slice(0, 12)}…`));
  } else if (b && b.sha256) {
    isi.push(h('span', { class: 'bantuan mono', title: 'SHA-256 ' + b.sha256 }, `Hanya sidik ${b.sha256.slice(0, 12)}…`));
  }
  if (boleh && !(b && b.url)) isi.push(unggahDiBaris(jenis, id));
  return isi.length ? isi : '—';
}

function unggahDiBaris(jenis, id) {
  const medan = MEDAN_BERKAS[jenis];
  const iid = `unggah-${jenis}-${id}`;
  const galat = h('span', { class: 'galat', id: iid + '-galat' });
  const input = h('input', { type: 'file', id: iid, accept: TERIMA, 'aria-describedby': iid + '-galat' });
  input.addEventListener('change', async () => {
    const f = input.files[0];
    if (!f) return;
    input.disabled = true;
    galat.textContent = '';
    input.removeAttribute('aria-invalid');
    try {
      await unggah(pathBerkas(jenis, id), f, null, f.name, medan);
      await (jenis === 'pakta' ? muatPakta() : muatKegiatan());
    } catch (e) {
      galat.textContent = e.message;
      input.setAttribute('aria-invalid', 'true');
      input.disabled = false;
    }
  });
  return h('div', { class: 'unggah-baris' },
    h('label', { for: iid, class: 'bantuan' }, jenis === 'pakta' ? 'Unggah dokumen' : 'Unggah lampiran'), input, galat);
}

// ---------- cari penandatangan di daftar pegawai ----------
function isiTtd(p) {
  const kosong = (li) => !li.querySelector('input[data-ttd="nip"]').value.trim() && !li.querySelector('input[data-ttd="nama"]').value.trim();
  const li = [...$('#penandatangan').children].find(kosong) || barisTtd();
  li.querySelector('input[data-ttd="nip"]').value = p.nip || '';
  li.querySelector('input[data-ttd="nama"]').value = p.nama || '';
  li.querySelector('input[data-ttd="jabatan"]').value = p.jabatan || '';
  return li;
}

async function cariTtd() {
  const q = $('#cari-ttd-q').value.trim();
  const st = $('#cari-ttd-status');
  const ul = $('#cari-ttd-hasil');
  if (!q) { st.textContent = 'Ketik nama atau awal NIP.'; clear(ul); return; }
  st.textContent = 'Mencari…';
  try {
    const r = await get('/api/v1/pegawai?' + new URLSearchParams({ q, limit: '10' }));
    const items = r.pegawai || [];
    st.textContent = !items.length ? 'Tidak ada pegawai yang cocok di wilayah Anda.'
      : `${angka(r.total)} pegawai cocok${r.total > items.length ? `; ${items.length} teratas ditampilkan, perjelas kata kuncinya` : ''}.`;
    replace(ul, items.map((p) => h('li', { 'data-nip': p.nip },
      h('span', null, h('strong', null, p.nama), ` · NIP ${p.nip}`,
        h('span', { class: 'bantuan' }, [p.jabatan, p.opd || p.instansi, p.wilayah_nama].filter(Boolean).join(' · '))),
      h('button', { type: 'button', class: 'kedua', onclick: () => {
        isiTtd(p);
        st.textContent = `${p.nama} ditambahkan sebagai penandatangan.`;
      } }, 'Pilih'))));
  } catch (e) {
    st.textContent = e.message;
    clear(ul);
  }
}

// Penandatangan yang dipilih di pegawai.html.
function ambilPilihan() {
  let daftar = [];
  try { daftar = JSON.parse(sessionStorage.getItem(KUNCI_PILIHAN) || '[]'); } catch { daftar = []; }
  try { sessionStorage.removeItem(KUNCI_PILIHAN); } catch { /* abaikan */ }
  for (const p of daftar) isiTtd(p);
  if (daftar.length) $('#cari-ttd-status').textContent = `${daftar.length} penandatangan dari daftar pegawai sudah diisikan.`;
}

// ---------- daftar ----------
const wilayahOpd = (x) => [x.wilayah_nama || x.wilayah || '—', x.opd ? h('span', { class: 'bantuan' }, x.opd) : null];

async function muatPakta() {
  const r = await get('/api/v1/pakta');
  const items = r.pakta || [];
  replace($('#baris-pakta'), items.map((x) => h('tr', { 'data-id': x.id },
    h('td', { 'data-label': 'Tanggal' }, tanggal(x.tanggal)),
    h('td', { 'data-label': 'Tempat' }, x.tempat),
    h('td', { 'data-label': 'Wilayah / OPD' }, wilayahOpd(x)),
    h('td', { 'data-label': 'Penandatangan', class: 'angka' }, `${angka(x.penandatangan)} (${angka(x.terdaftar)} terdaftar)`),
    h('td', { 'data-label': 'Versi' }, x.versi_butir),
    h('td', { 'data-label': 'Dokumen' }, selBerkas(x.dokumen, 'pakta', x.id)),
    h('td', { 'data-label': 'Dicatat oleh' }, x.dibuat_oleh, h('span', { class: 'bantuan' }, waktu(x.dibuat))))));
  $('#tabel-pakta').hidden = !items.length;
  $('#pakta-kosong').hidden = !!items.length;
}

async function muatKegiatan() {
  const r = await get('/api/v1/kegiatan');
  const items = r.kegiatan || [];
  replace($('#baris-kegiatan'), items.map((x) => h('tr', { 'data-id': x.id, 'data-jenis': x.jenis },
    h('td', { 'data-label': 'Tanggal' }, tanggal(x.tanggal)),
    h('td', { 'data-label': 'Jenis' }, JENIS[x.jenis] || x.jenis, x.nomor ? h('span', { class: 'bantuan' }, 'Nomor ' + x.nomor) : null),
    h('td', { 'data-label': 'Judul' }, x.judul, x.keterangan ? h('span', { class: 'bantuan' }, x.keterangan) : null),
    h('td', { 'data-label': 'Wilayah / OPD' }, wilayahOpd(x)),
    h('td', { 'data-label': 'Peserta', class: 'angka' }, angka(x.peserta)),
    h('td', { 'data-label': 'Lampiran' }, selBerkas(x.lampiran, 'kegiatan', x.id)),
    h('td', { 'data-label': 'Dicatat oleh' }, x.dibuat_oleh))));
  $('#tabel-kegiatan').hidden = !items.length;
  $('#kegiatan-kosong').hidden = !!items.length;
}

const persen = (p) => (p === null || p === undefined ? '—' : `${Number(p).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`);

async function muatCakupan() {
  const f = $('#form-cakupan');
  const q = new URLSearchParams({ tingkat: f.elements.tingkat.value });
  const w = f.elements.wilayah.value.trim();
  if (w) q.set('wilayah', w);
  const ringkas = $('#cakupan-ringkas');
  try {
    const r = await get('/api/v1/pakta/cakupan?' + q);
    const unit = r.unit || [];
    replace($('#baris-cakupan'), unit.map((u) => h('tr', { 'data-kode': u.kode },
      h('td', { 'data-label': 'Unit' }, u.nama, h('span', { class: 'bantuan' }, f.elements.tingkat.value === 'opd' ? u.wilayah : u.kode)),
      h('td', { 'data-label': 'Pegawai terdaftar', class: 'angka' }, angka(u.pegawai)),
      h('td', { 'data-label': 'Sudah ikrar', class: 'angka' }, angka(u.sudah_ikrar)),
      h('td', { 'data-label': 'Cakupan', class: 'angka' }, persen(u.cakupan_persen)))));
    $('#tabel-cakupan').hidden = !unit.length;
    replace(ringkas,
      h('span', { class: 'lencana status', id: 'cakupan-total' }, `Cakupan ${persen(r.cakupan_persen)}`),
      ` ${angka(r.sudah_ikrar)} dari ${angka(r.pegawai)} pegawai terdaftar di ${r.wilayah || 'semua wilayah'} sudah ikrar`,
      unit.length ? '' : ' — belum ada unit pada tingkat ini.');
  } catch (e) {
    $('#tabel-cakupan').hidden = true;
    replace(ringkas, h('span', { class: 'galat' }, e.message));
  }
}

// OPD: dari cakupan tingkat opd (kode = id OPD).
async function muatOpd() {
  let unit = [];
  try { unit = (await get('/api/v1/pakta/cakupan?tingkat=opd')).unit || []; } catch { unit = []; }
  for (const sel of [$('#pakta-opd'), $('#kegiatan-opd')]) {
    for (const u of unit) sel.append(h('option', { value: u.kode }, `${u.nama} — ${u.wilayah}`));
  }
  return unit.length;
}

// ---------- mulai ----------
let boleh = false; // peran boleh mencatat (dan mengunggah)
const s = await mulaiStaf('pencegahan');
const peran = (s.user && s.user.role) || '';
const wilayahAwal = (s.user && s.user.role !== 'admin' && s.user.wilayah) || '';

for (const [k, v] of Object.entries(JENIS)) $('#kegiatan-jenis').append(h('option', { value: k }, v));
const jenisBerubah = () => {
  const j = $('#kegiatan-jenis').value;
  $('#medan-nomor').hidden = j !== 'surat_edaran';
  $('#kegiatan-opd-label').textContent = j === 'xbanner' ? 'OPD tempat X-banner dipasang' : 'OPD (boleh dikosongkan)';
};
$('#kegiatan-jenis').addEventListener('change', jenisBerubah);
jenisBerubah();

const pwPakta = pemilihWilayah($('#pakta-wilayah-wadah'), { nama: 'wilayah', id: 'pakta-wilayah-pilih', kedalaman: 'desa', wajibSampai: 'kabkota' });
const pwKeg = pemilihWilayah($('#kegiatan-wilayah-wadah'), { nama: 'wilayah', id: 'kegiatan-wilayah-pilih', kedalaman: 'desa', wajibSampai: 'kabkota' });
$('#pakta-tanggal').value = hariIni();
$('#pakta-tanggal').max = hariIni();
$('#kegiatan-tanggal').value = hariIni();
$('#kegiatan-tanggal').max = hariIni();
barisTtd();
$('#tambah-ttd').addEventListener('click', () => { barisTtd().querySelector('input').focus(); });

boleh = PERAN_TULIS.includes(peran);
if (!boleh) {
  for (const f of [$('#form-pakta'), $('#form-kegiatan')]) {
    f.replaceWith(h('p', { class: 'bantuan' }, 'Peran Anda hanya dapat melihat data pencegahan.'));
  }
}

$('#form-pakta')?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.currentTarget;
  const body = {
    tanggal: f.elements.tanggal.value,
    tempat: f.elements.tempat.value.trim(),
    wilayah: pwPakta.input.value,
    penandatangan: bacaTtd(),
  };
  if (f.elements.opd_id.value) body.opd_id = Number(f.elements.opd_id.value);
  if (f.elements.versi_butir.value.trim()) body.versi_butir = f.elements.versi_butir.value.trim();
  if (f.elements.keterangan.value.trim()) body.keterangan = f.elements.keterangan.value.trim();
  const dok = f.elements.dokumen.files[0];
  clear($('#pakta-berkas'));
  const r = await kirim(f, 'pakta', '/api/v1/pakta', body,
    (x) => `Pakta tersimpan: ${angka(x.penandatangan)} penandatangan (${angka(x.terdaftar)} terdaftar di daftar pegawai), butir versi ${x.versi_butir}.`);
  if (!r) return;
  if (dok && !(await unggahUntuk(f, 'pakta', 'pakta', r.id, dok))) {
    status($('#pakta-status'), 'Pakta tersimpan, tetapi dokumennya belum terunggah. Pilih berkas lain di daftar pakta di bawah.', 'galat');
  }
  f.elements.tempat.value = '';
  f.elements.keterangan.value = '';
  clear($('#penandatangan'));
  nomorTtd = 0;
  barisTtd();
  await Promise.all([muatPakta(), muatCakupan()]).catch(() => {});
});

$('#form-kegiatan')?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.currentTarget;
  const body = {
    jenis: f.elements.jenis.value,
    judul: f.elements.judul.value.trim(),
    tanggal: f.elements.tanggal.value,
    wilayah: pwKeg.input.value,
  };
  if (body.jenis === 'surat_edaran' || f.elements.nomor.value.trim()) body.nomor = f.elements.nomor.value.trim();
  if (f.elements.opd_id.value) body.opd_id = Number(f.elements.opd_id.value);
  const p = f.elements.peserta.value.trim();
  if (p !== '') body.peserta = Number(p);
  if (f.elements.keterangan.value.trim()) body.keterangan = f.elements.keterangan.value.trim();
  const lamp = f.elements.lampiran.files[0];
  clear($('#kegiatan-berkas'));
  const r = await kirim(f, 'kegiatan', '/api/v1/kegiatan', body, (x) => `Kegiatan tersimpan: ${x.label || JENIS[x.jenis] || x.jenis}, ${tanggal(x.tanggal)}.`);
  if (!r) return;
  if (lamp && !(await unggahUntuk(f, 'kegiatan', 'kegiatan', r.id, lamp))) {
    status($('#kegiatan-status'), 'Kegiatan tersimpan, tetapi lampirannya belum terunggah. Pilih berkas lain di daftar kegiatan di bawah.', 'galat');
  }
  for (const n of ['judul', 'nomor', 'peserta', 'keterangan']) f.elements[n].value = '';
  await muatKegiatan().catch(() => {});
});

$('#cari-ttd-tombol')?.addEventListener('click', cariTtd);
$('#cari-ttd-q')?.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); cariTtd(); } });
if (boleh) ambilPilihan();

$('#form-cakupan').addEventListener('submit', (ev) => { ev.preventDefault(); muatCakupan(); });
$('#form-cakupan').elements.wilayah.value = wilayahAwal;

const m = $('#muat');
try {
  await Promise.all([muatPakta(), muatKegiatan(), muatCakupan(), muatOpd(), pwPakta.setel(wilayahAwal), pwKeg.setel(wilayahAwal)]);
  m.hidden = true;
  document.body.dataset.siap = '1';
} catch (e) {
  m.dataset.jenis = 'galat';
  m.textContent = e.message;
}
