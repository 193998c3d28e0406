"""Write the PDF and DOCX circulars of the sample corpus from the documents kept below as data.

Five fictional Surat Edaran, rendered in the shapes Warta meets in the wild:

* three PDFs with a text layer (one of them three pages long, with a running header, an
  electronic-signature footer and "Halaman n dari m" page numbers),
* one image-only PDF: the page drawn as a 200 dpi bitmap, slightly skewed and speckled, with no
  text layer, so that the reader has to OCR it,
* one .docx draft (paragraphs, a heading, numbered points and a table).

Every institution is real; every official, number and date is invented. The output is
deterministic (fixed creation dates, seeded noise, fixed zip timestamps), so running the script
again leaves the committed files unchanged.

Needs ``fpdf2`` (text PDFs), Pillow (the scan) and python-docx (the draft) at script time only:

    .venv/bin/pip install "fpdf2>=2.8,<3"
    .venv/bin/python scripts/make_corpus_docs.py            # writes into corpus/
    .venv/bin/python scripts/make_corpus_docs.py --out /tmp/c
"""
from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence, Union

if TYPE_CHECKING:
    from PIL import Image

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FIXED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)
SCAN_DPI = 200
SCAN_SEED = 20250602
SCAN_FONT_SCALE = 0.88  # DejaVu Serif runs wider than Times; this keeps the scan on one page

# --------------------------------------------------------------------------- the documents

# A list entry is a string, or (text, [sub-entries]); top-level entries are numbered "1.", "2.",
# sub-entries "a.", "b.", and their sub-entries "1)", "2)"; a Para among sub-entries is an indented
# paragraph without a label. A body is a sequence of paragraphs (strings) and lists (Python lists).


class Para(str):
    """An unlabelled paragraph inside a list, indented to the list's text."""


Entry = Union[str, tuple]
Body = Sequence[Union[str, list]]

BANYUMAS_DBD = {
    "file": "se-bupati-banyumas-dbd.pdf",
    "render": "pdf",
    "layout": "title",
    "letterhead": ["BUPATI BANYUMAS", "PROVINSI JAWA TENGAH"],
    "address": ["Jalan Kabupaten Nomor 1 Purwokerto, Kode Pos 53114",
                "Telepon (0281) 632548, Laman www.banyumaskab.go.id"],
    "title": ["SURAT EDARAN", "NOMOR 400.7.4/93/SE/I/2026", "TENTANG",
              "KEWASPADAAN DAN PENGENDALIAN DEMAM BERDARAH DENGUE", "PADA MUSIM PENGHUJAN TAHUN 2026"],
    "set_verb": "Dikeluarkan",
    "set_place": "Purwokerto",
    "set_date": "8 Januari 2026",
    "addressees": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Banyumas;",
                   "Camat se-Kabupaten Banyumas;",
                   "Kepala Desa dan Lurah se-Kabupaten Banyumas;",
                   "Kepala Puskesmas se-Kabupaten Banyumas;",
                   "Pimpinan Rumah Sakit Pemerintah dan Swasta di Kabupaten Banyumas."],
    "addressee_place": "di Tempat",
    "body": [
        "Dasar:",
        ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
         "diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
         "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang;",
         "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan;",
         "Peraturan Pemerintah Nomor 28 Tahun 2024 tentang Peraturan Pelaksanaan Undang-Undang Nomor 17 "
         "Tahun 2023 tentang Kesehatan;",
         "Peraturan Menteri Kesehatan Nomor 2 Tahun 2023 tentang Peraturan Pelaksanaan Peraturan Pemerintah "
         "Nomor 66 Tahun 2014 tentang Kesehatan Lingkungan;",
         "Peraturan Bupati Banyumas Nomor 41 Tahun 2023 tentang Gerakan Satu Rumah Satu Juru Pemantau "
         "Jentik."],
        "Memperhatikan meningkatnya curah hujan dan jumlah kasus Demam Berdarah Dengue (DBD) di Kabupaten "
        "Banyumas pada akhir Tahun 2025, dengan ini diminta kepada Saudara untuk melaksanakan hal-hal "
        "sebagai berikut:",
        ["Menggerakkan Pemberantasan Sarang Nyamuk (PSN) dengan 3M Plus, yaitu menguras, menutup, dan "
         "mendaur ulang barang bekas, serentak setiap hari Jumat di lingkungan kantor, sekolah, tempat "
         "ibadah, dan permukiman.",
         "Mengaktifkan juru pemantau jentik (jumantik) di setiap rumah dan melaporkan angka bebas jentik "
         "melalui Puskesmas setiap minggu.",
         ("Kepala Puskesmas agar:",
          ["melakukan penyelidikan epidemiologi paling lambat 1 x 24 jam setelah menerima laporan kasus;",
           "melaksanakan pengasapan (fogging) fokus hanya berdasarkan hasil penyelidikan epidemiologi; dan",
           "menyampaikan laporan mingguan kasus DBD kepada Dinas Kesehatan Kabupaten Banyumas."]),
         "Pimpinan rumah sakit agar menyiapkan ruang perawatan dan persediaan cairan infus serta "
         "melaporkan setiap kasus DBD kepada Dinas Kesehatan paling lambat 1 x 24 jam.",
         "Camat, Kepala Desa, dan Lurah agar mengoordinasikan kerja bakti lingkungan bersama Tim "
         "Penggerak PKK dan kader kesehatan.",
         "Biaya pelaksanaan kegiatan dibebankan pada anggaran masing-masing perangkat daerah dan desa "
         "sesuai dengan ketentuan peraturan perundang-undangan."],
        "Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.",
    ],
    "signature": {"lines": ["BUPATI BANYUMAS,"], "name": "GALIH PRAMUDYA WIRATMAJA", "extra": []},
    "tembusan": ["Gubernur Jawa Tengah di Semarang;", "Ketua DPRD Kabupaten Banyumas;",
                 "Kepala Dinas Kesehatan Provinsi Jawa Tengah."],
}

KEMENDES_DANA_DESA = {
    "file": "se-mendes-dana-desa-ketahanan-pangan.pdf",
    "render": "pdf",
    "layout": "title",
    "letterhead": ["MENTERI DESA DAN PEMBANGUNAN DAERAH TERTINGGAL", "REPUBLIK INDONESIA"],
    "address": ["Jalan TMP Kalibata Nomor 17, Jakarta Selatan 12750",
                "Telepon (021) 79172244, Laman www.kemendesa.go.id"],
    "addressees": ["Gubernur;", "Bupati/Wali Kota;", "Kepala Desa;"],
    "addressee_place": "di seluruh Indonesia",
    "title": ["SURAT EDARAN", "MENTERI DESA DAN PEMBANGUNAN DAERAH TERTINGGAL", "REPUBLIK INDONESIA",
              "NOMOR 4 TAHUN 2026", "TENTANG",
              "PENGGUNAAN DANA DESA UNTUK KETAHANAN PANGAN DAN PENANGANAN",
              "KERAWANAN PANGAN TAHUN ANGGARAN 2026"],
    "running_header": "SE Mendes PDT Nomor 4 Tahun 2026 tentang Dana Desa untuk Ketahanan Pangan",
    "running_footer": ["Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik",
                       "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN."],
    "page_label": "Halaman {page} dari {pages}",
    "body": [
        [("Latar Belakang",
          [Para("Dana Desa Tahun Anggaran 2026 diarahkan untuk mendukung program prioritas nasional, antara "
                "lain penanganan kemiskinan ekstrem, penurunan prevalensi stunting, dan penguatan ketahanan "
                "pangan di desa. Paling sedikit 20% (dua puluh persen) dari pagu Dana Desa setiap desa "
                "dialokasikan untuk program ketahanan pangan yang dikelola secara swakelola oleh desa atau "
                "melalui Badan Usaha Milik Desa (BUM Desa) dan BUM Desa Bersama. Pelaksanaan di lapangan "
                "menunjukkan bahwa sebagian desa belum menetapkan jenis komoditas unggulan, belum menyusun "
                "rencana usaha yang layak, dan belum menyampaikan laporan realisasi tepat waktu, sehingga "
                "diperlukan pedoman yang seragam bagi pemerintah daerah dan pemerintah desa.")]),
         ("Maksud dan Tujuan",
          ["Surat Edaran ini dimaksudkan sebagai pedoman bagi gubernur, bupati/wali kota, dan kepala desa "
           "dalam merencanakan, melaksanakan, dan melaporkan penggunaan Dana Desa untuk ketahanan pangan.",
           "Surat Edaran ini bertujuan agar penggunaan Dana Desa untuk ketahanan pangan tepat sasaran, "
           "akuntabel, dan memberikan nilai tambah bagi perekonomian desa."]),
         ("Ruang Lingkup",
          [Para("Ruang lingkup Surat Edaran ini meliputi perencanaan, pelaksanaan, penatausahaan, pelaporan, "
                "serta pembinaan dan pengawasan penggunaan Dana Desa untuk ketahanan pangan Tahun Anggaran "
                "2026.")]),
         ("Dasar",
          ["Undang-Undang Nomor 6 Tahun 2014 tentang Desa sebagaimana telah beberapa kali diubah, terakhir "
           "dengan Undang-Undang Nomor 3 Tahun 2024 tentang Perubahan Kedua atas Undang-Undang Nomor 6 Tahun "
           "2014 tentang Desa;",
           "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 "
           "Tahun 2014 tentang Desa sebagaimana telah beberapa kali diubah, terakhir dengan Peraturan "
           "Pemerintah Nomor 11 Tahun 2019 tentang Perubahan Kedua atas Peraturan Pemerintah Nomor 43 "
           "Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 Tahun 2014 tentang Desa;",
           "Peraturan Pemerintah Nomor 60 Tahun 2014 tentang Dana Desa yang Bersumber dari Anggaran "
           "Pendapatan dan Belanja Negara;",
           "Peraturan Presiden Nomor 173 Tahun 2024 tentang Kementerian Desa dan Pembangunan Daerah "
           "Tertinggal;",
           "Peraturan Menteri Keuangan Nomor 108 Tahun 2024 tentang Pengalokasian Dana Desa Setiap Desa, "
           "Penggunaan, dan Penyaluran Dana Desa Tahun Anggaran 2025;",
           "Peraturan Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi Nomor 2 Tahun 2024 "
           "tentang Petunjuk Operasional atas Fokus Penggunaan Dana Desa Tahun 2025;",
           "Keputusan Menteri Desa dan Pembangunan Daerah Tertinggal Nomor 3 Tahun 2025 tentang Panduan "
           "Penggunaan Dana Desa untuk Ketahanan Pangan dalam Mendukung Swasembada Pangan."]),
         ("Isi Edaran",
          [("Gubernur agar:",
            ["melakukan pembinaan dan pengawasan atas penggunaan Dana Desa untuk ketahanan pangan melalui "
             "perangkat daerah yang membidangi pemberdayaan masyarakat dan desa;",
             "memfasilitasi kerja sama antardesa dan kemitraan BUM Desa dengan Badan Usaha Milik Daerah "
             "di bidang pangan; dan",
             "menyampaikan laporan pembinaan kepada Menteri setiap semester."]),
           ("Bupati/Wali Kota agar:",
            ["menetapkan peraturan bupati/wali kota mengenai tata cara pembagian dan penetapan rincian "
             "Dana Desa setiap desa yang memuat alokasi untuk ketahanan pangan paling sedikit 20% (dua "
             "puluh persen);",
             "memastikan camat melakukan evaluasi rancangan Peraturan Desa tentang Anggaran Pendapatan dan "
             "Belanja Desa dengan memperhatikan alokasi ketahanan pangan;",
             "menugaskan tenaga pendamping profesional untuk mendampingi desa dalam menyusun rencana usaha "
             "ketahanan pangan; dan",
             "menyalurkan Dana Desa tahap pertama setelah desa menyampaikan dokumen rencana kegiatan "
             "ketahanan pangan yang telah disepakati dalam musyawarah desa."]),
           ("Kepala Desa agar:",
            ["menetapkan komoditas unggulan desa melalui musyawarah desa dengan memperhatikan potensi "
             "lahan, air, dan pasar;",
             "melaksanakan kegiatan ketahanan pangan secara swakelola atau menyertakan modal kepada BUM "
             "Desa atau BUM Desa Bersama yang telah berbadan hukum;",
             "memprioritaskan tenaga kerja dan bahan baku lokal melalui pola padat karya tunai desa;",
             "mengumumkan rencana dan realisasi penggunaan Dana Desa untuk ketahanan pangan pada papan "
             "informasi desa dan Sistem Informasi Desa; dan",
             "menyampaikan laporan realisasi kepada bupati/wali kota melalui camat paling lambat tanggal "
             "15 Juli 2026 untuk semester pertama dan tanggal 15 Januari 2027 untuk semester kedua."]),
           "Penyertaan modal desa kepada BUM Desa untuk ketahanan pangan dituangkan dalam Peraturan Desa dan "
           "dicatat sebagai kekayaan desa yang dipisahkan.",
           "Dana Desa untuk ketahanan pangan tidak boleh digunakan untuk pembayaran honorarium perangkat desa, "
           "perjalanan dinas, atau pembelian kendaraan dinas.",
           "Pelanggaran atas ketentuan dalam Surat Edaran ini dapat dikenai sanksi berupa penundaan penyaluran "
           "Dana Desa tahap berikutnya sesuai dengan ketentuan peraturan perundang-undangan."]),
         ("Penutup",
          [Para("Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung jawab.")])],
    ],
    "set_place": "Jakarta",
    "set_date": "12 Januari 2026",
    "signature": {"lines": ["MENTERI DESA DAN PEMBANGUNAN", "DAERAH TERTINGGAL", "REPUBLIK INDONESIA,"],
                  "name": "BAGAS KUNCORO ADIWIJAYA", "extra": []},
    "tembusan": ["Presiden Republik Indonesia;", "Wakil Presiden Republik Indonesia;",
                 "Menteri Koordinator Bidang Pangan;", "Menteri Dalam Negeri;", "Menteri Keuangan."],
}

JATENG_SPMB = {
    "file": "se-kadisdikbud-jateng-spmb-2025.pdf",
    "render": "pdf",
    "layout": "letter",
    "letterhead": ["PEMERINTAH PROVINSI JAWA TENGAH", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
    "address": ["Jalan Pemuda Nomor 134 Semarang 50132 Telepon (024) 3515301",
                "Laman disdikbud.jatengprov.go.id, Pos-el disdikbud@jatengprov.go.id"],
    "place_date": "Semarang, 14 April 2025",
    "number": "400.3/04512/SE/2025",
    "sifat": "Segera",
    "lampiran": "1 (satu) berkas",
    "subject": "Pelaksanaan Sistem Penerimaan Murid Baru Jenjang SMA, SMK, dan SLB Tahun Ajaran 2025/2026",
    "addressees": ["Kepala Cabang Dinas Pendidikan Wilayah I s.d. XIII;",
                   "Kepala SMA Negeri se-Jawa Tengah;", "Kepala SMK Negeri se-Jawa Tengah;",
                   "Kepala SLB Negeri se-Jawa Tengah."],
    "addressee_place": "di Tempat",
    "body": [
        "Dasar:",
        ["Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional;",
         "Undang-Undang Nomor 8 Tahun 2016 tentang Penyandang Disabilitas;",
         "Peraturan Daerah Provinsi Jawa Tengah Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan "
         "Perangkat Daerah Provinsi Jawa Tengah;",
         "Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 3 Tahun 2025 tentang Sistem Penerimaan "
         "Murid Baru;",
         "Peraturan Gubernur Jawa Tengah Nomor 17 Tahun 2025 tentang Petunjuk Teknis Sistem Penerimaan "
         "Murid Baru pada Sekolah Menengah Atas, Sekolah Menengah Kejuruan, dan Sekolah Luar Biasa."],
        "Sehubungan dengan akan dilaksanakannya Sistem Penerimaan Murid Baru (SPMB) Tahun Ajaran "
        "2025/2026, dengan ini disampaikan hal-hal sebagai berikut:",
        ["SPMB jenjang SMA dan SMK dilaksanakan secara daring melalui laman spmb.jatengprov.go.id, "
         "sedangkan SPMB jenjang SLB dilaksanakan secara luring di masing-masing satuan pendidikan.",
         "Jalur SPMB jenjang SMA terdiri atas jalur domisili paling sedikit 30% (tiga puluh persen), jalur "
         "afirmasi paling sedikit 30% (tiga puluh persen), jalur mutasi paling banyak 5% (lima persen), dan "
         "jalur prestasi dari sisa kuota.",
         ("Kepala sekolah agar:",
          ["membentuk panitia SPMB di satuan pendidikan dan menetapkannya dengan keputusan kepala sekolah;",
           "mengumumkan daya tampung, jalur, dan jadwal SPMB secara terbuka paling lambat tanggal "
           "5 Mei 2025;",
           "menyediakan layanan bantuan pendaftaran bagi calon murid yang tidak memiliki perangkat; dan",
           "tidak memungut biaya dalam bentuk apa pun dalam pelaksanaan SPMB."]),
         "Kepala Cabang Dinas Pendidikan melakukan verifikasi dokumen jalur afirmasi dan mutasi serta "
         "menyampaikan laporan pelaksanaan SPMB kepada Kepala Dinas paling lambat tanggal 31 Juli 2025.",
         "Jadwal pelaksanaan SPMB tercantum dalam lampiran yang merupakan bagian tidak terpisahkan dari "
         "Surat Edaran ini."],
        "Demikian Surat Edaran ini disampaikan untuk menjadi perhatian dan dilaksanakan sebagaimana mestinya.",
    ],
    "signature": {"lines": ["KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN", "PROVINSI JAWA TENGAH,"],
                  "name": "Dr. RETNO WULANDARI SETYANINGSIH, M.Pd.",
                  "extra": ["Pembina Utama Muda (IV/c)", "NIP 19720815 199703 2 004"]},
    "tembusan": ["Gubernur Jawa Tengah (sebagai laporan);", "Sekretaris Daerah Provinsi Jawa Tengah;",
                 "Ketua Komisi E DPRD Provinsi Jawa Tengah."],
}

MALANG_PLASTIK = {
    "file": "se-walikota-malang-plastik-scan.pdf",
    "render": "scan",
    "layout": "memo",
    "letterhead": ["PEMERINTAH KOTA MALANG"],
    "address": ["Jalan Tugu Nomor 1 Malang 65119, Telepon (0341) 322888",
                "Laman www.malangkota.go.id"],
    "place_date": "Malang, 2 Juni 2025",
    "number": "600.4/318/35.73.112/2025",
    "sifat": "Biasa",
    "lampiran": "-",
    "subject": "Pengurangan Penggunaan Plastik Sekali Pakai",
    "addressees": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Kota Malang;",
                   "Camat dan Lurah se-Kota Malang;",
                   "Pimpinan Pusat Perbelanjaan, Toko Swalayan, dan Pasar Rakyat di Kota Malang."],
    "addressee_place": "di Malang",
    "body": [
        "Dasar:",
        ["Undang-Undang Nomor 18 Tahun 2008 tentang Pengelolaan Sampah;",
         "Undang-Undang Nomor 32 Tahun 2009 tentang Perlindungan dan Pengelolaan Lingkungan Hidup;",
         "Peraturan Pemerintah Nomor 81 Tahun 2012 tentang Pengelolaan Sampah Rumah Tangga dan Sampah "
         "Sejenis Sampah Rumah Tangga;",
         "Peraturan Presiden Nomor 97 Tahun 2017 tentang Kebijakan dan Strategi Nasional Pengelolaan Sampah "
         "Rumah Tangga dan Sampah Sejenis Sampah Rumah Tangga;",
         "Peraturan Daerah Kota Malang Nomor 10 Tahun 2010 tentang Pengelolaan Sampah."],
        "Dalam rangka mengurangi timbulan sampah plastik di Kota Malang, diminta kepada Saudara untuk:",
        ["tidak menyediakan kantong plastik sekali pakai, sedotan plastik, dan wadah styrofoam dalam "
         "kegiatan dan pelayanan di kantor masing-masing;",
         "menggunakan wadah makanan dan minuman yang dapat dipakai ulang dalam rapat dan acara resmi;",
         "mewajibkan pusat perbelanjaan dan toko swalayan menyediakan kantong belanja ramah lingkungan "
         "mulai tanggal 1 Juli 2025;",
         "mengoptimalkan bank sampah di setiap kelurahan bersama Dinas Lingkungan Hidup Kota Malang; dan",
         "melaporkan pelaksanaan Surat Edaran ini kepada Wali Kota setiap 3 (tiga) bulan."],
        "Demikian untuk menjadi perhatian dan dilaksanakan.",
    ],
    "signature": {"lines": ["WALI KOTA MALANG,"], "name": "YUDHA PERMANA ADISASMITA", "extra": []},
    "tembusan": ["Gubernur Jawa Timur;", "Ketua DPRD Kota Malang."],
}

NTB_PRODUK_LOKAL = {
    "file": "se-gubernur-ntb-produk-lokal-draf.docx",
    "render": "docx",
    "layout": "memo",
    "letterhead": ["GUBERNUR NUSA TENGGARA BARAT"],
    "address": ["Jalan Pejanggik Nomor 12 Mataram 83121, Telepon (0370) 625273, Laman ntbprov.go.id"],
    "draft_mark": "DRAF - UNTUK PEMBAHASAN",
    "place_date": "Mataram, 22 September 2025",
    "number": "000.3/1047/Biro.Ek/2025",
    "sifat": "Penting",
    "lampiran": "-",
    "subject": "Peningkatan Penggunaan Produk Dalam Negeri dan Produk Usaha Mikro, Usaha Kecil, dan Koperasi "
               "dalam Pengadaan Barang/Jasa Pemerintah Daerah",
    "addressees": ["Bupati/Wali Kota se-Nusa Tenggara Barat;",
                   "Kepala Perangkat Daerah Provinsi Nusa Tenggara Barat;",
                   "Direktur Badan Usaha Milik Daerah Provinsi Nusa Tenggara Barat."],
    "addressee_place": "di Tempat",
    "body": [
        "Dasar:",
        ["Undang-Undang Nomor 20 Tahun 2008 tentang Usaha Mikro, Kecil, dan Menengah;",
         "Peraturan Pemerintah Nomor 7 Tahun 2021 tentang Kemudahan, Pelindungan, dan Pemberdayaan Koperasi "
         "dan Usaha Mikro, Kecil, dan Menengah;",
         "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana telah "
         "beberapa kali diubah, terakhir dengan Peraturan Presiden Nomor 46 Tahun 2025 tentang Perubahan "
         "Kedua atas Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah;",
         "Instruksi Presiden Nomor 2 Tahun 2022 tentang Percepatan Peningkatan Penggunaan Produk Dalam "
         "Negeri dan Produk Usaha Mikro, Usaha Kecil, dan Koperasi dalam rangka Menyukseskan Gerakan "
         "Nasional Bangga Buatan Indonesia pada Pelaksanaan Pengadaan Barang/Jasa Pemerintah;",
         "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 12 Tahun 2021 tentang Pedoman "
         "Pelaksanaan Pengadaan Barang/Jasa Pemerintah melalui Penyedia."],
        "Dalam rangka mendorong pertumbuhan ekonomi daerah melalui belanja pemerintah, dengan ini diminta "
        "kepada Saudara untuk:",
        ["mengalokasikan paling sedikit 40% (empat puluh persen) nilai anggaran belanja barang/jasa untuk "
         "produk usaha mikro, usaha kecil, dan koperasi dari hasil produksi dalam negeri;",
         "mengutamakan produk lokal Nusa Tenggara Barat yang tercantum dalam katalog elektronik lokal, "
         "antara lain tenun, kopi, madu, dan hasil olahan rumput laut;",
         "menayangkan rencana umum pengadaan pada Sistem Informasi Rencana Umum Pengadaan paling lambat "
         "tanggal 31 Oktober 2025; dan",
         "melaporkan capaian penggunaan produk dalam negeri kepada Gubernur melalui Biro Perekonomian "
         "Sekretariat Daerah setiap triwulan, dengan target sebagaimana tercantum dalam tabel berikut."],
        "Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan sebaik-baiknya.",
    ],
    "table": [["Triwulan", "Target belanja produk dalam negeri", "Batas laporan"],
              ["III 2025", "35%", "10 Oktober 2025"],
              ["IV 2025", "40%", "10 Januari 2026"]],
    "signature": {"lines": ["GUBERNUR NUSA TENGGARA BARAT,"], "name": "LALU SYAMSUL HADI PRAWIRA", "extra": []},
    "tembusan": ["Menteri Dalam Negeri di Jakarta;", "Kepala Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah;",
                 "Ketua DPRD Provinsi Nusa Tenggara Barat."],
}

DOCUMENTS: tuple[dict, ...] = (BANYUMAS_DBD, KEMENDES_DANA_DESA, JATENG_SPMB, MALANG_PLASTIK, NTB_PRODUK_LOKAL)


# --------------------------------------------------------------------------- blocks: the arrangement of a page

@dataclass(frozen=True)
class Block:
    """One layout unit. `kind` is center, right, rule, space, para, item, field, sign, keep or small."""

    kind: str
    text: str = ""
    label: str = ""
    indent: float = 0.0  # mm from the left margin
    size: float = 11.0
    bold: bool = False
    right: str = ""  # text set flush right on the first line (a field's place and date)
    amount: float = 0.0  # mm for space and keep


LABELS: tuple[Callable[[int], str], ...] = (
    lambda n: f"{n}.", lambda n: f"{chr(96 + n)}.", lambda n: f"{n})")
STEP = 7.0  # mm of indent per list level


def list_blocks(entries: Sequence[Entry], level: int = 0, indent: float = 0.0) -> Iterator[Block]:
    """Numbered items with hanging labels; sub-entries nest one level deeper."""
    n = 0
    for entry in entries:
        if isinstance(entry, Para):
            yield Block("para", entry, indent=indent)
            continue
        n += 1
        text, children = (entry, ()) if isinstance(entry, str) else entry
        yield Block("item", text, label=LABELS[min(level, 2)](n), indent=indent)
        if children:
            yield from list_blocks(children, level + 1, indent + STEP)


def body_blocks(body: Body) -> Iterator[Block]:
    """Paragraphs and lists of a body, with a little air after each."""
    for part in body:
        if isinstance(part, str):
            yield Block("para", part)
        else:
            yield from list_blocks(part)
        yield Block("space", amount=1.5)


def head_blocks(doc: dict) -> Iterator[Block]:
    """The letterhead: institution in capitals, address lines, a double rule."""
    for i, line in enumerate(doc["letterhead"]):
        yield Block("center", line, size=15 if i == 0 else 13, bold=True)
    for line in doc["address"]:
        yield Block("center", line, size=9.5)
    yield Block("rule")
    yield Block("space", amount=3)


def addressee_blocks(doc: dict) -> Iterator[Block]:
    """"Yth." and the numbered addressees, then where they are ("di Tempat")."""
    yield Block("para", "Yth.")
    yield from list_blocks(doc["addressees"])
    yield Block("para", doc["addressee_place"])
    yield Block("space", amount=3)


def field_blocks(doc: dict, date_beside_number: bool) -> list[Block]:
    """Nomor, Sifat, Lampiran and Hal, each a label, a colon and a value that wraps under itself."""
    right = doc["place_date"] if date_beside_number else ""
    return [Block("field", doc["number"], label="Nomor", right=right),
            Block("field", doc["sifat"], label="Sifat"),
            Block("field", doc["lampiran"], label="Lampiran"),
            Block("field", doc["subject"], label="Hal"),
            Block("space", amount=4)]


def letter_blocks(doc: dict) -> list[Block]:
    """A circular in letter form.

    "letter": Nomor (with the place and date flush right on its line), Sifat, Lampiran, Hal, then
    the addressees and a SURAT EDARAN heading. "memo": the place and date on a line of their own,
    the addressees, the SURAT EDARAN heading, then Nomor, Sifat, Lampiran and Hal.
    """
    blocks = list(head_blocks(doc))
    if doc.get("draft_mark"):
        blocks += [Block("center", doc["draft_mark"], size=10, bold=True), Block("space", amount=2)]
    heading = [Block("center", "SURAT EDARAN", size=12, bold=True), Block("space", amount=3)]
    if doc["layout"] == "letter":
        blocks += field_blocks(doc, date_beside_number=True) + list(addressee_blocks(doc)) + heading
    else:
        blocks += [Block("right", doc["place_date"]), Block("space", amount=4)]
        blocks += list(addressee_blocks(doc)) + heading + field_blocks(doc, date_beside_number=False)
    blocks += list(body_blocks(doc["body"]))
    blocks += signature_blocks(doc, set_lines=())
    return blocks


def title_blocks(doc: dict) -> list[Block]:
    """A circular in decree form: addressees first, then SURAT EDARAN / NOMOR / TENTANG centred."""
    blocks = list(head_blocks(doc)) + list(addressee_blocks(doc))
    blocks += [Block("center", line, size=12, bold=True) for line in doc["title"]]
    blocks.append(Block("space", amount=4))
    blocks += list(body_blocks(doc["body"]))
    set_lines = (f"{doc.get('set_verb', 'Ditetapkan')} di {doc['set_place']}", f"pada tanggal {doc['set_date']}")
    blocks += signature_blocks(doc, set_lines)
    return blocks


def signature_blocks(doc: dict, set_lines: Sequence[str]) -> list[Block]:
    """Place and date lines (decree form), position, "ttd.", name, rank and NIP, then Tembusan."""
    sig = doc["signature"]
    lines = [Block("sign", text) for text in set_lines]
    if set_lines:
        lines.append(Block("space", amount=3))
    lines += [Block("sign", text, bold=True) for text in sig["lines"]]
    lines += [Block("space", amount=6), Block("sign", "ttd."), Block("space", amount=6),
              Block("sign", sig["name"], bold=True)]
    lines += [Block("sign", text) for text in sig["extra"]]
    keep = Block("keep", amount=6.5 * len(lines) + 20)
    tembusan = [Block("space", amount=6), Block("small", "Tembusan:")]
    tembusan += [Block("small", f"{n}. {text}") for n, text in enumerate(doc["tembusan"], start=1)]
    return [keep, Block("space", amount=4), *lines, *tembusan]


def blocks_for(doc: dict) -> list[Block]:
    """The blocks of a document in its layout ("title", "letter" or "memo")."""
    return title_blocks(doc) if doc["layout"] == "title" else letter_blocks(doc)


# --------------------------------------------------------------------------- layout: blocks to positioned text

@dataclass(frozen=True)
class TextOp:
    """A run of text drawn with its baseline at (x, y) mm on a page (0-based)."""

    page: int
    x: float
    y: float
    text: str
    size: float
    bold: bool


@dataclass(frozen=True)
class RuleOp:
    page: int
    y: float
    width: float  # line width in mm


Measure = Callable[[str, float, bool], float]  # width in mm of text at a size (pt), bold or not
Op = Union[TextOp, RuleOp]

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 15.0, 28.0
TOP_LATER = 24.0  # top margin below the running header
SIGN_X0, SIGN_X1 = 108.0, PAGE_W - RIGHT
FIELD_LABEL_W, FIELD_VALUE_W = 22.0, 92.0
PT = 25.4 / 72


def line_height(size: float) -> float:
    return size * PT * 1.4


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure) -> list[list[str]]:
    """Greedy word wrap: lines as lists of words, each fitting `width` mm."""
    lines: list[list[str]] = [[]]
    for word in text.split():
        candidate = " ".join(lines[-1] + [word])
        if lines[-1] and measure(candidate, size, bold) > width:
            lines.append([word])
        else:
            lines[-1].append(word)
    return [line for line in lines if line]


class Layout:
    """Places blocks on A4 pages top to bottom, breaking pages at the bottom margin."""

    def __init__(self, measure: Measure, leading: float = 1.0):
        self.measure = measure
        self.leading = leading
        self.ops: list[Op] = []
        self.page = 0
        self.y = TOP

    def _advance(self, height: float) -> None:
        height *= self.leading
        if self.y + height > PAGE_H - BOTTOM:
            self.page += 1
            self.y = TOP_LATER
        self.y += height

    def _words(self, words: list[str], x: float, width: float, size: float, bold: bool, justify: bool) -> None:
        """Draw one line of words from x, spread to `width` when justified."""
        if not justify or len(words) < 2:
            self.ops.append(TextOp(self.page, x, self.y, " ".join(words), size, bold))
            return
        widths = [self.measure(w, size, bold) for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        for word, w in zip(words, widths):
            self.ops.append(TextOp(self.page, x, self.y, word, size, bold))
            x += w + gap

    def _paragraph(self, text: str, x: float, width: float, size: float, bold: bool = False,
                   first: Callable[[], None] | None = None) -> None:
        lines = wrap(text, width, size, bold, self.measure)
        for i, words in enumerate(lines):
            self._advance(line_height(size))
            if i == 0 and first is not None:
                first()
            self._words(words, x, width, size, bold, justify=i < len(lines) - 1)

    def place(self, block: Block) -> None:
        """Add the drawing operations of one block below what is already placed."""
        text_w = PAGE_W - LEFT - RIGHT
        if block.kind == "space":
            self.y += block.amount
        elif block.kind == "keep":
            if self.y + block.amount > PAGE_H - BOTTOM:
                self.page += 1
                self.y = TOP_LATER
        elif block.kind == "rule":
            self.y += 2.0
            self.ops += [RuleOp(self.page, self.y, 0.8), RuleOp(self.page, self.y + 1.0, 0.3)]
            self.y += 1.0
        elif block.kind == "center":
            for words in wrap(block.text, text_w, block.size, block.bold, self.measure):
                self._advance(line_height(block.size))
                line = " ".join(words)
                x = LEFT + (text_w - self.measure(line, block.size, block.bold)) / 2
                self.ops.append(TextOp(self.page, x, self.y, line, block.size, block.bold))
        elif block.kind == "para":
            x = LEFT + block.indent
            self._paragraph(block.text, x, text_w - block.indent, block.size, block.bold)
        elif block.kind == "item":
            x = LEFT + block.indent

            def draw_label() -> None:
                self.ops.append(TextOp(self.page, x, self.y, block.label, block.size, False))

            self._paragraph(block.text, x + STEP, text_w - block.indent - STEP, block.size, first=draw_label)
        elif block.kind == "field":
            value_x = LEFT + FIELD_LABEL_W + 3

            def draw_label() -> None:
                self.ops.append(TextOp(self.page, LEFT, self.y, block.label, block.size, False))
                self.ops.append(TextOp(self.page, LEFT + FIELD_LABEL_W, self.y, ":", block.size, False))
                if block.right:
                    w = self.measure(block.right, block.size, False)
                    self.ops.append(TextOp(self.page, PAGE_W - RIGHT - w, self.y, block.right, block.size, False))

            self._paragraph(block.text, value_x, FIELD_VALUE_W, block.size, first=draw_label)
        elif block.kind == "sign":
            self._advance(line_height(block.size))
            w = self.measure(block.text, block.size, block.bold)
            x = SIGN_X0 + (SIGN_X1 - SIGN_X0 - w) / 2
            self.ops.append(TextOp(self.page, x, self.y, block.text, block.size, block.bold))
        elif block.kind == "right":
            self._advance(line_height(block.size))
            w = self.measure(block.text, block.size, block.bold)
            self.ops.append(TextOp(self.page, PAGE_W - RIGHT - w, self.y, block.text, block.size, block.bold))
        elif block.kind == "small":
            self._advance(line_height(9.5))
            self.ops.append(TextOp(self.page, LEFT, self.y, block.text, 9.5, False))
        else:
            raise ValueError(f"unknown block kind {block.kind!r}")


def running_ops(doc: dict, pages: int, measure: Measure) -> list[TextOp]:
    """Header on every page but the first, footer and page label on every page (where the doc has them)."""
    ops: list[TextOp] = []
    for page in range(pages):
        if doc.get("running_header") and page > 0:
            text = doc["running_header"]
            x = LEFT + (PAGE_W - LEFT - RIGHT - measure(text, 8.5, False)) / 2
            ops.append(TextOp(page, x, 13.0, text, 8.5, False))
        y = PAGE_H - 17.0
        for line in doc.get("running_footer", ()):
            ops.append(TextOp(page, LEFT, y, line, 7.5, False))
            y += line_height(7.5)
        if doc.get("page_label"):
            label = doc["page_label"].format(page=page + 1, pages=pages)
            ops.append(TextOp(page, PAGE_W - RIGHT - measure(label, 8.5, False), PAGE_H - 10.0, label, 8.5, False))
    return ops


def layout(doc: dict, measure: Measure, leading: float = 1.0) -> tuple[list[Op], int]:
    """All drawing operations of a document and its page count; `leading` scales the line spacing."""
    engine = Layout(measure, leading)
    for block in blocks_for(doc):
        engine.place(block)
    pages = engine.page + 1
    return engine.ops + running_ops(doc, pages, measure), pages


# --------------------------------------------------------------------------- text PDF (fpdf2)

def write_text_pdf(doc: dict, path: Path) -> None:
    """A PDF with a text layer, in the Times core font."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(Path(doc["file"]).stem)
    pdf.set_creator("Tata Naskah Dinas Elektronik")

    def measure(text: str, size: float, bold: bool) -> float:
        pdf.set_font("Times", "B" if bold else "", size)
        return pdf.get_string_width(text)

    ops, pages = layout(doc, measure)
    for page in range(pages):
        pdf.add_page()
        for op in ops:
            if op.page != page:
                continue
            if isinstance(op, RuleOp):
                pdf.set_line_width(op.width)
                pdf.line(LEFT, op.y, PAGE_W - RIGHT, op.y)
            else:
                pdf.set_font("Times", "B" if op.bold else "", op.size)
                pdf.text(op.x, op.y, op.text)
    path.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------- image-only PDF (Pillow)

def find_font(bold: bool) -> Path:
    """A serif TrueType font on this machine (DejaVu Serif, else Liberation Serif)."""
    wanted = ("DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf") if bold else ("DejaVuSerif.ttf",
                                                                              "LiberationSerif-Regular.ttf")
    try:
        listing = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        listing = ""
    files = [Path(line.split(":")[0].strip()) for line in listing.splitlines()]
    files += list(Path("/usr/share/fonts").rglob("*.ttf"))
    for name in wanted:
        for file in files:
            if file.name == name and file.exists():
                return file
    raise SystemExit("no DejaVu or Liberation serif font found; apt-get install -y fonts-dejavu-core")


def write_scan_pdf(doc: dict, path: Path, dpi: int = SCAN_DPI, seed: int = SCAN_SEED) -> None:
    """A PDF whose pages are grey bitmaps only: drawn text, a slight skew, speckles; no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont] = {}

    def font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
        key = (size, bold)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(find_font(bold)), round(size * SCAN_FONT_SCALE * dpi / 72))
        return fonts[key]

    def measure(text: str, size: float, bold: bool) -> float:
        return font(size, bold).getlength(text) / px

    ops, pages = layout(doc, measure, leading=SCAN_FONT_SCALE)
    rng = random.Random(seed)
    images = []
    for page in range(pages):
        image = Image.new("L", (round(PAGE_W * px), round(PAGE_H * px)), 255)
        draw = ImageDraw.Draw(image)
        for op in ops:
            if op.page != page:
                continue
            if isinstance(op, RuleOp):
                draw.line([(LEFT * px, op.y * px), ((PAGE_W - RIGHT) * px, op.y * px)], fill=20,
                          width=max(1, round(op.width * px)))
            else:
                draw.text((op.x * px, op.y * px), op.text, fill=25, font=font(op.size, op.bold), anchor="ls")
        images.append(age_scan(image, rng))
    first, rest = images[0], images[1:]
    stamp = time.struct_time((2025, 6, 3, 8, 15, 0, 1, 154, 0))
    first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest, title=None,
               creationDate=stamp, modDate=stamp, producer="Scanner", quality=70)


def age_scan(image: "Image.Image", rng: random.Random) -> "Image.Image":
    """Make a clean page look scanned: grey paper, a little blur, specks, a skew of under a degree."""
    from PIL import ImageFilter

    image = image.filter(ImageFilter.GaussianBlur(0.6))
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 900):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.randrange(90, 200)
    image = image.point(lambda v: min(v, 244))
    return image.rotate(rng.uniform(0.3, 0.7), resample=3, expand=False, fillcolor=244)


# --------------------------------------------------------------------------- DOCX draft (python-docx)

def docx_lines(entries: Sequence[Entry], level: int = 0) -> Iterator[tuple[str, int]]:
    """(labelled text, level) for a list, labels written out so that plain-text readers keep them."""
    n = 0
    for entry in entries:
        if isinstance(entry, Para):
            yield str(entry), level
            continue
        n += 1
        text, children = (entry, ()) if isinstance(entry, str) else entry
        yield f"{LABELS[min(level, 2)](n)}\t{text}", level
        if children:
            yield from docx_lines(children, level + 1)


def write_docx(doc: dict, path: Path) -> None:
    """A Word draft: letterhead heading, fields, numbered lists, a table, signature, Tembusan."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Bookman Old Style"
    style.font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)

    def centred(text: str, bold: bool = False) -> None:
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(text).bold = bold

    def listing(entries: Sequence[Entry]) -> None:
        for text, level in docx_lines(entries):
            para = document.add_paragraph(text)
            para.paragraph_format.left_indent = Cm(0.8 * (level + 1))
            para.paragraph_format.first_line_indent = Cm(-0.8)

    heading = document.add_heading(doc["letterhead"][0], level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in doc["address"]:
        centred(line)
    if doc.get("draft_mark"):
        centred(doc["draft_mark"], bold=True)
    letter = doc["layout"] == "letter"

    def fields() -> None:
        beside = f"\t{doc['place_date']}" if letter else ""
        for label, value in (("Nomor", doc["number"] + beside), ("Sifat", doc["sifat"]),
                             ("Lampiran", doc["lampiran"]), ("Hal", doc["subject"])):
            document.add_paragraph(f"{label}\t: {value}")

    def addressees() -> None:
        document.add_paragraph("Yth.")
        listing(doc["addressees"])
        document.add_paragraph(doc["addressee_place"])

    if letter:
        fields()
        addressees()
        centred("SURAT EDARAN", bold=True)
    else:
        document.add_paragraph(doc["place_date"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        addressees()
        centred("SURAT EDARAN", bold=True)
        fields()
    for part in doc["body"]:
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            listing(part)
    rows = doc.get("table", ())
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    sig = doc["signature"]
    for text in [*sig["lines"], "", "", sig["name"], *sig["extra"]]:
        para = document.add_paragraph(text)
        para.paragraph_format.left_indent = Cm(9)
    document.add_paragraph("Tembusan:")
    for n, text in enumerate(doc["tembusan"], start=1):
        document.add_paragraph(f"{n}. {text}")
    props = document.core_properties
    props.author = props.last_modified_by = "Biro Perekonomian Setda NTB"
    props.title = doc["subject"]
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))


def fixed_zip(data: bytes) -> bytes:
    """The same zip archive with every entry's timestamp fixed, so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- entry point

WRITERS = {"pdf": write_text_pdf, "scan": write_scan_pdf, "docx": write_docx}


def write_all(out: Path, documents: Sequence[dict] = DOCUMENTS) -> list[Path]:
    """Render every document into `out`; the paths written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in documents:
        path = out / doc["file"]
        WRITERS[doc["render"]](doc, path)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CORPUS, help="folder to write into (default: corpus/)")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
