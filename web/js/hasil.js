// hasil.js — kode pelacakan, unduh tanda terima, periksa keasliannya.
import { $, h, replace, params, status } from './dom.js';
import { post } from './api.js';
import { ambilTandaTerima } from './antrian.js';
import { pasangInfoAntrian, pasangHapusJejak } from './publik.js';
import { waktu } from './format.js';

const kode = params().get('kode') || '';
const tt = kode ? ambilTandaTerima(kode) : null;
pasangInfoAntrian();
pasangHapusJejak();

$('#kode').textContent = kode || 'Kode tidak ditemukan';
$('#lacak').href = '/lacak.html?kode=' + encodeURIComponent(kode);

const bukti = Number(params().get('bukti') || 0);
const tertunda = Number(params().get('tertunda') || 0);
if (bukti || tertunda) {
  $('#bukti-info').textContent = `${bukti} berkas bukti terkirim.` + (tertunda ? ` ${tertunda} berkas menunggu koneksi dan akan diunggah otomatis.` : '');
}

if (tt) {
  const baris = [['Kode', tt.kode], ['Diterima', waktu(tt.diterima || tt.waktu)], ['SHA-256 isi laporan', tt.sha256 || tt.hash]];
  replace($('#tt-data'), baris.filter(([, v]) => v).map(([k, v]) => [h('dt', null, k), h('dd', { class: k.startsWith('SHA') ? 'mono' : '' }, v)]));
} else {
  $('#tt-kosong').hidden = false;
  $('#unduh').hidden = true;
  $('#verifikasi').hidden = true;
}

$('#salin').addEventListener('click', async () => {
  const st = $('#salin-status');
  try {
    await navigator.clipboard.writeText(kode);
    st.textContent = 'Kode disalin.';
  } catch {
    // Cadangan untuk peramban/konteks tanpa Clipboard API: pilih teksnya.
    const r = document.createRange();
    r.selectNodeContents($('#kode'));
    const s = getSelection(); s.removeAllRanges(); s.addRange(r);
    st.textContent = 'Kode sudah dipilih; tekan lama lalu pilih Salin.';
  }
});

$('#unduh').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(tt, null, 2)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `tanda-terima-${kode}.json` });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

async function periksa(obj) {
  const el = $('#verifikasi-hasil');
  status(el, 'Memeriksa…', 'info');
  try {
    const r = await post('/api/v1/tanda-terima/verifikasi', obj);
    status(el, r.pesan || (r.sah ? 'Tanda terima sah.' : 'Tanda terima TIDAK sah.'), r.sah ? 'sukses' : 'galat');
  } catch (e) {
    status(el, e.message, 'galat');
  }
}
$('#verifikasi').addEventListener('click', () => periksa(tt));
$('#tt-berkas').addEventListener('change', async (ev) => {
  const f = ev.target.files[0];
  if (!f) return;
  try { periksa(JSON.parse(await f.text())); } catch { status($('#verifikasi-hasil'), 'Berkas ini bukan tanda terima Netral (bukan JSON).', 'galat'); }
});
$('#judul').focus();
