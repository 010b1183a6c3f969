// api.js — satu pintu ke /api/v1.
// Token CSRF dipulihkan dari GET /api/v1/session dan dikirim sebagai
// X-CSRF-Token pada setiap POST/PUT/PATCH/DELETE. Galat server berbentuk
// {"error":{"code","message","field"}} menjadi ApiError; kegagalan jaringan
// menjadi NetworkError supaya pemanggil bisa mengantrekan laporan.

let csrf = null;

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || 'Terjadi kesalahan.');
    this.status = status;
    this.code = code || '';
    this.field = field || '';
  }
}

export class NetworkError extends Error {
  constructor() { super('Tidak ada koneksi ke server. Periksa jaringan Anda.'); }
}

export function setCsrf(token) { csrf = token || null; }
export function getCsrf() { return csrf; }

const PESAN_STATUS = {
  400: 'Permintaan tidak valid.',
  401: 'Anda perlu masuk terlebih dahulu.',
  403: 'Anda tidak berwenang untuk tindakan ini.',
  404: 'Data tidak ditemukan.',
  409: 'Tindakan ini tidak dapat dilakukan pada tahap sekarang.',
  413: 'Berkas terlalu besar.',
  415: 'Jenis berkas tidak didukung.',
  422: 'Data belum lengkap atau tidak valid.',
  429: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
  500: 'Terjadi kesalahan pada server. Coba lagi nanti.',
};

export function pesanStatus(status) {
  return PESAN_STATUS[status] || `Terjadi kesalahan (HTTP ${status}).`;
}

async function galatDari(res) {
  let body = null;
  try { body = await res.json(); } catch { /* bukan JSON */ }
  const e = body && body.error;
  return new ApiError(res.status, e && e.code, (e && e.message) || pesanStatus(res.status), e && e.field);
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const opt = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    opt.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(path, opt);
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) throw await galatDari(res);
  if (res.status === 204) return null;
  const teks = await res.text();
  const data = teks ? JSON.parse(teks) : null;
  // Status HTTP ikut dikembalikan bila pemanggil memerlukannya (200 vs 201).
  if (data && typeof data === 'object') Object.defineProperty(data, '_status', { value: res.status });
  return data;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);
export const put = (p, b) => api('PUT', p, b === undefined ? {} : b);
export const del = (p) => api('DELETE', p);

// Sesi: null bila belum masuk.
export async function sesi() {
  try {
    const s = await get('/api/v1/session');
    setCsrf(s.csrf);
    return s;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return null;
    throw e;
  }
}

// Unggah satu berkas (medan formulir `medan`, bawaan "berkas") dengan kemajuan lewat
// XMLHttpRequest. onprogress(terkirim, total). Resolve dengan JSON; reject ApiError/NetworkError.
export function unggah(path, file, onprogress, nama, medan = 'berkas') {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (ev) => { if (onprogress) onprogress(ev.loaded, ev.lengthComputable ? ev.total : file.size); };
    xhr.onerror = () => reject(new NetworkError());
    xhr.ontimeout = () => reject(new NetworkError());
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* kosong */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      const e = body && body.error;
      reject(new ApiError(xhr.status, e && e.code, (e && e.message) || pesanStatus(xhr.status), e && e.field));
    };
    const fd = new FormData();
    fd.append(medan, file, nama || file.name || 'bukti');
    xhr.send(fd);
  });
}
