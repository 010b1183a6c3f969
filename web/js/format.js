// format.js — label dan format tampilan dalam Bahasa Indonesia.

export const KATEGORI = {
  asn: 'ASN (PNS)',
  pppk: 'PPPK',
  tni: 'Anggota TNI',
  polri: 'Anggota Polri',
  kepala_desa: 'Kepala desa / lurah',
  perangkat_desa: 'Perangkat desa',
  bpd: 'Anggota BPD',
  lainnya: 'Lainnya',
};

export const JENIS_KASUS = {
  laporan: 'Laporan',
  temuan: 'Temuan',
  informasi_awal: 'Informasi awal',
};

export const STATUS = {
  diterima: 'Diterima',
  kajian_awal: 'Kajian awal',
  perlu_dilengkapi: 'Perlu dilengkapi',
  tidak_diregistrasi: 'Tidak diregistrasi',
  diregistrasi: 'Diregistrasi',
  klarifikasi: 'Klarifikasi',
  kajian: 'Kajian',
  putusan: 'Putusan',
  diteruskan: 'Diteruskan',
  ditindaklanjuti: 'Ditindaklanjuti',
  tidak_ditindaklanjuti: 'Tidak ditindaklanjuti',
  selesai: 'Selesai',
};

export const JENIS_PUTUSAN = {
  bukan_pelanggaran: 'Bukan pelanggaran',
  pelanggaran_administrasi: 'Pelanggaran administrasi',
  kode_etik_penyelenggara: 'Pelanggaran kode etik penyelenggara (ke DKPP)',
  pidana: 'Dugaan tindak pidana pemilihan (ke Gakkumdu)',
  pelanggaran_perundangan_lain: 'Pelanggaran peraturan perundang-undangan lainnya (netralitas)',
};

export const ALASAN_TIDAK_REGISTRASI = {
  syarat_formal: 'Tidak memenuhi syarat formal',
  syarat_materiel: 'Tidak memenuhi syarat materiel',
  kedaluwarsa: 'Melewati batas waktu pelaporan (kedaluwarsa)',
};

export const PERAN = {
  pkd: 'Pengawas Kelurahan/Desa',
  panwascam: 'Panwaslu Kecamatan',
  bawaslu: 'Bawaslu Kabupaten/Kota',
  pemda: 'Pemerintah Daerah',
  bkn: 'BKN',
  admin: 'Administrator',
};

const TZ = 'Asia/Jakarta';

export function tanggal(s) {
  if (!s) return '—';
  const d = new Date(s.length === 10 ? s + 'T00:00:00+07:00' : s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
}

export function waktu(s) {
  if (!s) return '—';
  if (s.length === 10) return tanggal(s);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleString('id-ID', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ }) + ' WIB';
}

export function ukuran(n) {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function angka(n) {
  return Number(n || 0).toLocaleString('id-ID');
}

// Sisa waktu tenggat dalam jam (negatif = lewat). Dihitung ulang dari
// jatuh_tempo supaya hitung mundur tetap benar bila halaman dibiarkan terbuka.
export function sisaJam(tenggat, now = Date.now()) {
  if (!tenggat) return null;
  if (tenggat.jatuh_tempo) {
    const s = tenggat.jatuh_tempo;
    const t = Date.parse(s.length === 10 ? s + 'T23:59:59+07:00' : s);
    if (!Number.isNaN(t)) return (t - now) / 3600000;
  }
  return typeof tenggat.sisa_jam === 'number' ? tenggat.sisa_jam : null;
}

export function kelasTenggat(tenggat, now) {
  const j = sisaJam(tenggat, now);
  if (j === null) return tenggat && tenggat.kelas ? tenggat.kelas : 'tidak_ada';
  if (j < 0) return 'terlambat';
  if (j <= 24) return '24jam';
  if (j <= 72) return '3hari';
  return 'aman';
}

export function teksSisa(tenggat, now) {
  const j = sisaJam(tenggat, now);
  if (j === null) return 'Tanpa tenggat';
  const abs = Math.abs(j);
  let t;
  if (abs < 1) t = `${Math.max(1, Math.round(abs * 60))} menit`;
  else if (abs < 48) t = `${Math.round(abs)} jam`;
  else t = `${Math.floor(abs / 24)} hari`;
  return j < 0 ? `Terlambat ${t}` : `Sisa ${t}`;
}

export function judulKategori(k) { return KATEGORI[k] || k || '—'; }
