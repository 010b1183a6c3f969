// masuk.js — login petugas. Setelah berhasil, kembali ke ?lanjut= (hanya jalur lokal).
import { $, params, status } from './dom.js';
import { post, sesi, setCsrf } from './api.js';

const form = $('#form-masuk');
function tujuan() {
  const l = params().get('lanjut') || '';
  return l.startsWith('/') && !l.startsWith('//') ? l : '/meja.html';
}

sesi().then((s) => { if (s && !s.user.must_change_password) location.replace(tujuan()); }).catch(() => {});

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const g = $('#masuk-galat');
  status(g, '');
  for (const id of ['username', 'password']) { $('#galat-' + id).textContent = ''; $('#' + id).removeAttribute('aria-invalid'); }
  const username = $('#username').value.trim();
  const password = $('#password').value;
  const kosong = [];
  if (!username) kosong.push(['username', 'Nama pengguna wajib diisi.']);
  if (!password) kosong.push(['password', 'Kata sandi wajib diisi.']);
  if (kosong.length) {
    for (const [id, m] of kosong) { $('#galat-' + id).textContent = m; $('#' + id).setAttribute('aria-invalid', 'true'); }
    $('#' + kosong[0][0]).focus();
    return;
  }
  $('#tombol-masuk').disabled = true;
  try {
    const r = await post('/api/v1/session', { username, password });
    setCsrf(r.csrf);
    if (r.user && r.user.must_change_password) {
      sessionStorage.setItem('netral.ganti_sandi', '1');
    }
    location.assign(tujuan());
  } catch (e) {
    $('#tombol-masuk').disabled = false;
    status(g, e.message, 'galat');
    $('#password').value = '';
    $('#password').focus();
  }
});
