// masuk.js — login petugas. Setelah berhasil, kembali ke ?lanjut= (hanya jalur lokal).
// Akun dengan kata sandi awal (must_change_password) wajib menggantinya dulu
// lewat POST /api/v1/session/sandi {password_lama, password_baru}.
import { $, params, status } from './dom.js';
import { post, sesi, setCsrf } from './api.js';

const form = $('#form-masuk');
const formSandi = $('#form-sandi');
let sandiLama = '';

function tujuan() {
  const l = params().get('lanjut') || '';
  return l.startsWith('/') && !l.startsWith('//') ? l : '/meja.html';
}

function tampilGantiSandi() {
  form.hidden = true;
  formSandi.hidden = false;
  $('#sandi-judul').focus();
}

sesi().then((s) => {
  if (!s) return;
  if (s.user.must_change_password) tampilGantiSandi();
  else location.replace(tujuan());
}).catch(() => {});

function tandai(id, m) {
  $('#galat-' + id).textContent = m;
  $('#' + id).setAttribute('aria-invalid', 'true');
}
function bersihkan(ids) {
  for (const id of ids) { $('#galat-' + id).textContent = ''; $('#' + id).removeAttribute('aria-invalid'); }
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const g = $('#masuk-galat');
  status(g, '');
  bersihkan(['username', 'password']);
  const username = $('#username').value.trim();
  const password = $('#password').value;
  const kosong = [];
  if (!username) kosong.push(['username', 'Nama pengguna wajib diisi.']);
  if (!password) kosong.push(['password', 'Kata sandi wajib diisi.']);
  if (kosong.length) {
    for (const [id, m] of kosong) tandai(id, m);
    $('#' + kosong[0][0]).focus();
    return;
  }
  $('#tombol-masuk').disabled = true;
  try {
    const r = await post('/api/v1/session', { username, password });
    setCsrf(r.csrf);
    if (r.user && r.user.must_change_password) {
      sandiLama = password;
      $('#tombol-masuk').disabled = false;
      tampilGantiSandi();
      return;
    }
    location.assign(tujuan());
  } catch (e) {
    $('#tombol-masuk').disabled = false;
    if (e.field === 'username' || e.field === 'password') tandai(e.field, e.message);
    status(g, e.message, 'galat');
    $('#password').value = '';
    $('#password').focus();
  }
});

formSandi.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const g = $('#sandi-galat');
  status(g, '');
  bersihkan(['sandi-lama', 'sandi-baru', 'sandi-ulang']);
  const lama = $('#sandi-lama').value || sandiLama;
  const baru = $('#sandi-baru').value;
  if (!lama) { tandai('sandi-lama', 'Kata sandi lama wajib diisi.'); $('#sandi-lama').focus(); return; }
  if (baru.length < 10) { tandai('sandi-baru', 'Kata sandi baru minimal 10 karakter.'); $('#sandi-baru').focus(); return; }
  if (baru !== $('#sandi-ulang').value) { tandai('sandi-ulang', 'Ulangan kata sandi tidak sama.'); $('#sandi-ulang').focus(); return; }
  try {
    await post('/api/v1/session/sandi', { password_lama: lama, password_baru: baru });
    location.assign(tujuan());
  } catch (e) {
    const peta = { password_lama: 'sandi-lama', password_baru: 'sandi-baru' };
    if (peta[e.field]) { tandai(peta[e.field], e.message); $('#' + peta[e.field]).focus(); }
    status(g, e.message, 'galat');
  }
});
