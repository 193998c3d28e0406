"""Officials in the constructions real news uses, and the words that are not names.

Every name here is made up. ``expected`` lists the resolved people as ``(name, position, official)``
in text order.
"""
from __future__ import annotations

import pytest

from extract.find.people import find_people
from extract.find.persons import resolve_people, spelling_variants


def people(text: str) -> list[tuple[str, str | None, bool]]:
    return [(p.name, p.position, p.official) for p in resolve_people(find_people(text))]


@pytest.mark.parametrize("text, expected", [
    # a state investment body's executive title, short or long with its bracketed short forms
    ("CEO Danantara Bagas Wiratama mengatakan dividen naik.", [("Bagas Wiratama", "CEO Danantara", True)]),
    ("Chief Executive Officer (CEO) Badan Pengelola Investasi (BPI) Daya Anagata Nusantara (Danantara) Bagas "
     "Wiratama, melarang BUMN memoles laporan.",
     [("Bagas Wiratama", "Chief Executive Officer Badan Pengelola Investasi Daya Anagata Nusantara", True)]),
    # a rank between the unit and the name: unit words stay with the position
    ("Karo Ops Sarpras Polda Brigjen Wisnu Ardiansyah mengatakan pengamanan siap.",
     [("Wisnu Ardiansyah", "Karo Ops Sarpras Polda", True)]),
    ("Kapolsek Cikarang AKP Damar Saputra menjelaskan kronologi kejadian.",
     [("Damar Saputra", "Kapolsek Cikarang", True)]),
    # initials in capitals open the name after a whole office
    ("Jaksa Agung AB Wiranegara menyampaikan hasil penyidikan.", [("AB Wiranegara", "Jaksa Agung", True)]),
    # a foreign country's short form is the position's, not the name's initials
    ("Kebijakan Presiden AS Martin Calloway membuat pasar goyah.",
     [("Martin Calloway", "Presiden AS", True)]),
    ("Perdana Menteri Jepang Haruto Sakamoto tiba di Jakarta.",
     [("Haruto Sakamoto", "Perdana Menteri Jepang", True)]),
    # name (position)
    ("Kebijakan itu diumumkan Martin Calloway (Presiden AS) pekan lalu.",
     [("Martin Calloway", "Presiden AS", True)]),
    ("Menurut Sekar Ayuningtyas (Gubernur DKI Jakarta dan Ketua Tim Penggerak), warga antusias.",
     [("Sekar Ayuningtyas", "Gubernur DKI Jakarta dan Ketua Tim Penggerak", True)]),
    # a bracketed short form and a unit between the position and the name
    ("Direktur Jenderal Pembinaan Hubungan Industrial (Dirjen PHI) Kemnaker, Larasati Wulandari, menjelaskan "
     "aturan baru.", [("Larasati Wulandari", "Direktur Jenderal Pembinaan Hubungan Industrial Kemnaker", True)]),
    # a unit's name with commas in it is one position, not a person
    ("Kepala Dinas Kepemudaan, Olahraga dan Pariwisata Kota Bogor, Galih Pratama, membuka acara.",
     [("Galih Pratama", "Kepala Dinas Kepemudaan, Olahraga dan Pariwisata Kota Bogor", True)]),
    ("Direktur Penyuluhan, Pelayanan, dan Hubungan Masyarakat Kementerian Keuangan Sinta Maharani mengatakan "
     "pelaporan dibuka.", [("Sinta Maharani",
                            "Direktur Penyuluhan, Pelayanan, dan Hubungan Masyarakat Kementerian Keuangan", True)]),
    # a title whose later word is written in lower case
    ("Juru bicara KPK, Bayu Kusumo, menyebutkan dua perkara.", [("Bayu Kusumo", "Juru bicara KPK", True)]),
    # a month word opens a name after an office
    ("Menurut Direktur Departemen Kebijakan Moneter BI Juni Sasmita Hadi, inflasi rendah.",
     [("Juni Sasmita Hadi", "Direktur Departemen Kebijakan Moneter BI", True)]),
    # a nickname in quote marks is part of the name
    ("Wali Kota Makassar Darmawan 'Iwan' Saputra menargetkan pemilihan selesai.",
     [("Darmawan 'Iwan' Saputra", "Wali Kota Makassar", True)]),
    # the name inside the run, before a lower-case link and a place after the comma
    ("kata Wakil Ketua Komisi XIII DPR RI Rendra Kusuma Wijaya di Gedung DPR, Senayan, Jakarta.",
     [("Rendra Kusuma Wijaya", "Wakil Ketua Komisi XIII DPR RI", True)]),
    # a title and office words, then words no everyday text uses
    ("Kerja sama diteken dengan Menteri Lingkungan Hidup Wirya Darsono Pamungkas di Jakarta.",
     [("Wirya Darsono Pamungkas", "Menteri Lingkungan Hidup", True)]),
    # a unit joined by "dan" is the position's, even where its words are capitalised names elsewhere
    ("Pelaksana Tugas Deputi Penindakan dan Eksekusi KPK Hendarto Satria Rahayu menyebut laporan dicek.",
     [("Hendarto Satria Rahayu", "Pelaksana Tugas Deputi Penindakan dan Eksekusi KPK", True)]),
    # party and ordinal words stay with the position; a DPR faction is public office
    ("Ketua Fraksi Partai Golkar Arya Mahendra memastikan fasilitas dievaluasi.",
     [("Arya Mahendra", "Ketua Fraksi Partai Golkar", True)]),
    ("Pertemuan dengan Presiden ke-6 RI Suryo Pranoto berlangsung hangat.",
     [("Suryo Pranoto", "Presiden ke-6 RI", True)]),
    # "saat itu" and "dijabat" between position and name
    ("Proyek bermula dari kebijakan Bupati Kuantan Singingi saat itu, Darsono yang memindahkan lokasi.",
     [("Darsono", "Bupati Kuantan Singingi", True)]),
    ("Saat ini Kepala BRIN dijabat Wiratno Adi Santoso.", [("Wiratno Adi Santoso", "Kepala BRIN", True)]),
    # a name in brackets after the title
    ('"Seperti disampaikan Pak Menteri (Hendro Wirawan) tadi, uji coba jalan," katanya.',
     [("Hendro Wirawan", "Menteri", True)]),
    # a speech verb glued to the title
    ('"Kami tangkap pelakunya," kataKapolrestabes Medan Kombes Raka Siregar saat paparan.',
     [("Raka Siregar", "Kapolrestabes Medan", True)]),
    # initials in brackets between name and "selaku"; a list number glued to the last acronym
    ("1. Dharma Wiguna (DW) selaku anggota Komisi III DPRD OKU2. Sulastri Ningrum (SN) selaku Ketua Komisi II "
     "DPRD OKU", [("Dharma Wiguna", "anggota Komisi III DPRD OKU", True),
                  ("Sulastri Ningrum", "Ketua Komisi II DPRD OKU", True)]),
    # a list of ministers, each office before its name, with no comma between office and name
    ("Hadir Menteri Hukum Sapto Wardoyo, Menteri Kehutanan Galuh Prakoso, Menteri Pertanian Anwar Salim, "
     "Wamensos Dirga Halim.", [("Sapto Wardoyo", "Menteri Hukum", True), ("Galuh Prakoso", "Menteri Kehutanan", True),
                               ("Anwar Salim", "Menteri Pertanian", True), ("Dirga Halim", "Wamensos", True)]),
    # a list of officials, each position before its name
    ("Hadir Wakil Wali Kota Bogor, Raden Suwarna, Sekda Kota Bogor, Dedi Kurniawan, dan para camat.",
     [("Raden Suwarna", "Wakil Wali Kota Bogor", True), ("Dedi Kurniawan", "Sekda Kota Bogor", True)]),
    # a rank at the start of a line is not part of the name
    ("kata Kabid Humas Polda Sumut\nKombes Fajar Walintono saat dikonfirmasi. Kabid Humas Polda Sumut Kombes "
     "Fajar Walintono menambahkan.", [("Fajar Walintono", "Kabid Humas Polda Sumut", True)]),
    # dotted degrees after a comma
    ("Kapolres Ponorogo AKBP Andika Putra Wibawa, S.I.K., M.H. turun langsung.",
     [("Andika Putra Wibawa", "Kapolres Ponorogo", True)]),
    # a unit's number ends its name; the words after it are the person's
    ("Kepala Satgas Wilayah V Rendra Wiguna mengatakan berkas lengkap.",
     [("Rendra Wiguna", "Kepala Satgas Wilayah V", True)]),
    # "I" or "Ni" before a Balinese birth-order name opens the name, not a unit's number
    ("Asisten I Setda Kabupaten Tabanan I Made Suarsana membuka rapat.",
     [("I Made Suarsana", "Asisten I Setda Kabupaten Tabanan", True)]),
    ("Kepala Dinas Pariwisata Bali Ni Luh Ayu Lestari mengatakan kunjungan naik.",
     [("Ni Luh Ayu Lestari", "Kepala Dinas Pariwisata Bali", True)]),
    ("Kepala Disdikpora Denpasar Anak Agung Gede Sutama mengatakan lomba digelar.",
     [("Anak Agung Gede Sutama", "Kepala Disdikpora Denpasar", True)]),
    ("Bupati Gianyar I Gusti Ngurah Wirawan meninjau lokasi.", [("I Gusti Ngurah Wirawan", "Bupati Gianyar", True)]),
    # "yang juga", "yang merupakan", "yang menjabat" between name and position
    ("Rahmat Hidayat yang juga Ketua DPRD Kota Depok menyampaikan hal itu.",
     [("Rahmat Hidayat", "Ketua DPRD Kota Depok", True)]),
    ("Rahmat Hidayat, yang menjabat Kepala Dinas Sosial, hadir.", [("Rahmat Hidayat", "Kepala Dinas Sosial", True)]),
    # a member's party after "dari" is the position's; an everyday word may open a name ("Budi")
    ("Anggota DPR dari Fraksi Partai Golkar Budi Prasetya mengatakan anggaran cukup.",
     [("Budi Prasetya", "Anggota DPR dari Fraksi Partai Golkar", True)]),
    ("Bupati Budi Prasetya meninjau lokasi banjir.", [("Budi Prasetya", "Bupati", True)]),
    # a district's name after a district's own office, in one word or two; a firm's name after "PT"
    ("Camat Tarogong Kidul Hendra Wiguna mengatakan jalan rusak.", [("Hendra Wiguna", "Camat Tarogong Kidul", True)]),
    ("\"Siap,\" kata Camat Cibinong.", []),
    ("Direktur PT Amanah Jaya Sentosa hadir dalam rapat.", []),
    # places after the comma, each closed by a comma, belong to the position
    ("Kepala Desa Sukaraja, Kecamatan Cibinong, Yusuf Mahendra, mengatakan jalan rusak.",
     [("Yusuf Mahendra", "Kepala Desa Sukaraja, Kecamatan Cibinong", True)]),
    ("Ketua LBH Cabang Kencong, Jember, Faris Maulana, melapor ke polisi.",
     [("Faris Maulana", "Ketua LBH Cabang Kencong, Jember", False)]),
    # a firm's name after "PT" is the position's, never the start of a name
    ("HYL selaku Direktur PT Praba Sentosa Abadi ditahan penyidik.", []),
    ("Direktur Utama PT Pertamina Simon Wiratama mengatakan stok aman.",
     [("Simon Wiratama", "Direktur Utama PT Pertamina", True)]),
    # the first word of a name is not cut off by a capitalised word before it
    ("Pejabat NASA Daniel Whitmore, yang juga Menteri Perhubungan, hadir.",
     [("Daniel Whitmore", "Menteri Perhubungan", True)]),
    # "dan" before another title closes the first name: a list of two officials, not one long position
    ("Hadir Dirjen Pajak Laksmana Wibisono dan Kepala BKF Tegar Santosa dalam rapat itu.",
     [("Laksmana Wibisono", "Dirjen Pajak", True), ("Tegar Santosa", "Kepala BKF", True)]),
    ("Kepala BPBD Kabupaten Garut, Sinta Maharani, dan Camat Tarogong Kidul, Bayu Prakoso, meninjau lokasi.",
     [("Sinta Maharani", "Kepala BPBD Kabupaten Garut", True), ("Bayu Prakoso", "Camat Tarogong Kidul", True)]),
    # a province after the comma belongs to the position; a regency's name may be a given name
    ("Mantan Ketua DPRD Kampar, Riau Hasanudin ditahan jaksa.",
     [("Hasanudin", "Mantan Ketua DPRD Kampar, Riau", True)]),
    ("Koordinator Forum Warga, Bima Saputra, menyebut laporan dikirim.",
     [("Bima Saputra", "Koordinator Forum Warga", True)]),
    # an institution abroad is the position's, not the start of the name
    ("Ketua Federal Reserve Marcus Whitfield menjelaskan suku bunga ditahan.",
     [("Marcus Whitfield", "Ketua Federal Reserve", True)]),
    # the institution runs up to its bracketed short form, however its name is misspelt
    ("Data itu dari Kepala Badan Pusat Statistika (BPS) Wulan Sekarsari.",
     [("Wulan Sekarsari", "Kepala Badan Pusat Statistika", True)]),
    # a short form inside a later item of the list does not stretch the first one
    ("Tiba pula Menteri Agama Yusuf Halim, serta Kepala Badan Gizi Nasional (BGN) Raka Pradipta.",
     [("Yusuf Halim", "Menteri Agama", True), ("Raka Pradipta", "Kepala Badan Gizi Nasional", True)]),
])
def test_official_constructions(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a sentence opener ending in -nya is not part of the name
    ("Awalnya Suganda mengatakan inflasi terkendali.", [("Suganda", None, False)]),
    ("Faktanya Menteri Sosial Ratna Kemuning mengatakan bantuan cukup.",
     [("Ratna Kemuning", "Menteri Sosial", True)]),
    # an everyday capitalised word is not a name
    ("Kepala Dinas Sumber Daya Air mengatakan waduk penuh.", []),
    # an instrument named after an office is not an official; a one-word short form in brackets is no name
    ("Kelak ketika Peraturan Presiden (Perpres) tentang Tata Kelola Royalti terbit, semua jelas.", []),
    ("Koordinator Wilayah (Korwil) mengatakan jadwal diundur.", []),
    # a region beside a speech verb is not a one-word name
    ("Bali mengatakan kepada dunia bahwa pariwisata pulih.", []),
    # an everyday word after a comma is not a one-word name
    ("Kami Tim Jaksa, Kemarin (26/5), telah melimpahkan berkas perkara.", []),
    # occupation and everyday words before a name beside a speech verb are not part of it
    ("Pengamat Pasar Keuangan Rendi Saputro mengatakan rupiah melemah.", [("Rendi Saputro", None, False)]),
    # a private bank is a private body; the central bank and state banks are public
    ("Kepala Cabang Bank Sinar Harapan, Joko Prasetya, membuka acara.",
     [("Joko Prasetya", "Kepala Cabang Bank Sinar Harapan", False)]),
    ("Kepala Kantor Perwakilan Bank Indonesia Jawa Barat Arif Nugraha membuka acara.",
     [("Arif Nugraha", "Kepala Kantor Perwakilan Bank Indonesia Jawa Barat", True)]),
    # unions and associations are private bodies
    ("Ketua Asosiasi Petani Garam Nusantara, Joko Prasetya, meminta harga dijaga.",
     [("Joko Prasetya", "Ketua Asosiasi Petani Garam Nusantara", False)]),
    ("Ketua Serikat Pekerja Pabrik Tekstil, Ratih Wulan, menolak rencana itu.",
     [("Ratih Wulan", "Ketua Serikat Pekerja Pabrik Tekstil", False)]),
    # a rank alone, a noun phrase of the pe-...-an kind, or "Pihak ..." is no person
    ("Keduanya, yakni Bripda AG dan Bripda AN, ditahan.", []),
    ("Keduanya menerima surat Pemberhentian Tidak Dengan Hormat (PTDH) pekan lalu.", []),
    ("Pihak Keluarga mengatakan korban sempat mengeluh.", []),
    # a place's noun before a name beside a speech verb is not part of the name
    ("Warga Kelurahan Kebagusan Sinta Maharani Putri mengatakan jalan rusak.", [("Sinta Maharani Putri", None, False)]),
    # two people joined by a hyphen: the first one's name ends at the hyphen
    ("Survei menilai kinerja Presiden Adi Wirawan-Bima Santosa Putra setahun ini.",
     [("Adi Wirawan", "Presiden", True)]),
    # an institution that speaks is not a person, however its name ends
    ("Departemen Kepolisian Kota Springfield mengatakan ribuan orang berkumpul.", []),
    # a firm's name, used alone elsewhere, between an occupation and a name is not part of the name
    ("Sekretaris Ditjen Pendis Arman Saleh menyatakan modul siap. Modul disusun Ditjen Pendis Kemenag. "
     "Arman menambahkan hal itu.", [("Arman Saleh", "Sekretaris Ditjen Pendis", True)]),
    ("Warga memprotes pihak Griya Asri. Manager Operasional Griya Asri Tomi Hartanto mengatakan izin lengkap. "
     "\"Kami taat aturan,\" ujar Tomi.", [("Tomi Hartanto", None, False)]),
])
def test_names_and_not_names(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a name read by one word, written out in full elsewhere with no cue beside it
    ("Menurut laporan, Rangga Adi Pramesti menyegel dua pabrik. \"Kami tegas,\" kata Menteri Rangga.",
     [("Rangga Adi Pramesti", "Menteri", True)]),
    ("Pada acara itu Sulastri Wening memberi sambutan. \"Kami siap,\" ujar Sulastri.",
     [("Sulastri Wening", None, False)]),
    # the words added must be a name's: no region, office, degree or everyday word
    ("\"Kami siap,\" ujar Sulastri. Tim Sulastri Jakarta datang.", [("Sulastri", None, False)]),
    ("\"Kami siap,\" ujar Sulastri. Gelar Sulastri PhD diakui.", [("Sulastri", None, False)]),
    # and the run must end there: four capitalised words name something else
    ("\"Kami siap,\" ujar Sulastri. Gedung Sulastri Wening Hadi Karya dibuka.", [("Sulastri", None, False)]),
    # "Nama, selaku Jabatan", and a party's number in a case before the name
    ("Sanksi dijatuhkan kepada Teradu II Wening Larasati, selaku Ketua KPU Kota Contoh.",
     [("Wening Larasati", "Ketua KPU Kota Contoh", True)]),
    # a name of one word alone, joined by a hyphen, is a pair of people: the first one holds the office
    ("Kepuasan publik pada pemerintahan Presiden Darmaji-Sutomo naik.", [("Darmaji", "Presiden", True)]),
    # a column's byline, name and position joined by a full stop on a line of their own
    ("Pemilu harus jujur.\nWening Larasati.Anggota DPR RI Fraksi Partai Contoh.\n",
     [("Wening Larasati", "Anggota DPR RI Fraksi Partai Contoh", True)]),
    # a byline whose position names no public body is no official's
    ("Pemilu harus jujur.\nWening Larasati.Direktur Lembar Kajian Politik Nusantara.\n", []),
    # a name written out in full with a Balinese birth-order name before it, or a degree after it
    ("\"Kami siap,\" ujar Sastra Wirawan. Sebelumnya Putu Sastra Wirawan menutup jalan.",
     [("Putu Sastra Wirawan", None, False)]),
    ("\"Pasokan aman,\" kata Kepala Pasar Ari Nugraha SH di Medan. Ari menambahkan stok cukup.",
     [("Ari Nugraha", "Kepala Pasar", True)]),
    # a Balinese birth-order name inside a title run marks where the name starts
    ("Perbekel Sukamaju Made Arsana Putra mengakui wilayahnya ramai.",
     [("Made Arsana Putra", "Perbekel Sukamaju", True)]),
    # a one-word short form of a full name's first word is that person
    ("Kasubid Humas Kejati Contoh, Febrianto Rizal Akbar, menjelaskan aturan. \"Kami terbuka,\" ujar Febri.",
     [("Febrianto Rizal Akbar", "Kasubid Humas Kejati Contoh", True)]),
    # "Co-President" is an office word, not a name
    ("Kehadiran tokoh seperti Sekar Wulandari (Gubernur DKI Jakarta dan Co-President Forum Kota), disambut.",
     [("Sekar Wulandari", "Gubernur DKI Jakarta dan Co-President Forum Kota", True)]),
    # a director's title in a body the position does not show to be public is a private person's
    ("Direktur Riset Lembar Survei Nusantara, Ali Wirawan, merilis angka kepuasan.",
     [("Ali Wirawan", "Direktur Riset Lembar Survei Nusantara", False)]),
    ("Direktur Utama Perum Bulog, Ali Wirawan, meninjau gudang.", [("Ali Wirawan", "Direktur Utama Perum Bulog", True)]),
    ("Direktur Jenderal Pajak Ali Wirawan menyebut penerimaan naik.", [("Ali Wirawan", "Direktur Jenderal Pajak", True)]),
    # initials that look like a degree open the name, and a corps word after a rank is the rank's
    ("Jaksa Agung ST Wiranegara menyampaikan hasil penyidikan.", [("ST Wiranegara", "Jaksa Agung", True)]),
    ("Sidang dipimpin Hakim Ketua Kolonel Kum Darmo Saputro, kemarin.", [("Darmo Saputro", "Hakim Ketua", True)]),
    # an expert's occupation beside a speech verb is no name
    ("\"Korupsi harus diberantas,\" kata Pakar Hukum dan Pembangunan, Tegar Wiyono, kepada wartawan.",
     [("Tegar Wiyono", None, False)]),
    # a list of officials with their figures, a slash-joined office, a rank of two words after a title
    ("Menko Pangan Daru Wicaksono 82 persen, Menteri Pertahanan Galih Sakti Putra 80 persen.",
     [("Daru Wicaksono", "Menko Pangan", True), ("Galih Sakti Putra", "Menteri Pertahanan", True)]),
    ("Selain itu, Menteri Investasi dan Hilirisasi/BKPM Rangga Wiratama, Menteri Sosial Dewi Lestari, dan lain.",
     [("Rangga Wiratama", "Menteri Investasi dan Hilirisasi/BKPM", True), ("Dewi Lestari", "Menteri Sosial", True)]),
    ("Tampak hadir Wakil Panglima Jenderal TNI Tegar Budi R dan Kepala BIN Surya Darma.",
     [("Tegar Budi R", "Wakil Panglima", True), ("Surya Darma", "Kepala BIN", True)]),
    # a national office takes no region: a region's name after it opens the name; a regional one takes it
    ("Wamendagri Bima Arya Wicaksana meninjau lokasi.", [("Bima Arya Wicaksana", "Wamendagri", True)]),
    ("Bupati Bima Indah Wulandari meninjau lokasi.", [("Indah Wulandari", "Bupati Bima", True)]),
    # a Sasak title after the region opens the name
    ("Kunjungan itu didampingi Gubernur NTB Lalu Rangga Wiratama di Mataram.",
     [("Lalu Rangga Wiratama", "Gubernur NTB", True)]),
    # a pesantren's alumni body is private
    ("Ketua Alumni Ponpes Al-Hidayah, Zainal Arifin, meminta evakuasi dipercepat.",
     [("Zainal Arifin", "Ketua Alumni Ponpes Al-Hidayah", False)]),
    # a region after a position spelt as one word is no name
    ("Ia dikenal saat menjabat sebagai Walikota Solo.", []),
])
def test_names_written_out_in_full_elsewhere(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    # named in full once, by one name later; the office stated once by "Jabatan itu"
    ('Senada dengan itu, Wulan Permatasari, mendukung instruksi itu. "Bagus sekali," kata Wulan Permatasari. '
     "Wakil Ketua Komisi II DPR itu menilai instruksi itu tepat.",
     [("Wulan Permatasari", "Wakil Ketua Komisi II DPR", True)]),
    # named in full without an office, by one name later with it
    ("Warga menemui Lukman Hakiki di balai desa. Lukman Hakiki mengatakan bantuan cukup. Dalam rapat itu, "
     "Camat Ciawi Lukman menambahkan data.", [("Lukman Hakiki", "Camat Ciawi", True)]),
    ("Sutarno Wibowo mengatakan harga naik.\nKepala Dinas Perdagangan Kota Bogor, Sutarno, menambahkan stok "
     "cukup.", [("Sutarno Wibowo", "Kepala Dinas Perdagangan Kota Bogor", True)]),
    # one-letter spelling variants merge under the spelling used most
    ("Ketua KPU Hasanuddin tertanggal 2 Mei. Hal itu disebutkan Hassanuddin kemarin. "
     '"Kami batalkan keputusan itu," kata Hassanuddin.', [("Hassanuddin", "Ketua KPU", True)]),
    # a short name two people share is the one named last before it
    ("Koordinator Forum Warga, Bima Harahap, menyebut laporan dikirim. Bima mengatakan laporan lengkap. "
     "Deputi Penindakan KPK Arya Bima Rahayu menyebut laporan dicek. Bima menambahkan prosesnya panjang.",
     [("Bima Harahap", "Koordinator Forum Warga", True), ("Arya Bima Rahayu", "Deputi Penindakan KPK", True)]),
    # a public office before a private one for the same person
    ("Waketum Partai Nusantara, Dimas Aryo, hadir. Anggota Komisi II DPR Dimas Aryo mengatakan aturan perlu "
     "diubah.", [("Dimas Aryo", "Anggota Komisi II DPR", True)]),
])
def test_one_person_across_the_text(text, expected):
    assert people(text) == expected


def test_a_shared_short_name_goes_to_the_person_named_last():
    text = ("Koordinator Forum Warga, Bima Harahap, menyebut laporan dikirim. Bima mengatakan laporan lengkap. "
            "Deputi Penindakan KPK Arya Bima Rahayu menyebut laporan dicek. Bima menambahkan prosesnya panjang.")
    found = {p.name: [m.text for m in p.mentions] for p in resolve_people(find_people(text))}
    assert found == {"Bima Harahap": ["Bima Harahap", "Bima"], "Arya Bima Rahayu": ["Arya Bima Rahayu", "Bima"]}


@pytest.mark.parametrize("a, b, expected", [
    ("Hasanuddin", "Hassanuddin", True),      # one letter added
    ("Verrel Wijaya", "Verrell Wijaya", True),
    ("Rahmat Hidayat", "Rahmad Hidayat", True),  # one letter changed
    ("Rahmat Hidayat", "Rahmad Hidajat", False),  # two words differ
    ("Budi", "Bidu", False),                  # short words never
    ("Sari Dewi", "Sari Dewi Lestari", False),  # a different number of words
])
def test_spelling_variants(a, b, expected):
    assert spelling_variants(a, b) is expected


def test_equal_length_names_resolve_the_same_in_any_order():
    text = ("Kepala Dinas Sosial, Dani Aryo, hadir. Kepala Dinas Pendidikan, Dani Ayuningtyas, hadir. "
            "Dani mengatakan semua siap.")
    mentions = find_people(text)
    forward = [(p.name, [m.start for m in p.mentions]) for p in resolve_people(mentions)]
    backward = [(p.name, [m.start for m in p.mentions]) for p in resolve_people(list(reversed(mentions)))]
    assert forward == backward


def test_words_of_a_headline_are_not_looked_for_again_in_the_body():
    """A title-case headline reads like names; its words must not become people in the body."""
    text = "Gubernur Luncurkan Mobil Keliling, Inovasi Kendalikan Inflasi\nInflasi pangan turun. Inovasi itu disambut."
    body = text.index("\n")
    assert [m.text for m in find_people(text) if m.start > body] == []


@pytest.mark.parametrize("text, nickname", [
    ("Menteri Pangan Zulfikar Hamdan alias Zulham meninjau pasar. Zulham mengatakan stok aman.", "Zulham"),
    ("Menteri Sosial Saiful Yunus (Gus Ipung) meninjau lokasi. \"Kami siap,\" kata Gus Ipung.", "Ipung"),
])
def test_a_nickname_given_beside_the_full_name_is_the_same_person(text, nickname):
    [person] = resolve_people(find_people(text))
    assert person.official and nickname in [m.text.split()[-1] for m in person.mentions]


def test_the_same_office_written_out_further_is_the_position():
    text = ("Program itu dicanangkan Gubernur Wahyu Kurniawan. Sementara itu, Gubernur Jawa Tengah, Wahyu "
            "Kurniawan, menyatakan investasi naik. Wahyu Kurniawan, Gubernur Jawa Tengah periode 2024-2029, hadir.")
    assert people(text) == [("Wahyu Kurniawan", "Gubernur Jawa Tengah", True)]

