// beranda.js — halaman publik selain formulir: kirim antrean yang tertunda.
import { pasangInfoAntrian } from './publik.js';
pasangInfoAntrian();
