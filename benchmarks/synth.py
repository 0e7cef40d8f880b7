"""Synthetic BelTA-style wire reports with known labels, FOR SCALE BENCHMARKS ONLY.

Composes corpora of any size (10 to 1,000,000 reports) in German, English and Russian from
sentence templates: a dateline (``MINSK, 12. März (BelTA) - ``, ``MINSK, 12 March (BelTA) - ``,
``МИНСК, 12 марта (БЕЛТА) - ``), an optional headline line, one paragraph per line, and the gold
labels in the columns of ``data/gold`` (``gold/articles.csv`` and ``gold/sentences.csv``).

**Never use this corpus for quality figures.** The texts are built from a few hundred templates,
so any entity finder or area model scores on them say nothing about real wire copy; they only
exercise the pipeline at scale (loading, splitting, deduplication, the stages after). Quality is
measured on the hand-written bundled corpus (``data/raw``, ``data/gold``) alone.

What a report holds: one partner region (sometimes two) from ``analysis/resources/regions.csv``;
2–5 cooperation areas drawn with weights taken from the bundled corpus (all 13 appear), shifted
by year along its storyline; 4–9 sentences, each labelled with the areas it speaks of; neutral
protocol sentences (no area) and, now and then, a negated or passing mention of another area (no
area); 0–3 Belarusian enterprises from ``analysis/resources/organisations.csv`` whose
``area_cues`` fit the report's areas; fictional officials; a date in 2018–2025. When the dateline
prints no year, the text fixes it ("im laufenden Jahr 2021", "this year (2021)", "в текущем 2021 году"):
a bare "in 2021" would not, since the loader does not take a named year for the report's. Every sentence
ends with ``.`` and no abbreviation, so the package's splitter finds exactly the generated
sentences and ``sentence_no`` in ``gold/sentences.csv`` is the loader's.

Usage::

    python benchmarks/synth.py --n 10000 --out /tmp/synth [--seed 0] [--format jsonl|txt]
        [--shard-size 10000] [--languages de,en,ru]

``jsonl`` (default) writes ``OUT/raw/reports-00000.jsonl``, ... (``{"id", "text", "language",
"date"}`` a line); ``txt`` writes ``OUT/raw/<lang>/<id>.txt``. Both write
``OUT/gold/articles.csv`` and ``OUT/gold/sentences.csv``, the layout of ``data/``: load
``OUT/raw``.

In Python, :func:`generate` yields one report dict at a time (memory stays flat); the same seed
gives the same reports, and the CLI byte-identical files. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

RESOURCES = Path(__file__).resolve().parents[1] / "analysis" / "resources"
LANGUAGES: tuple[str, ...] = ("de", "en", "ru")
YEARS: tuple[int, ...] = tuple(range(2018, 2026))

#: The 13 area IDs (``analysis/resources/areas.toml``) and their report counts in the bundled corpus.
AREA_WEIGHTS: dict[str, float] = {
    "machinery": 68,
    "microelectronics": 41,
    "waste_recycling": 38,
    "training": 51,
    "science": 31,
    "trade": 83,
    "industrial_cooperation": 45,
    "agriculture": 29,
    "energy": 13,
    "healthcare": 15,
    "tourism_culture": 16,
    "transport_logistics": 19,
    "construction": 15,
}
AREAS: tuple[str, ...] = tuple(AREA_WEIGHTS)

#: The corpus storyline as multipliers on the area weights, by year.
_STORY: dict[tuple[int, ...], dict[str, float]] = {
    (2018, 2019): {"machinery": 1.6, "trade": 1.4, "agriculture": 1.5, "construction": 1.4, "microelectronics": 0.4},
    (2020,): {"healthcare": 4.0, "machinery": 0.8},
    (2021,): {"waste_recycling": 1.8, "training": 1.5, "transport_logistics": 1.5},
    (2022, 2023): {"microelectronics": 1.9, "industrial_cooperation": 1.7, "transport_logistics": 1.4, "energy": 1.5},
    (2024, 2025): {"microelectronics": 1.6, "waste_recycling": 1.4, "training": 1.3, "science": 1.8,
                   "tourism_culture": 2.0},
}  # fmt: skip

#: Partner countries by year: Chinese, Kazakh and Uzbek partners grow from 2024.
_COUNTRY_WEIGHTS: dict[int, dict[str, float]] = {
    y: ({"RU": 60, "CN": 15, "KZ": 13, "UZ": 12} if y >= 2024 else {"RU": 82, "CN": 6, "KZ": 6, "UZ": 6}) for y in YEARS
}

_N_AREAS = (2, 3, 4, 5)
_N_AREAS_WEIGHTS = (30, 36, 24, 10)
_N_ENTERPRISES = (0, 1, 2, 3)
_N_ENTERPRISES_WEIGHTS = (30, 36, 24, 10)
_MAX_SENTENCES = 9
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

ARTICLE_COLUMNS: tuple[str, ...] = (
    "file", "language", "dateline_city", "date", "agency", "partner_regions", "venue_regions", "event_location",
    "enterprises", "organisations", "persons", "areas", "duplicated_paragraphs", "duplicate_of", "title",
    "year_in_dateline", "year_evidence", "hard_cases", "defects",
)  # fmt: skip
SENTENCE_COLUMNS: tuple[str, ...] = ("file", "sentence_no", "text", "areas")

# --------------------------------------------------------------------------------------------
# Words: datelines, months, cities
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "en": "January February March April May June July August September October November December".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
}
_AGENCY = {"de": "BelTA", "en": "BelTA", "ru": "БЕЛТА"}

#: Belarusian dateline cities: canonical name, weight, and per language (DATELINE, "in <city>").
_CITIES: tuple[tuple[str, int, dict[str, tuple[str, str]]], ...] = (
    ("Minsk", 80, {"de": ("MINSK", "in Minsk"), "en": ("MINSK", "in Minsk"), "ru": ("МИНСК", "в Минске")}),
    ("Brest", 4, {"de": ("BREST", "in Brest"), "en": ("BREST", "in Brest"), "ru": ("БРЕСТ", "в Бресте")}),
    ("Gomel", 5, {"de": ("GOMEL", "in Gomel"), "en": ("GOMEL", "in Gomel"), "ru": ("ГОМЕЛЬ", "в Гомеле")}),
    ("Grodno", 3, {"de": ("GRODNO", "in Grodno"), "en": ("GRODNO", "in Grodno"), "ru": ("ГРОДНО", "в Гродно")}),
    (
        "Mogilev",
        4,
        {"de": ("MOGILJOW", "in Mogiljow"), "en": ("MOGILEV", "in Mogilev"), "ru": ("МОГИЛЕВ", "в Могилеве")},
    ),
    ("Vitebsk", 4, {"de": ("WITEBSK", "in Witebsk"), "en": ("VITEBSK", "in Vitebsk"), "ru": ("ВИТЕБСК", "в Витебске")}),
)

# --------------------------------------------------------------------------------------------
# Sentence templates
#
# Slots: {year} the report's year (only in "im laufenden Jahr {year}" / "this year ({year})" / "в текущем {year} году"),
# {since} an earlier year, {target} a later year (only after "bis", "by", "до", "к"), {n} a
# round number (a multiple of ten, so Russian nouns agree), {k} 5-12, {pct} 3-45, {mln} a sum,
# {ent} an enterprise, {Off} an official with role (always opens the sentence), {fa} the Russian
# feminine past-tense ending, {city} "in Minsk" / "в Минске", {cap} the partner's capital.
# Region slots, German: {rn} nominative with article, {Rn} the same capitalised, {rd} dative,
# {ri} "im Gebiet Tomsk"; English: {r}, {R}; Russian: {r} nominative (used where the nominative is
# grammatical: "Беларусь и {r}", "из региона {r}"), {R}; leads: {rl} ("региона X" / "регионов X и Y").
# Titles: {rt} the bare name, {t} the area's topic word.
# --------------------------------------------------------------------------------------------

AREA_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        "machinery": (
            "Belarussische Hersteller wollen {ri} ein weiteres Servicezentrum für Traktoren und Landmaschinen "
            "eröffnen.",
            "Die Verkehrsbetriebe von {cap} erhalten {n} Busse und Oberleitungsbusse aus belarussischer Produktion.",
            "Das Unternehmen {ent} will die Lieferungen von Muldenkippern und Straßenbaumaschinen nach {cap} deutlich "
            "ausweiten.",
            "Die kommunalen Betriebe {ri} setzen bereits {n} Maschinen des Herstellers {ent} ein.",
            "Das Händlernetz für belarussische Landtechnik soll bis {target} auf {k} Standorte wachsen.",
            "Seit {since} sind {ri} mehr als {n} Traktoren der Marke Belarus im Einsatz.",
            "{Off} sprach sich für die Lieferung weiterer Kommunalfahrzeuge und Straßenbaumaschinen aus.",
            "Im laufenden Jahr {year} sollen {ri} zudem {n} Lastwagen und "
            "Spezialfahrzeuge aus Belarus in Betrieb gehen.",
            "Das Unternehmen {ent} eröffnet {ri} ein neues Servicezentrum für seine Fahrzeuge und Motoren.",
        ),
        "microelectronics": (
            "Belarussische Hersteller elektronischer Bauteile wollen ihre Zusammenarbeit mit {rd} ausbauen.",
            "Das Unternehmen {ent} soll Mikrochips und Sensoren an Betriebe {ri} liefern.",
            "Gemeinsam mit Partnern aus {cap} will das Unternehmen {ent} neue Leistungshalbleiter erproben.",
            "Im laufenden Jahr {year} sollen Komponenten der Mikroelektronik "
            "im Wert von {mln} Mio. Rubel nach {cap} gehen.",
            "Die Seiten erörterten die Lieferung elektronischer Bauteile und Messgeräte für die Industrie {ri}.",
            "{Off} betonte die Bedeutung der Mikroelektronik für die technologische Souveränität beider Seiten.",
            "Der Bedarf an Halbleitern und integrierten Schaltungen aus Belarus wächst {ri} seit {since} stetig.",
            "Elektronische Steuerungen aus Belarus sollen künftig in Anlagen {ri} zum Einsatz kommen.",
        ),
        "waste_recycling": (
            "Belarus und {rn} wollen bei der Abfallwirtschaft enger zusammenarbeiten.",
            "Nach belarussischem Vorbild soll {ri} eine Anlage zur Mülltrennung entstehen.",
            "Fachleute aus Minsk beraten {cap} beim Aufbau eines Systems für das Recycling von Sekundärrohstoffen.",
            "Im laufenden Jahr {year} soll {ri} ein Werk zur Verarbeitung von Haushaltsabfällen den Betrieb aufnehmen.",
            "Das Unternehmen {ent} bietet Technik für Sortieranlagen und die Wiederverwertung von Kunststoffen an.",
            "{Off} schlug vor, die belarussischen Erfahrungen bei der getrennten Sammlung von Abfällen weiterzugeben.",
            "Bis {target} wollen beide Seiten die Recyclingquote für Verpackungen auf {pct} Prozent steigern.",
            "Die Deponien {ri} sollen durch moderne Anlagen zur Abfallverwertung ersetzt werden.",
        ),
        "training": (
            "Belarussische Hochschulen wollen im kommenden Studienjahr {n} Studenten aus {rd} aufnehmen.",
            "Fachkräfte aus {rd} sollen an belarussischen Universitäten weitergebildet werden.",
            "Im laufenden Jahr {year} absolvierten {n} Ingenieure aus {cap} ein Praktikum in belarussischen Betrieben.",
            "Die Seiten vereinbarten einen Austausch von Lehrkräften und Studierenden zwischen ihren Hochschulen.",
            "Das Unternehmen {ent} bietet Studenten aus {cap} Praktikumsplätze in seinen Werkstätten an.",
            "{Off} kündigte gemeinsame Programme zur Umschulung von Facharbeitern an.",
            "Berufsschulen beider Seiten wollen ihre Lehrpläne für Mechatroniker bis {target} angleichen.",
            "Seit {since} haben mehr als {n} junge Leute aus {rd} an belarussischen Universitäten studiert.",
        ),
        "science": (
            "Belarussische Wissenschaftler und Forscher aus {cap} wollen gemeinsame Projekte in der Materialforschung "
            "starten.",
            "Im laufenden Jahr {year} sollen {k} gemeinsame Forschungsprojekte in der Biotechnologie beginnen.",
            "Ein gemeinsamer Wissenschaftspark soll Forschungsinstitute aus Belarus und {rd} zusammenbringen.",
            "{Off} regte an, die Zusammenarbeit der Akademien der Wissenschaften zu vertiefen.",
            "Die Forscher wollen bis {target} gemeinsam neue Werkstoffe für die Raumfahrt entwickeln.",
            "Das Unternehmen {ent} und Forschungsinstitute {ri} arbeiten an einem gemeinsamen Entwicklungsprojekt.",
            "Seit {since} haben Wissenschaftler beider Seiten mehr als {k} gemeinsame Patente angemeldet.",
        ),
        "trade": (
            "Der Warenumsatz zwischen Belarus und {rd} stieg zuletzt um {pct} Prozent.",
            "Im laufenden Jahr {year} erreichte der Handel zwischen Belarus "
            "und {rd} bislang rund {mln} Mio. US-Dollar.",
            "Die belarussischen Exporte nach {cap} haben sich seit {since} fast verdoppelt.",
            "Das Unternehmen {ent} hat mit Partnern aus {rd} Verträge über {mln} Mio. Rubel abgeschlossen.",
            "Belarussische Unternehmen wollen auf der Messe in {cap} ihre Produkte präsentieren und neue Abnehmer "
            "gewinnen.",
            "{Off} schlug vor, ein belarussisches Handelshaus {ri} zu eröffnen.",
            "Bis {target} soll der gegenseitige Handel auf {mln} Mio. US-Dollar wachsen.",
            "Belarussische Lebensmittel und Möbel sind bei Käufern {ri} zunehmend gefragt.",
        ),
        "industrial_cooperation": (
            "Belarus und {rn} wollen ein Gemeinschaftsunternehmen zur Fertigung von Bauteilen gründen.",
            "Das Unternehmen {ent} will die Montage seiner Erzeugnisse {ri} ausbauen und den Lokalisierungsgrad auf "
            "{pct} Prozent erhöhen.",
            "Zulieferer aus {cap} sollen künftig Komponenten für belarussische Werke fertigen.",
            "Im laufenden Jahr {year} vereinbarten die Seiten bereits {k} gemeinsame Investitionsprojekte.",
            "{Off} sprach sich für eine tiefere Kooperation bei der Produktion von Ersatzteilen aus.",
            "Seit {since} arbeitet das Unternehmen {ent} mit Zulieferern {ri} bei der Fertigung von Baugruppen "
            "zusammen.",
            "Ein gemeinsames Montagewerk {ri} soll bis {target} die volle Kapazität erreichen.",
            "Die Seiten prüfen die Gründung eines Gemeinschaftsunternehmens {ri}.",
        ),
        "agriculture": (
            "Landwirtschaftsbetriebe {ri} interessieren sich für belarussische Erfahrungen in der Milchviehhaltung.",
            "Belarus und {rn} wollen bei der Saatgutzucht und der Verarbeitung von Agrarprodukten zusammenarbeiten.",
            "Im laufenden Jahr {year} sollen {ri} {k} Milchviehanlagen nach belarussischem Muster entstehen.",
            "Das Unternehmen {ent} will mit Agrarbetrieben aus {cap} bei der Verarbeitung von Milch und Fleisch "
            "kooperieren.",
            "{Off} lobte die Fortschritte des belarussischen Agrarsektors bei der Getreideproduktion.",
            "Gemeinsame Zuchtprogramme für Rinder sollen bis {target} anlaufen.",
            "Die Seiten besprachen den Aufbau einer gemeinsamen Kartoffelverarbeitung {ri}.",
        ),
        "energy": (
            "Belarus und {rn} wollen beim Energiesparen und bei erneuerbaren Energien zusammenarbeiten.",
            "Belarussische Fachleute sollen {ri} bei der Modernisierung von Heizkraftwerken helfen.",
            "Im laufenden Jahr {year} soll {ri} ein Solarpark mit belarussischer Beteiligung ans Netz gehen.",
            "Das Unternehmen {ent} liefert Ausrüstung für die Modernisierung der Stromnetze in {cap}.",
            "{Off} verwies auf die Erfahrungen von Belarus mit dem Betrieb des Kernkraftwerks in Ostrowez.",
            "Die Energieeffizienz öffentlicher Gebäude in {cap} soll bis {target} um {pct} Prozent steigen.",
            "Beide Seiten prüfen gemeinsame Projekte in der Erdölverarbeitung und bei der Gasversorgung.",
        ),
        "healthcare": (
            "Belarussische Kliniken und Krankenhäuser {ri} wollen bei der Behandlung von Herzkrankheiten kooperieren.",
            "Im laufenden Jahr {year} sollen Arzneimittel belarussischer "
            "Hersteller in Apotheken in {cap} erhältlich sein.",
            "Das Unternehmen {ent} will medizinische Geräte an Krankenhäuser {ri} liefern.",
            "{Off} schlug eine gemeinsame Herstellung von Impfstoffen vor.",
            "Die Seiten erörterten die Zusammenarbeit in der Telemedizin und der Rehabilitation.",
            "Bis {target} soll in {cap} ein Zentrum für Diagnostik mit belarussischer Ausrüstung entstehen.",
            "Seit {since} wurden in belarussischen Kliniken mehr als {n} Patienten aus {rd} behandelt.",
        ),
        "tourism_culture": (
            "Im laufenden Jahr {year} sollen Tage der belarussischen Kultur {ri} stattfinden.",
            "Reiseveranstalter aus {cap} wollen mehr Touristen nach Belarus bringen.",
            "Museen beider Seiten planen gemeinsame Projekte zur Geschichte und Volkskunst.",
            "{Off} lud Sportler und Künstler aus {rd} zu einem Festival nach Witebsk ein.",
            "Die Zahl der Touristen aus {rd} in Belarus stieg seit {since} um {pct} Prozent.",
            "Jugendorganisationen beider Seiten vereinbarten einen regelmäßigen Austausch von Schülergruppen.",
            "Belarussische Sanatorien wollen bis {target} mehr Gäste aus {cap} empfangen.",
        ),
        "transport_logistics": (
            "Belarus und {rn} wollen ein gemeinsames Logistikzentrum für den Güterverkehr aufbauen.",
            "Im laufenden Jahr {year} soll eine direkte Containerzugverbindung zwischen Minsk und {cap} starten.",
            "Die Seiten erörterten den Transit belarussischer Güter über Seehäfen.",
            "Das Unternehmen {ent} will Lagerhäuser in {cap} für den Umschlag belarussischer Fracht nutzen.",
            "{Off} sprach sich für zusätzliche Güterzüge auf der Strecke nach {cap} aus.",
            "Der Güterverkehr auf der Schiene zwischen beiden Seiten soll bis {target} um {pct} Prozent wachsen.",
            "Belarussische Spediteure planen {ri} ein Terminal für den Straßengüterverkehr.",
        ),
        "construction": (
            "Belarussische Baufirmen sollen in {cap} Wohnhäuser mit insgesamt {n} Wohnungen errichten.",
            "Im laufenden Jahr {year} wollen belarussische Bauunternehmen "
            "{ri} eine Schule und einen Kindergarten bauen.",
            "Das Unternehmen {ent} liefert Baustoffe und Fliesen für Bauprojekte in {cap}.",
            "{Off} schlug vor, belarussische Straßenbauer an der Sanierung von Fernstraßen {ri} zu beteiligen.",
            "Die Seiten besprachen den Bau eines Wohnviertels nach belarussischen Standards in {cap}.",
            "Bis {target} sollen mehr als {n} Kilometer Straßen mit belarussischer Beteiligung erneuert werden.",
            "Seit {since} haben belarussische Bauunternehmen {ri} mehrere Wohnkomplexe übergeben.",
        ),
    },
    "en": {
        "machinery": (
            "Belarusian manufacturers plan to open another service centre for tractors and farm machinery in {cap}.",
            "Transport companies in {cap} will receive {n} buses and trolleybuses made in Belarus.",
            "{ent} will substantially expand deliveries of dump trucks and road-building machinery to {r}.",
            "Municipal services in {cap} already operate {n} vehicles made by {ent}.",
            "The dealer network for Belarusian machinery is to grow to {k} sites by {target}.",
            "Since {since}, more than {n} Belarus tractors have been put into service in {r}.",
            "{Off} called for further supplies of municipal vehicles and road machinery.",
            "This year ({year}), another {n} trucks and special vehicles from Belarus are to go into service in {r}.",
            "{ent} is opening a new service centre for its vehicles and engines in {r}.",
        ),
        "microelectronics": (
            "Belarusian makers of electronic components intend to expand their cooperation with {r}.",
            "{ent} is to supply microchips and sensors to companies in {r}.",
            "{ent} and partners from {cap} will test new power semiconductors for industry.",
            "This year ({year}), microelectronic components worth {mln} million roubles are to be shipped to {cap}.",
            "The sides discussed supplies of electronic components and measuring instruments for industry in {r}.",
            "{Off} stressed the importance of microelectronics for the technological sovereignty of both sides.",
            "Demand in {r} for Belarusian semiconductors and integrated circuits has grown steadily since {since}.",
            "Belarusian electronic control systems will be installed at plants in {cap}.",
        ),
        "waste_recycling": (
            "Belarus and {r} intend to work together more closely on waste management.",
            "Following the Belarusian model, a waste sorting plant is to be built in {cap}.",
            "Experts from Minsk will help {cap} set up a system for recycling secondary raw materials.",
            "This year ({year}), a plant for processing household waste is to start operating in {r}.",
            "{ent} offers equipment for sorting lines and plastic recycling.",
            "{Off} proposed sharing Belarusian experience in separate waste collection.",
            "Both sides want to raise the recycling rate for packaging to {pct} percent by {target}.",
            "Landfills in {r} are to be replaced by modern waste processing facilities.",
        ),
        "training": (
            "Belarusian universities are ready to admit {n} students from {r}.",
            "Specialists from {r} will take further training courses at Belarusian universities.",
            "This year ({year}), {n} engineers from {cap} completed internships at Belarusian enterprises.",
            "The sides agreed on an exchange of teachers and students between their universities.",
            "{ent} will offer students from {cap} internships at its workshops.",
            "{Off} announced joint programmes for retraining skilled workers.",
            "Vocational colleges on both sides intend to align their curricula for mechatronics technicians by "
            "{target}.",
            "Since {since}, more than {n} young people from {r} have graduated from Belarusian universities.",
        ),
        "science": (
            "Belarusian scientists and researchers from {cap} will launch joint projects in materials science.",
            "This year ({year}), {k} joint research projects in biotechnology are to begin.",
            "A joint science park is to bring together research institutes from Belarus and {r}.",
            "{Off} suggested deepening cooperation between the academies of sciences.",
            "The researchers want to develop new materials for the space industry together by {target}.",
            "{ent} and research institutes in {r} are working on a joint R&D project.",
            "Since {since}, scientists from both sides have filed more than {k} joint patent applications.",
        ),
        "trade": (
            "Trade between Belarus and {r} has recently grown by {pct} percent.",
            "This year ({year}), trade between Belarus and {r} has so far reached about {mln} million US dollars.",
            "Belarusian exports to {cap} have almost doubled since {since}.",
            "{ent} has signed contracts worth {mln} million roubles with partners from {r}.",
            "Belarusian companies will present their products at the trade fair in {cap} to win new buyers.",
            "{Off} proposed opening a Belarusian trading house in {r}.",
            "Mutual trade is to grow to {mln} million US dollars by {target}.",
            "Belarusian food products and furniture are increasingly in demand among buyers in {r}.",
        ),
        "industrial_cooperation": (
            "Belarus and {r} intend to set up a joint venture to produce components.",
            "{ent} will expand the assembly of its products in {r} and raise the localisation rate to {pct} percent.",
            "Suppliers from {cap} are to manufacture components for Belarusian plants.",
            "This year ({year}), the sides have already agreed on {k} joint investment projects.",
            "{Off} called for closer cooperation in the production of spare parts.",
            "Since {since}, {ent} has been working with suppliers in {r} on the production of assemblies.",
            "A joint assembly plant in {cap} is to reach full capacity by {target}.",
            "The sides are considering setting up a joint venture in {r}.",
        ),
        "agriculture": (
            "Farms in {r} are interested in Belarusian experience in dairy farming.",
            "Belarus and {r} will cooperate in seed breeding and the processing of farm products.",
            "This year ({year}), {k} dairy complexes built on the Belarusian model are to open in {r}.",
            "{ent} intends to work with farms from {cap} on processing milk and meat.",
            "{Off} praised the progress of the Belarusian agro-industrial complex in grain production.",
            "Joint cattle breeding programmes are to start by {target}.",
            "The sides discussed setting up joint potato processing in {r}.",
        ),
        "energy": (
            "Belarus and {r} will cooperate in energy saving and renewable energy.",
            "Belarusian specialists will help modernise combined heat and power plants in {cap}.",
            "This year ({year}), a solar park built with Belarusian participation is to go online in {r}.",
            "{ent} will supply equipment to modernise the power grid in {cap}.",
            "{Off} spoke about the Belarusian experience in operating the nuclear power plant in Ostrovets.",
            "The energy efficiency of public buildings in {cap} is to improve by {pct} percent by {target}.",
            "The sides are exploring joint projects in oil refining and gas supply.",
        ),
        "healthcare": (
            "Belarusian clinics and hospitals in {r} will cooperate in treating cardiovascular diseases.",
            "This year ({year}), medicines from Belarusian manufacturers "
            "are to become available in pharmacies in {cap}.",
            "{ent} will supply medical equipment to hospitals in {r}.",
            "{Off} proposed setting up joint vaccine production.",
            "The sides discussed cooperation in telemedicine and medical rehabilitation.",
            "A diagnostic centre with Belarusian equipment is to open in {cap} by {target}.",
            "Since {since}, more than {n} patients from {r} have been treated in Belarusian clinics.",
        ),
        "tourism_culture": (
            "This year ({year}), Days of Belarusian Culture are to be held in {r}.",
            "Tour operators from {cap} want to bring more tourists to Belarus.",
            "Museums on both sides are preparing joint projects on history and folk art traditions.",
            "{Off} invited athletes and artists from {r} to a festival in Vitebsk.",
            "Since {since}, the number of tourists from {r} visiting Belarus has grown by {pct} percent.",
            "Youth organisations agreed on regular exchanges of school groups.",
            "Belarusian health resorts expect to welcome more guests from {cap} by {target}.",
        ),
        "transport_logistics": (
            "Belarus and {r} intend to set up a joint logistics centre for freight.",
            "This year ({year}), a direct container train service between Minsk and {cap} is to be launched.",
            "The sides discussed the transit of Belarusian cargo through seaports.",
            "{ent} will use warehouses in {cap} to handle Belarusian freight.",
            "{Off} called for additional freight trains on the route to {cap}.",
            "Rail freight between the two sides is to grow by {pct} percent by {target}.",
            "Belarusian hauliers plan to open a road freight terminal in {r}.",
        ),
        "construction": (
            "Belarusian builders will erect apartment buildings with {n} flats in {cap}.",
            "This year ({year}), Belarusian construction companies are to build a school and a kindergarten in {r}.",
            "{ent} will supply building materials and tiles for construction projects in {cap}.",
            "{Off} proposed involving Belarusian road builders in the repair of highways in {r}.",
            "The sides discussed building a residential district to Belarusian standards in {cap}.",
            "More than {n} kilometres of roads are to be renewed with Belarusian participation by {target}.",
            "Since {since}, Belarusian construction companies have completed several residential complexes in {r}.",
        ),
    },
    "ru": {
        "machinery": (
            "Белорусские производители намерены открыть в городе {cap} еще один сервисный центр для тракторов и "
            "сельхозтехники.",
            "Транспортные предприятия в городе {cap} получат {n} автобусов и троллейбусов белорусского производства.",
            "Предприятие {ent} расширит поставки карьерных самосвалов и дорожной техники партнерам из региона {r}.",
            "Коммунальные службы в городе {cap} уже используют {n} машин предприятия {ent}.",
            "Дилерская сеть белорусской техники должна вырасти до {k} площадок к {target} году.",
            "С {since} года партнеры из региона {r} получили более {n} тракторов «Беларус».",
            "{Off} выступил{fa} за поставки новой коммунальной и дорожно-строительной техники.",
            "В текущем {year} году партнерам из региона {r} будут поставлены {n} грузовиков и спецмашин.",
            "Предприятие {ent} откроет в городе {cap} новый сервисный центр для своих машин и двигателей.",
        ),
        "microelectronics": (
            "Белорусские производители электронных компонентов намерены расширить сотрудничество с партнерами из "
            "региона {r}.",
            "Предприятие {ent} будет поставлять микросхемы и датчики партнерам из региона {r}.",
            "Предприятие {ent} и партнеры из города {cap} испытают новые силовые полупроводники.",
            "В текущем {year} году в город {cap} будут поставлены электронные компоненты на {mln} млн рублей.",
            "Стороны обсудили поставки электронных компонентов и измерительных приборов для промышленности региона.",
            "{Off} подчеркнул{fa} значение микроэлектроники для технологического суверенитета.",
            "Спрос партнеров из региона {r} на белорусские полупроводники и интегральные схемы растет с {since} года.",
            "Белорусские электронные системы управления будут использоваться на предприятиях в городе {cap}.",
        ),
        "waste_recycling": (
            "Беларусь и {r} будут сотрудничать в сфере обращения с отходами.",
            "По белорусскому образцу в городе {cap} появится завод по сортировке мусора.",
            "Специалисты из Минска помогут партнерам из города {cap} создать систему переработки вторичного сырья.",
            "В текущем {year} году в городе {cap} должен заработать завод по переработке бытовых отходов.",
            "Предприятие {ent} предлагает оборудование для сортировочных линий и переработки пластика.",
            "{Off} предложил{fa} передать партнерам белорусский опыт раздельного сбора отходов.",
            "К {target} году стороны намерены довести долю переработки упаковки до {pct}%.",
            "Полигоны в регионе {r} планируется заменить современными мусороперерабатывающими комплексами.",
        ),
        "training": (
            "Белорусские вузы готовы принять {n} студентов из региона {r}.",
            "Специалисты из региона {r} пройдут повышение квалификации в белорусских университетах.",
            "В текущем {year} году {n} инженеров из города {cap} прошли стажировку на белорусских предприятиях.",
            "Стороны договорились об обмене преподавателями и студентами между вузами.",
            "Предприятие {ent} предложит студентам из города {cap} места для производственной практики.",
            "{Off} объявил{fa} о совместных программах переподготовки рабочих кадров.",
            "Колледжи обеих сторон намерены согласовать учебные планы для мехатроников до {target} года.",
            "С {since} года более {n} молодых людей из региона {r} окончили белорусские вузы.",
        ),
        "science": (
            "Белорусские ученые и исследователи из города {cap} начнут совместные проекты в области материаловедения.",
            "В текущем {year} году стартуют {k} совместных исследовательских проектов в сфере биотехнологий.",
            "Совместный научно-технологический парк объединит научные институты Беларуси и партнеров из региона {r}.",
            "{Off} предложил{fa} углубить сотрудничество академий наук двух стран.",
            "До {target} года исследователи намерены совместно разработать новые материалы для космической отрасли.",
            "Предприятие {ent} и научные институты из региона {r} работают над совместным проектом в сфере НИОКР.",
            "С {since} года ученые двух сторон подали более {k} совместных патентных заявок.",
        ),
        "trade": (
            "Товарооборот Беларуси и региона {r} в последнее время вырос на {pct}%.",
            "В текущем {year} году объем торговли Беларуси с партнерами из "
            "региона {r} составил пока около {mln} млн долларов.",
            "Белорусский экспорт в город {cap} с {since} года почти удвоился.",
            "Предприятие {ent} заключило с партнерами из региона {r} контракты на {mln} млн рублей.",
            "Белорусские компании представят свою продукцию на выставке в городе {cap} и найдут новых покупателей.",
            "{Off} предложил{fa} открыть белорусский торговый дом в регионе {r}.",
            "К {target} году взаимная торговля должна вырасти до {mln} млн долларов.",
            "Белорусские продукты питания и мебель пользуются растущим спросом у покупателей из региона {r}.",
        ),
        "industrial_cooperation": (
            "Беларусь и {r} намерены создать совместное предприятие по выпуску комплектующих.",
            "Предприятие {ent} расширит сборку своей продукции в регионе {r} и повысит уровень локализации до {pct}%.",
            "Поставщики из города {cap} будут производить комплектующие для белорусских заводов.",
            "В текущем {year} году стороны уже согласовали {k} совместных инвестиционных проектов.",
            "{Off} выступил{fa} за углубление кооперации в производстве запасных частей.",
            "С {since} года предприятие {ent} сотрудничает с поставщиками из региона {r} в выпуске узлов и агрегатов.",
            "Совместное сборочное производство в городе {cap} должно выйти на полную мощность к {target} году.",
            "Стороны рассматривают создание совместного предприятия в регионе {r}.",
        ),
        "agriculture": (
            "Аграрии из региона {r} интересуются белорусским опытом в молочном животноводстве.",
            "Беларусь и {r} будут сотрудничать в семеноводстве и переработке сельхозпродукции.",
            "В текущем {year} году в регионе {r} по белорусскому образцу появятся {k} молочно-товарных комплексов.",
            "Предприятие {ent} намерено сотрудничать с аграриями из города {cap} в переработке молока и мяса.",
            "{Off} отметил{fa} успехи белорусского агропромышленного комплекса в производстве зерна.",
            "Совместные программы по селекции крупного рогатого скота стартуют до {target} года.",
            "Стороны обсудили создание совместного производства по переработке картофеля в регионе {r}.",
        ),
        "energy": (
            "Беларусь и {r} будут сотрудничать в сфере энергосбережения и возобновляемой энергетики.",
            "Белорусские специалисты помогут партнерам из города {cap} модернизировать теплоэлектроцентрали.",
            "В текущем {year} году в регионе {r} при участии белорусской стороны заработает солнечная электростанция.",
            "Предприятие {ent} поставит оборудование для модернизации электросетей в городе {cap}.",
            "{Off} рассказал{fa} об опыте эксплуатации атомной электростанции в Островце.",
            "Энергоэффективность общественных зданий в городе {cap} должна вырасти на {pct}% к {target} году.",
            "Стороны изучают совместные проекты в нефтепереработке и газоснабжении.",
        ),
        "healthcare": (
            "Белорусские клиники и больницы из региона {r} будут сотрудничать в лечении сердечно-сосудистых "
            "заболеваний.",
            "В текущем {year} году лекарства белорусских производителей появятся в аптеках в городе {cap}.",
            "Предприятие {ent} поставит медицинское оборудование в больницы региона {r}.",
            "{Off} предложил{fa} наладить совместное производство вакцин.",
            "Стороны обсудили сотрудничество в телемедицине и медицинской реабилитации.",
            "К {target} году в городе {cap} появится диагностический центр с белорусским оборудованием.",
            "С {since} года в белорусских клиниках прошли лечение более {n} пациентов из региона {r}.",
        ),
        "tourism_culture": (
            "В текущем {year} году в регионе {r} пройдут Дни белорусской культуры.",
            "Туроператоры из города {cap} намерены привлечь больше туристов в Беларусь.",
            "Музеи двух сторон готовят совместные проекты по истории и народному творчеству.",
            "{Off} пригласил{fa} спортсменов и артистов из региона {r} на фестиваль в Витебск.",
            "С {since} года число туристов из региона {r} в Беларуси выросло на {pct}%.",
            "Молодежные организации договорились о регулярных обменах школьными группами.",
            "Белорусские санатории рассчитывают принять больше гостей из города {cap} к {target} году.",
        ),
        "transport_logistics": (
            "Беларусь и {r} намерены создать совместный логистический центр для грузовых перевозок.",
            "В текущем {year} году будет запущен прямой контейнерный поезд между Минском и городом {cap}.",
            "Стороны обсудили транзит белорусских грузов через морские порты.",
            "Предприятие {ent} будет использовать склады в городе {cap} для перевалки белорусских грузов.",
            "{Off} выступил{fa} за дополнительные грузовые поезда в направлении города {cap}.",
            "Железнодорожные грузоперевозки между сторонами должны вырасти на {pct}% к {target} году.",
            "Белорусские перевозчики планируют открыть автомобильный грузовой терминал в регионе {r}.",
        ),
        "construction": (
            "Белорусские строители возведут в городе {cap} жилые дома на {n} квартир.",
            "В текущем {year} году белорусские строительные компании построят в регионе {r} школу и детский сад.",
            "Предприятие {ent} поставит стройматериалы и плитку для строительных проектов в городе {cap}.",
            "{Off} предложил{fa} привлечь белорусских дорожников к ремонту трасс в регионе {r}.",
            "Стороны обсудили строительство жилого квартала по белорусским стандартам в городе {cap}.",
            "К {target} году при участии белорусской стороны будет обновлено более {n} километров дорог.",
            "С {since} года белорусские строители сдали в регионе {r} несколько жилых комплексов.",
        ),
    },
}

#: Sentences that speak of two areas at once, keyed by the pair.
PAIR_TEMPLATES: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    "de": {
        ("machinery", "trade"): (
            "Die Exporte belarussischer Traktoren und Lastwagen nach {cap} stiegen um {pct} Prozent.",
            "Das Unternehmen {ent} hat mit Abnehmern aus {rd} einen Vertrag über die Lieferung von {n} Fahrzeugen "
            "unterzeichnet.",
        ),
        ("machinery", "agriculture"): (
            "Agrarbetriebe {ri} erhalten {n} Mähdrescher und Traktoren für die Getreideernte.",
            "Die Landwirte {ri} setzen bei der Ernte zunehmend auf belarussische Landtechnik.",
        ),
        ("machinery", "industrial_cooperation"): (
            "Die Montage von Traktoren der Marke Belarus {ri} soll ausgebaut werden.",
            "Das Unternehmen {ent} will die Fertigung von Fahrzeugen {ri} gemeinsam mit einem lokalen Partner "
            "erweitern.",
        ),
        ("training", "science"): (
            "Doktoranden aus {cap} sollen an gemeinsamen Forschungsprojekten belarussischer Institute mitarbeiten.",
            "Belarussische Universitäten und Forscher {ri} wollen gemeinsame Labore für Studenten einrichten.",
        ),
        ("microelectronics", "industrial_cooperation"): (
            "Das Unternehmen {ent} will die Fertigung elektronischer Bauteile mit Partnern {ri} lokalisieren.",
            "Ein gemeinsames Werk für Leiterplatten und Steuergeräte soll {ri} entstehen.",
        ),
        ("trade", "agriculture"): (
            "Die Exporte belarussischer Milchprodukte nach {cap} stiegen um {pct} Prozent.",
            "Agrarbetriebe {ri} wollen mehr Zuchtvieh und Saatgut in Belarus kaufen.",
        ),
    },
    "en": {
        ("machinery", "trade"): (
            "Exports of Belarusian tractors and trucks to {cap} rose by {pct} percent.",
            "{ent} has signed a contract with buyers from {r} to supply {n} vehicles.",
        ),
        ("machinery", "agriculture"): (
            "Farms in {r} will receive {n} combine harvesters and tractors for the grain harvest.",
            "Farmers in {r} increasingly rely on Belarusian machinery at harvest time.",
        ),
        ("machinery", "industrial_cooperation"): (
            "The assembly of Belarus tractors in {r} is to be expanded.",
            "{ent} will expand vehicle production in {r} together with a local partner.",
        ),
        ("training", "science"): (
            "Doctoral students from {cap} will take part in joint research projects of Belarusian institutes.",
            "Belarusian universities and researchers in {r} plan joint laboratories for students.",
        ),
        ("microelectronics", "industrial_cooperation"): (
            "{ent} will localise the production of electronic components with partners in {r}.",
            "A joint plant for circuit boards and control units is to be built in {r}.",
        ),
        ("trade", "agriculture"): (
            "Exports of Belarusian dairy products to {cap} rose by {pct} percent.",
            "Farms in {r} want to buy more breeding cattle and seed in Belarus.",
        ),
    },
    "ru": {
        ("machinery", "trade"): (
            "Экспорт белорусских тракторов и грузовиков в город {cap} вырос на {pct}%.",
            "Предприятие {ent} подписало с покупателями из региона {r} контракт на поставку {n} машин.",
        ),
        ("machinery", "agriculture"): (
            "Аграрии из региона {r} получат {n} комбайнов и тракторов для уборки урожая.",
            "Сельхозпредприятия в городе {cap} все чаще используют белорусскую технику на уборке.",
        ),
        ("machinery", "industrial_cooperation"): (
            "Сборка тракторов «Беларус» в регионе {r} будет расширена.",
            "Предприятие {ent} вместе с местным партнером расширит выпуск машин в регионе {r}.",
        ),
        ("training", "science"): (
            "Аспиранты из города {cap} будут участвовать в совместных исследованиях белорусских институтов.",
            "Белорусские университеты и ученые из региона {r} создадут совместные лаборатории для студентов.",
        ),
        ("microelectronics", "industrial_cooperation"): (
            "Предприятие {ent} локализует производство электронных компонентов вместе с партнерами из региона {r}.",
            "В регионе {r} появится совместный завод печатных плат и блоков управления.",
        ),
        ("trade", "agriculture"): (
            "Экспорт белорусской молочной продукции в город {cap} вырос на {pct}%.",
            "Аграрии из региона {r} намерены закупать в Беларуси больше племенного скота и семян.",
        ),
    },
}

#: Opening sentences (no area). They name every partner region and the event city.
LEAD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "de": (
        "Eine Delegation aus {rd} ist {city} mit Vertretern belarussischer Ministerien und Unternehmen "
        "zusammengetroffen.",
        "Belarus will die Zusammenarbeit mit {rd} weiter ausbauen, hieß es nach Gesprächen {city}.",
        "{Off} hat {city} Vertreter aus {rd} empfangen.",
        "Die Arbeitsgruppe für die Zusammenarbeit mit {rd} ist {city} zu ihrer Sitzung zusammengekommen.",
        "Belarussische Regierungsvertreter und Gäste aus {rd} haben {city} eine Reihe von Vereinbarungen "
        "unterzeichnet.",
        "Gespräche mit {rd} über neue gemeinsame Projekte haben {city} stattgefunden.",
        "Eine Delegation aus {rd} hat im laufenden Jahr {year} erstmals {city} Gespräche geführt.",
        "Die Zusammenarbeit mit {rd} hat sich im laufenden Jahr {year} "
        "spürbar belebt, hieß es bei einem Treffen {city}.",
        "Bei einem Treffen {city} haben Vertreter von Belarus und {rd} die "
        "Bilanz der Zusammenarbeit im laufenden Jahr {year} "
        "gezogen.",
    ),
    "en": (
        "A delegation from {r} met representatives of Belarusian ministries and companies {city}.",
        "Belarus intends to expand its cooperation with {r}, officials said after talks {city}.",
        "{Off} received representatives of {r} {city}.",
        "The working group on cooperation with {r} met {city}.",
        "Belarusian government officials and guests from {r} signed a number of agreements {city}.",
        "Talks with {r} on new joint projects were held {city}.",
        "This year ({year}), a delegation from {r} held talks {city} for the first time.",
        "Cooperation with {r} gained momentum this year ({year}), participants said at a meeting {city}.",
        "At a meeting {city}, representatives of Belarus and {r} reviewed cooperation this year ({year}).",
    ),
    "ru": (
        "Делегация из {rl} провела {city} переговоры с представителями белорусских министерств и предприятий.",
        "Беларусь намерена расширять сотрудничество с партнерами из {rl}, сообщили {city} по итогам переговоров.",
        "{Off} провел{fa} {city} встречу с представителями {rl}.",
        "Рабочая группа по сотрудничеству с партнерами из {rl} провела {city} очередное заседание.",
        "Представители белорусского правительства и гости из {rl} подписали {city} ряд соглашений.",
        "Переговоры с партнерами из {rl} о новых совместных проектах прошли {city}.",
        "В текущем {year} году делегация из {rl} впервые провела переговоры {city}.",
        "Сотрудничество с партнерами из {rl} в текущем {year} году заметно оживилось, отметили на встрече {city}.",
        "На встрече {city} представители Беларуси и {rl} подвели итоги сотрудничества в текущем {year} году.",
    ),
}

#: Protocol sentences (no area).
PROTOCOL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "de": (
        "An dem Treffen nahmen Vertreter mehrerer Ministerien und Unternehmen teil.",
        "{Off} nannte die Gespräche offen und konstruktiv.",
        "Die Seiten unterzeichneten ein Protokoll über die Ergebnisse der Sitzung.",
        "Die nächste Sitzung der Arbeitsgruppe soll in {cap} stattfinden.",
        "Die Delegation aus {rd} besuchte zudem mehrere Betriebe in der Hauptstadt.",
        "Im laufenden Jahr {year} ist dies bereits das dritte Treffen in diesem Format.",
        "Die Gäste wurden von Vertretern der Regierung empfangen.",
        "Beide Seiten bekräftigten ihr Interesse an einer langfristigen Partnerschaft.",
        "{Off} dankte den Gästen für den Besuch.",
        "Ein entsprechender Fahrplan soll bis {target} umgesetzt werden.",
        "Im laufenden Jahr {year} hatten beide Seiten einen Kooperationsplan unterzeichnet.",
        "Insgesamt wurden {k} Dokumente unterzeichnet.",
    ),
    "en": (
        "Representatives of several ministries and companies attended the meeting.",
        "{Off} described the talks as open and constructive.",
        "The sides signed a protocol on the results of the session.",
        "The next session of the working group is to be held in {cap}.",
        "The delegation from {r} also visited several enterprises in the capital.",
        "This year ({year}), this is already the third meeting of its kind.",
        "The guests were received by government representatives.",
        "Both sides reaffirmed their interest in a long-term partnership.",
        "{Off} thanked the guests for the visit.",
        "A corresponding roadmap is to be implemented by {target}.",
        "This year ({year}), the sides signed a cooperation plan.",
        "A total of {k} documents were signed.",
    ),
    "ru": (
        "Во встрече приняли участие представители ряда министерств и предприятий.",
        "{Off} назвал{fa} переговоры открытыми и конструктивными.",
        "Стороны подписали протокол по итогам заседания.",
        "Следующее заседание рабочей группы планируется провести в городе {cap}.",
        "Делегация из региона {r} также посетила несколько предприятий столицы.",
        "В текущем {year} году это уже третья встреча такого рода.",
        "Гостей приняли представители правительства.",
        "Обе стороны подтвердили заинтересованность в долгосрочном партнерстве.",
        "{Off} поблагодарил{fa} гостей за визит.",
        "Соответствующую дорожную карту планируется реализовать до {target} года.",
        "В текущем {year} году стороны подписали план сотрудничества.",
        "Всего было подписано {k} документов.",
    ),
}

#: Closing sentences (no area).
CLOSING_TEMPLATES: dict[str, tuple[str, ...]] = {
    "de": (
        "Das nächste Treffen ist in {cap} geplant.",
        "{Off} lud die belarussische Seite zu einem Gegenbesuch nach {cap} ein.",
        "Die Ergebnisse sollen bei der nächsten Sitzung der Arbeitsgruppe ausgewertet werden.",
        "Die Vereinbarungen sollen in einen gemeinsamen Aktionsplan einfließen.",
    ),
    "en": (
        "The next meeting is planned in {cap}.",
        "{Off} invited the Belarusian side to pay a return visit to {cap}.",
        "The results will be reviewed at the next session of the working group.",
        "The agreements will be included in a joint action plan.",
    ),
    "ru": (
        "Следующую встречу планируется провести в городе {cap}.",
        "{Off} пригласил{fa} белорусскую сторону посетить город {cap} с ответным визитом.",
        "Итоги будут подведены на следующем заседании рабочей группы.",
        "Договоренности войдут в план совместных действий.",
    ),
}

#: Sentences naming a Belarusian body as the source (no area), with the body's canonical name.
SOURCE_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        ("Das teilte der Pressedienst des Industrieministeriums mit.", "Ministry of Industry of Belarus"),
        ("Das teilte die Belarussische Industrie- und Handelskammer mit.",
         "Belarusian Chamber of Commerce and Industry"),
        ("An den Gesprächen nahm auch die Nationale Akademie der Wissenschaften von Belarus teil.",
         "National Academy of Sciences of Belarus"),
        ("Das Außenministerium von Belarus begrüßte die Ergebnisse des Treffens.",
         "Ministry of Foreign Affairs of Belarus"),
    ),
    "en": (
        ("The press service of the Ministry of Industry of Belarus reported this.", "Ministry of Industry of Belarus"),
        ("The Belarusian Chamber of Commerce and Industry reported this.",
         "Belarusian Chamber of Commerce and Industry"),
        ("The National Academy of Sciences of Belarus also took part in the talks.",
         "National Academy of Sciences of Belarus"),
        ("The Ministry of Foreign Affairs of Belarus welcomed the results of the meeting.",
         "Ministry of Foreign Affairs of Belarus"),
    ),
    "ru": (
        ("Об этом сообщили в пресс-службе Министерства промышленности Беларуси.", "Ministry of Industry of Belarus"),
        ("Об этом сообщили в Белорусской торгово-промышленной палате.", "Belarusian Chamber of Commerce and Industry"),
        ("В переговорах также приняли участие представители Национальной академии наук Беларуси.",
         "National Academy of Sciences of Belarus"),
        ("Министерство иностранных дел Беларуси приветствовало итоги встречи.",
         "Ministry of Foreign Affairs of Belarus"),
    ),
}  # fmt: skip

#: Negated or passing mentions of an area (labelled with no area); {t} is the area's topic word.
NEGATION_TEMPLATES: dict[str, tuple[str, ...]] = {
    "de": (
        "Der Bereich {t} stand diesmal nicht auf der Tagesordnung.",
        "Eine Zusammenarbeit im Bereich {t} ist vorerst nicht geplant.",
        "Der Bereich {t} wurde nur am Rande erwähnt.",
        "Über den Bereich {t} wurde bei dem Treffen nicht gesprochen.",
    ),
    "en": (
        "Cooperation in {t} was not on the agenda this time.",
        "No joint projects in {t} are planned for now.",
        "The topic of {t} was mentioned only in passing.",
        "The sides did not discuss {t} at the meeting.",
    ),
    "ru": (
        "Вопросы {t} на этот раз не обсуждались.",
        "Сотрудничество в сфере {t} пока не планируется.",
        "Тема {t} была затронута лишь вскользь.",
        "О развитии {t} на встрече речи не шло.",
    ),
}

#: Headlines (no full stop); {t} is the topic of the report's first area.
TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "de": (
        "{rt} und Belarus wollen Zusammenarbeit im Bereich {t} ausbauen",
        "Belarus und {rt} setzen auf den Bereich {t}",
        "{rt} sucht belarussische Partner im Bereich {t}",
        "Belarus und {rt} vereinbaren neue Projekte",
    ),
    "en": (
        "{R} and Belarus to expand cooperation in {t}",
        "Belarus and {r} discuss {t}",
        "{R} seeks Belarusian partners in {t}",
        "Belarus and {r} agree on new projects",
    ),
    "ru": (
        "{R} и Беларусь расширят сотрудничество в сфере {t}",
        "Беларусь и {r} обсудили развитие {t}",
        "{R} ищет белорусских партнеров в сфере {t}",
        "Беларусь и {r} договорились о новых проектах",
    ),
}

TOPICS: dict[str, dict[str, str]] = {
    "de": {
        "machinery": "Maschinenbau", "microelectronics": "Mikroelektronik", "waste_recycling": "Abfallwirtschaft",
        "training": "Bildung", "science": "Wissenschaft", "trade": "Handel",
        "industrial_cooperation": "Industriekooperation", "agriculture": "Landwirtschaft", "energy": "Energie",
        "healthcare": "Gesundheitswesen", "tourism_culture": "Tourismus", "transport_logistics": "Logistik",
        "construction": "Bauwesen",
    },
    "en": {
        "machinery": "machinery", "microelectronics": "microelectronics", "waste_recycling": "waste management",
        "training": "education", "science": "science", "trade": "trade",
        "industrial_cooperation": "industrial cooperation", "agriculture": "agriculture", "energy": "energy",
        "healthcare": "healthcare", "tourism_culture": "tourism", "transport_logistics": "logistics",
        "construction": "construction",
    },
    "ru": {  # genitive
        "machinery": "машиностроения", "microelectronics": "микроэлектроники", "waste_recycling": "обращения с "
        "отходами",
        "training": "образования", "science": "науки", "trade": "торговли",
        "industrial_cooperation": "промышленной кооперации", "agriculture": "сельского хозяйства",
        "energy": "энергетики", "healthcare": "здравоохранения", "tourism_culture": "туризма",
        "transport_logistics": "логистики", "construction": "строительства",
    },
}  # fmt: skip

#: Attributions appended now and then to area and protocol sentences (before the full stop), so
#: that reports built from the same templates still differ in wording.
TAILS: dict[str, tuple[str, ...]] = {
    "de": (", hieß es", ", teilte die belarussische Seite mit", ", wie es aus Regierungskreisen hieß",
           ", sagten Teilnehmer des Treffens", ", so die Pressestelle", ", wie die Gastgeber mitteilten"),
    "en": (", officials said", ", the Belarusian side said", ", participants of the meeting said",
           ", according to the press service", ", it was reported", ", the hosts said"),
    "ru": (", сообщили в пресс-службе", ", отметили участники встречи", ", сообщила белорусская сторона",
           ", говорится в сообщении", ", по данным пресс-службы", ", отметили организаторы"),
}  # fmt: skip

#: Weekdays as the lead's "{city}" slot puts them: German before, English after the city.
_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "de": ("am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag", "am Sonntag"),
    "en": ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"),
    "ru": ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"),
}

#: How the year phrase of a template is written, for ``year_evidence``.
_YEAR_PHRASES = {"de": ("im laufenden Jahr {year}", "Im laufenden Jahr {year}"),
                 "en": ("this year ({year})", "This year ({year})"),
                 "ru": ("в текущем {year} году", "В текущем {year} году")}  # fmt: skip

# --------------------------------------------------------------------------------------------
# Officials: fictional names (English, German, Russian spellings); any likeness is chance
# --------------------------------------------------------------------------------------------

_SLAVIC_FIRST_M = (
    ("Ivan", "Iwan", "Иван"),
    ("Sergei", "Sergej", "Сергей"),
    ("Andrei", "Andrej", "Андрей"),
    ("Dmitry", "Dmitri", "Дмитрий"),
    ("Pavel", "Pawel", "Павел"),
    ("Viktor", "Viktor", "Виктор"),
    ("Oleg", "Oleg", "Олег"),
    ("Yuri", "Juri", "Юрий"),
    ("Nikolai", "Nikolai", "Николай"),
    ("Alexei", "Alexej", "Алексей"),
    ("Vladimir", "Wladimir", "Владимир"),
    ("Mikhail", "Michail", "Михаил"),
)
_SLAVIC_FIRST_F = (
    ("Yelena", "Jelena", "Елена"),
    ("Natalia", "Natalja", "Наталья"),
    ("Olga", "Olga", "Ольга"),
    ("Irina", "Irina", "Ирина"),
    ("Tatiana", "Tatjana", "Татьяна"),
    ("Svetlana", "Swetlana", "Светлана"),
)
# surname stems: (English, German, Russian) masculine; feminine adds a/a/а
_SLAVIC_LAST = (
    ("Petrov", "Petrow", "Петров"),
    ("Kozlov", "Koslow", "Козлов"),
    ("Volkov", "Wolkow", "Волков"),
    ("Zaitsev", "Saizew", "Зайцев"),
    ("Lebedev", "Lebedew", "Лебедев"),
    ("Sokolov", "Sokolow", "Соколов"),
    ("Morozov", "Morosow", "Морозов"),
    ("Pavlov", "Pawlow", "Павлов"),
    ("Belov", "Below", "Белов"),
    ("Orlov", "Orlow", "Орлов"),
    ("Gusev", "Gussew", "Гусев"),
    ("Tarasov", "Tarassow", "Тарасов"),
    ("Kiselev", "Kisseljow", "Киселев"),
    ("Melnikov", "Melnikow", "Мельников"),
    ("Zhukov", "Schukow", "Жуков"),
)
_KZ_FIRST_M = (("Nurlan", "Nurlan", "Нурлан"), ("Yerlan", "Jerlan", "Ерлан"), ("Askar", "Askar", "Аскар"))
_KZ_FIRST_F = (("Aigul", "Aigul", "Айгуль"), ("Dana", "Dana", "Дана"))
_KZ_LAST = (
    ("Akhmetov", "Achmetow", "Ахметов"),
    ("Seitkaliyev", "Seitkalijew", "Сейткалиев"),
    ("Omarov", "Omarow", "Омаров"),
    ("Zhakupov", "Schakupow", "Жакупов"),
)
_UZ_FIRST_M = (
    ("Rustam", "Rustam", "Рустам"),
    ("Bakhodir", "Bachodir", "Баходир"),
    ("Jamshid", "Dschamschid", "Джамшид"),
)
_UZ_FIRST_F = (("Dilnoza", "Dilnosa", "Дилноза"), ("Nodira", "Nodira", "Нодира"))
_UZ_LAST = (
    ("Yusupov", "Jussupow", "Юсупов"),
    ("Rakhimov", "Rachimow", "Рахимов"),
    ("Nazarov", "Nasarow", "Назаров"),
    ("Tashkentov", "Taschkentow", "Ташкентов"),
)
_CN_NAMES = (  # (English, German, Russian, gender)
    ("Wang Lei", "Wang Lei", "Ван Лэй", "m"), ("Li Ming", "Li Ming", "Ли Мин", "m"),
    ("Zhang Wei", "Zhang Wei", "Чжан Вэй", "m"), ("Liu Yang", "Liu Yang", "Лю Ян", "f"),
    ("Chen Jing", "Chen Jing", "Чэнь Цзин", "f"), ("Zhao Gang", "Zhao Gang", "Чжао Ган", "m"),
)  # fmt: skip

#: Belarusian roles: (canonical role, English text, German m, German f, Russian, areas the role speaks for).
_BY_ROLES: tuple[tuple[str, str, str, str, str, frozenset[str]], ...] = (
    ("Minister of Industry of Belarus", "Belarusian Industry Minister", "Industrieminister", "Industrieministerin",
     "министр промышленности Беларуси", frozenset({"machinery", "microelectronics", "industrial_cooperation"})),
    ("Minister of Agriculture and Food of Belarus", "Belarusian Agriculture Minister", "Landwirtschaftsminister",
     "Landwirtschaftsministerin", "министр сельского хозяйства и продовольствия Беларуси", frozenset({"agriculture"})),
    ("Minister of Education of Belarus", "Belarusian Education Minister", "Bildungsminister", "Bildungsministerin",
     "министр образования Беларуси", frozenset({"training", "science"})),
    ("Minister of Health of Belarus", "Belarusian Health Minister", "Gesundheitsminister", "Gesundheitsministerin",
     "министр здравоохранения Беларуси", frozenset({"healthcare"})),
    ("Minister of Natural Resources and Environmental Protection of Belarus", "Belarusian Environment Minister",
     "Umweltminister", "Umweltministerin", "министр природных ресурсов и охраны окружающей среды Беларуси",
     frozenset({"waste_recycling"})),
    ("Minister of Energy of Belarus", "Belarusian Energy Minister", "Energieminister", "Energieministerin",
     "министр энергетики Беларуси", frozenset({"energy"})),
    ("Minister of Transport and Communications of Belarus", "Belarusian Transport Minister", "Verkehrsminister",
     "Verkehrsministerin", "министр транспорта и коммуникаций Беларуси", frozenset({"transport_logistics"})),
    ("Minister of Architecture and Construction of Belarus", "Belarusian Construction Minister", "Bauminister",
     "Bauministerin", "министр архитектуры и строительства Беларуси", frozenset({"construction"})),
    ("Minister of Sports and Tourism of Belarus", "Belarusian Sports and Tourism Minister",
     "Sport- und Tourismusminister", "Sport- und Tourismusministerin", "министр спорта и туризма Беларуси",
     frozenset({"tourism_culture"})),
    ("Deputy Prime Minister of Belarus", "Belarusian Deputy Prime Minister", "Vizepremier", "Vizepremierin",
     "заместитель премьер-министра Беларуси", frozenset({"trade"})),
)  # fmt: skip

#: Partner-side roles by kind: (canonical prefix, English text, German m, German f, Russian).
_PARTNER_ROLES: dict[str, tuple[str, str, str, str, str]] = {
    "governor": ("Deputy Governor", "Deputy Governor", "Vizegouverneur", "Vizegouverneurin", "заместитель губернатора"),
    "republic": ("Deputy Prime Minister", "Deputy Prime Minister", "Vizepremier", "Vizepremierin",
                 "заместитель премьер-министра"),
    "mayor": ("Deputy Mayor", "Deputy Mayor", "Vizebürgermeister", "Vizebürgermeisterin", "заместитель мэра"),
    "KZ": ("Deputy Akim", "Deputy Akim", "Stellvertretender Akim", "Stellvertretende Akim", "заместитель акима"),
    "UZ": ("Deputy Khokim", "Deputy Khokim", "Stellvertretender Hokim", "Stellvertretende Hokim", "заместитель хокима"),
    "CN": ("Vice Governor", "Vice Governor", "Vizegouverneur", "Vizegouverneurin", "вице-губернатор"),
}  # fmt: skip

# --------------------------------------------------------------------------------------------
# Resources: regions and enterprises
# --------------------------------------------------------------------------------------------

#: German head nouns of region names: (nominative article, dative article, "in" + dative article).
_DE_HEADS: dict[str, tuple[str, str, str]] = {
    "Gebiet": ("das", "dem", "im"),
    "Region": ("die", "der", "in der"),
    "Republik": ("die", "der", "in der"),
    "Provinz": ("die", "der", "in der"),
    "Oblast": ("die", "der", "in der"),
    "Kreis": ("der", "dem", "im"),
    "Bezirk": ("der", "dem", "im"),
}
_CITY_KINDS = frozenset({"city", "federal_city", "municipality"})


@dataclass(frozen=True)
class Region:
    """A partner region with its name forms per language (slot name → text)."""

    iso: str
    country: str
    name_en: str
    role: tuple[str, str, str, str, str]
    forms: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Enterprise:
    """A Belarusian enterprise: canonical name, text forms per language (one is drawn), area cues."""

    name: str
    text: dict[str, tuple[str, ...]]
    cues: frozenset[str]


@dataclass
class Resources:
    """Regions by country and enterprises by area, loaded once."""

    regions: dict[str, list[Region]]
    enterprises: list[Enterprise]
    by_area: dict[str, list[int]] = field(default_factory=dict)


def _split(value: str | None, sep: str = "|") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _usable(name: str) -> bool:
    """Whether a name can stand inside a sentence without fooling the splitter or the CSV."""
    return bool(name) and "." not in name and "\n" not in name and "!" not in name and "?" not in name


def _german_declined(name: str) -> tuple[str, str, str] | None:
    """Nominative, dative and "in" forms of a German region name with a head noun, or ``None``.

    Adjectives before the head take the weak ending after the definite article
    ("Autonomer Kreis der Nenzen" → "der Autonome Kreis der Nenzen", "dem Autonomen Kreis ...").

    >>> _german_declined("Gebiet Tomsk")
    ('das Gebiet Tomsk', 'dem Gebiet Tomsk', 'im Gebiet Tomsk')
    >>> _german_declined("Jüdische Autonome Oblast")[1]
    'der Jüdischen Autonomen Oblast'
    """
    words = name.split()
    head = next((i for i, w in enumerate(words) if w in _DE_HEADS), None)
    if head is None or head == len(words) - 1 and head == 0:
        return None
    nom, dat, in_ = _DE_HEADS[words[head]]
    stems = []
    for adj in words[:head]:
        for ending in ("er", "es", "e"):
            if adj.endswith(ending):
                adj = adj[: -len(ending)]
                break
        stems.append(adj)
    rest = " ".join(words[head:])
    nom_adj = "".join(f"{s}e " for s in stems)
    dat_adj = "".join(f"{s}en " for s in stems)
    return f"{nom} {nom_adj}{rest}", f"{dat} {dat_adj}{rest}", f"{in_} {dat_adj}{rest}"


def _german_forms(aliases: list[str], fallback: str, kind: str) -> dict[str, str]:
    """German slot forms: ``rn`` (nominative), ``Rn``, ``rd`` (dative), ``ri`` ("im ..."), ``rt`` (bare).

    Cities take their bare name; other regions prefer "Gebiet X", then another head noun first
    ("Republik X", "Provinz X"), then a one-word name ("Tatarstan"), then a name with adjectives.
    """
    usable = [a for a in aliases if _usable(a) and not _is_cyrillic(a)] or [fallback]
    if kind in _CITY_KINDS:
        name = next((a for a in usable if a.split()[0] != "Stadt"), usable[0])
        return {"rn": name, "Rn": _cap(name), "rd": name, "ri": f"in {name}", "rt": name}

    def rank(alias: str) -> tuple[int, int]:
        words = alias.split()
        if words[0] == "Gebiet" and len(words) > 1:
            return (0, usable.index(alias))
        if words[0] in _DE_HEADS and len(words) > 1:
            return (1, usable.index(alias))
        if len(words) == 1:
            return (2, usable.index(alias))
        if _german_declined(alias) is not None:
            return (3, usable.index(alias))
        return (4, usable.index(alias))

    name = min(usable, key=rank)
    declined = _german_declined(name)
    if declined is None:
        forms = {"rn": name, "rd": name, "ri": f"in {name}"}
    else:
        forms = dict(zip(("rn", "rd", "ri"), declined, strict=True))
    forms["Rn"] = _cap(forms["rn"])
    forms["rt"] = name
    return forms


def _english_forms(name_en: str, aliases: list[str]) -> dict[str, str]:
    name = name_en if _usable(name_en) else next((a for a in aliases if _usable(a)), name_en.replace(".", ""))
    if name.split()[0] in ("Republic", "Autonomous", "Jewish", "City"):
        name = f"the {name}"
    return {"r": name, "R": _cap(name), "rt": _cap(name)}


def _russian_forms(aliases: list[str], fallback: str) -> dict[str, str]:
    usable = [a for a in aliases if _usable(a) and _is_cyrillic(a)]
    name = usable[0] if usable else fallback
    return {"r": name, "R": _cap(name), "rt": _cap(name)}


def _partner_role(iso: str, country: str, kind: str) -> tuple[str, str, str, str, str]:
    if kind == "republic":
        return _PARTNER_ROLES["republic"]
    if iso == "RU-MOW" or (country == "CN" and kind == "municipality"):
        return _PARTNER_ROLES["mayor"]
    if country in ("KZ", "UZ", "CN"):
        return _PARTNER_ROLES[country]
    return _PARTNER_ROLES["governor"]


def load_regions(path: Path = RESOURCES / "regions.csv") -> dict[str, list[Region]]:
    """Read the partner regions (every country but Belarus) from ``regions.csv``, by country.

    Parameters
    ----------
    path : Path
        A CSV with columns ``iso_code, country, kind, name_en, capital_en, aliases_en, aliases_de,
        aliases_ru, aliases_be, capital_de, capital_ru, capital_be``; aliases ``|``-separated.

    Returns
    -------
    dict of str to list of Region
        Regions by ISO 3166-1 country code, in file order.
    """
    out: dict[str, list[Region]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            country = (row.get("country") or "").strip()
            if not country or country == "BY":
                continue
            iso, name_en = row["iso_code"].strip(), row["name_en"].strip()
            cap_en = (row.get("capital_en") or "").strip() or name_en
            kind = (row.get("kind") or "").strip()
            de = _german_forms(_split(row.get("aliases_de")), name_en, kind)
            en = _english_forms(name_en, _split(row.get("aliases_en")))
            ru_aliases = _split(row.get("aliases_ru"))
            ru = _russian_forms(ru_aliases, ru_aliases[0] if ru_aliases else name_en)
            caps = {"de": row.get("capital_de"), "en": cap_en, "ru": row.get("capital_ru")}
            for lang, forms in (("de", de), ("en", en), ("ru", ru)):
                capital = (caps[lang] or "").strip()
                forms["cap"] = capital if _usable(capital) else cap_en.replace(".", "")
            role = _partner_role(iso, country, kind)
            out.setdefault(country, []).append(Region(iso, country, name_en, role, {"de": de, "en": en, "ru": ru}))
    return out


def _german_enterprise(name: str, aliases: list[str]) -> str | None:
    """A German spelling among the aliases ("Minsker Automobilwerk", "Gomselmasch"), if there is one."""
    for alias in aliases:
        low = alias.casefold()
        if _usable(alias) and not _is_cyrillic(alias) and alias != name:
            if any(m in low for m in ("minsker", "werk", "sch", "ä", "ö", "ü", "ß", "börse", "kombinat")):
                return alias
    return None


def _russian_enterprise(name: str, aliases: list[str]) -> str:
    """The first Cyrillic alias that is not Belarusian (no і, ў or apostrophe), else the canonical name."""
    for alias in aliases:
        if _usable(alias) and _is_cyrillic(alias) and not any(ch in alias for ch in "іІўЎ'’ʼ"):
            return alias
    return name


def load_enterprises(path: Path = RESOURCES / "organisations.csv") -> list[Enterprise]:
    """Read the Belarusian enterprises with area cues from ``organisations.csv``.

    Parameters
    ----------
    path : Path
        A CSV with columns ``entity_id, canonical_name, entity_type, country, full_name_en,
        aliases, area_cues``; aliases ``|``-separated, area cues ``;``-separated.

    Returns
    -------
    list of Enterprise
        Rows with ``country == BY``, an enterprise type and at least one known area cue.
    """
    out: list[Enterprise] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("country") or "").strip() != "BY":
                continue
            if "enterprise" not in (row.get("entity_type") or "").casefold():
                continue
            cues = frozenset(c for c in _split(row.get("area_cues"), ";") if c in AREA_WEIGHTS)
            name = row["canonical_name"].strip()
            if not cues or not _usable(name):
                continue
            aliases = _split(row.get("aliases"))
            german = _german_enterprise(name, aliases)
            text = {
                "de": (name, german) if german else (name,),
                "en": (name,),
                "ru": (_russian_enterprise(name, aliases),),
            }
            out.append(Enterprise(name, text, cues))
    return out


def load_resources(folder: Path = RESOURCES) -> Resources:
    """Load regions and enterprises from the package's resources folder.

    Parameters
    ----------
    folder : Path
        The folder holding ``regions.csv`` and ``organisations.csv``.

    Returns
    -------
    Resources
        Regions by country and enterprises with an index by area cue.
    """
    regions = load_regions(folder / "regions.csv")
    if not regions:
        raise ValueError(f"no partner regions in {folder / 'regions.csv'}")
    enterprises = load_enterprises(folder / "organisations.csv")
    by_area = {a: [i for i, e in enumerate(enterprises) if a in e.cues] for a in AREAS}
    return Resources(regions, enterprises, by_area)


# --------------------------------------------------------------------------------------------
# Compiled templates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A sentence template with the slots it needs, and the areas it is labelled with."""

    text: str
    areas: tuple[str, ...] = ()
    ent: bool = False
    off: bool = False
    year: bool = False
    org: str | None = None
    tail: bool = False  # may take an attribution ("..., hieß es.")


def _compile(text: str, areas: tuple[str, ...] = (), org: str | None = None, *, tail: bool = False) -> Template:
    if not text.endswith(".") or "\n" in text:
        raise ValueError(f"a template must be one line ending with a full stop: {text!r}")
    off = "{Off}" in text
    return Template(text, areas, "{ent}" in text, off, "{year}" in text, org, tail and not off)


@dataclass(frozen=True)
class LanguagePack:
    """All templates of one language, compiled and split by the slots they need."""

    area_plain: dict[str, tuple[Template, ...]]
    area_off: dict[str, tuple[Template, ...]]
    area_ent: dict[str, tuple[Template, ...]]
    pair_plain: dict[tuple[str, str], tuple[Template, ...]]
    pair_ent: dict[tuple[str, str], tuple[Template, ...]]
    lead: tuple[Template, ...]
    lead_year: tuple[Template, ...]
    protocol: tuple[Template, ...]
    closing: tuple[Template, ...]
    sources: tuple[Template, ...]
    negation: tuple[str, ...]
    titles: tuple[str, ...]


def _pack(lang: str) -> LanguagePack:
    plain: dict[str, tuple[Template, ...]] = {}
    off: dict[str, tuple[Template, ...]] = {}
    ent: dict[str, tuple[Template, ...]] = {}
    for area in AREAS:
        ts = [_compile(t, (area,), tail=True) for t in AREA_TEMPLATES[lang][area]]
        plain[area] = tuple(t for t in ts if not t.ent and not t.off)
        off[area] = tuple(t for t in ts if t.off and not t.ent)
        ent[area] = tuple(t for t in ts if t.ent)
    pair_plain: dict[tuple[str, str], tuple[Template, ...]] = {}
    pair_ent: dict[tuple[str, str], tuple[Template, ...]] = {}
    for pair, texts in PAIR_TEMPLATES[lang].items():
        ts = [_compile(t, pair, tail=True) for t in texts]
        pair_plain[pair] = tuple(t for t in ts if not t.ent)
        pair_ent[pair] = tuple(t for t in ts if t.ent)
    leads = [_compile(t) for t in LEAD_TEMPLATES[lang]]
    for t in NEGATION_TEMPLATES[lang]:
        _compile(t)
    return LanguagePack(
        area_plain=plain,
        area_off=off,
        area_ent=ent,
        pair_plain=pair_plain,
        pair_ent=pair_ent,
        lead=tuple(leads),
        lead_year=tuple(t for t in leads if t.year),
        protocol=tuple(_compile(t, tail=True) for t in PROTOCOL_TEMPLATES[lang]),
        closing=tuple(_compile(t) for t in CLOSING_TEMPLATES[lang]),
        sources=tuple(_compile(t, org=org) for t, org in SOURCE_TEMPLATES[lang]),
        negation=NEGATION_TEMPLATES[lang],
        titles=TITLE_TEMPLATES[lang],
    )


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Official:
    canonical: str
    role: str
    text: dict[str, str]  # the official as {Off} writes them, per language
    surface: dict[str, str]  # the name alone, per language
    feminine: bool


class _Cumulative:
    """Weighted choice from a fixed population, with precomputed cumulative weights."""

    def __init__(self, items: Sequence[object], weights: Sequence[float]):
        self.items = list(items)
        self.cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)

    def pick(self, rng: Random) -> object:
        return rng.choices(self.items, cum_weights=self.cum)[0]


def _weekday(year: int, month: int, day: int) -> int:
    """Day of the week, Monday = 0 (Sakamoto's method; no datetime object per report).

    >>> _weekday(2024, 2, 29), _weekday(2018, 1, 1)
    (3, 0)
    """
    offsets = (0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4)
    y = year - (month < 3)
    return (y + y // 4 - y // 100 + y // 400 + offsets[month - 1] + day + 6) % 7


def _area_weights(year: int) -> list[float]:
    factors: dict[str, float] = {}
    for years, f in _STORY.items():
        if year in years:
            factors = f
    return [AREA_WEIGHTS[a] * factors.get(a, 1.0) for a in AREAS]


class _Generator:
    """State shared by all reports of one corpus: resources, templates, weights."""

    def __init__(self, resources: Resources, languages: Sequence[str]):
        unknown = sorted(set(languages) - set(LANGUAGES))
        if unknown or not languages:
            raise ValueError(f"languages must be a non-empty subset of {LANGUAGES}, got {list(languages)}")
        self.languages = tuple(languages)
        self.res = resources
        self.packs = {lang: _pack(lang) for lang in self.languages}
        self.inv_area_weights = {y: [1.0 / w for w in _area_weights(y)] for y in YEARS}
        countries = sorted(c for c in resources.regions if resources.regions[c])
        self.countries = {
            y: _Cumulative(countries, [_COUNTRY_WEIGHTS[y].get(c, 5.0) for c in countries]) for y in YEARS
        }
        self.cities = _Cumulative(range(len(_CITIES)), [c[1] for c in _CITIES])

    # ---- pieces ---------------------------------------------------------------------------

    def _areas(self, rng: Random, year: int) -> list[str]:
        k = rng.choices(_N_AREAS, weights=_N_AREAS_WEIGHTS)[0]
        inv = self.inv_area_weights[year]
        rnd = rng.random
        # weighted sampling without replacement (Efraimidis-Spirakis): the k largest u ** (1/w)
        keys = [(rnd() ** inv[i], i) for i in range(len(AREAS))]
        return [AREAS[i] for _, i in heapq.nlargest(k, keys)]

    def _partners(self, rng: Random, year: int) -> list[Region]:
        country = self.countries[year].pick(rng)
        pool = self.res.regions[country]  # type: ignore[index]
        first = pool[rng.randrange(len(pool))]
        if len(pool) > 1 and rng.random() < 0.15:
            second = pool[rng.randrange(len(pool) - 1)]
            if second is first:
                second = pool[-1]
            return [first, second]
        return [first]

    def _enterprises(self, rng: Random, areas: list[str]) -> list[int]:
        m = rng.choices(_N_ENTERPRISES, weights=_N_ENTERPRISES_WEIGHTS)[0]
        if m == 0:
            return []
        seen: dict[int, None] = {}
        for a in areas:
            for i in self.res.by_area.get(a, ()):
                seen[i] = None
        candidates = list(seen)
        if not candidates:
            return []
        return rng.sample(candidates, min(m, len(candidates)))

    def _official(self, rng: Random, *, partner: Region | None, areas: list[str]) -> _Official:
        feminine = rng.random() < 0.3
        country = partner.country if partner is not None else "BY"
        if country == "CN":
            names = [n for n in _CN_NAMES if (n[3] == "f") == feminine] or list(_CN_NAMES)
            en, de, ru, _ = names[rng.randrange(len(names))]
            full = {"en": en, "de": de, "ru": ru}
        else:
            first_m, first_f, last = {
                "KZ": (_KZ_FIRST_M, _KZ_FIRST_F, _KZ_LAST),
                "UZ": (_UZ_FIRST_M, _UZ_FIRST_F, _UZ_LAST),
            }.get(country, (_SLAVIC_FIRST_M, _SLAVIC_FIRST_F, _SLAVIC_LAST))
            firsts = first_f if feminine else first_m
            f = firsts[rng.randrange(len(firsts))]
            sur = last[rng.randrange(len(last))]
            ending = ("a", "a", "а") if feminine else ("", "", "")
            full = {lang: f"{f[j]} {sur[j]}{ending[j]}" for j, lang in enumerate(("en", "de", "ru"))}
        if partner is None:
            fitting = [r for r in _BY_ROLES if r[5] & set(areas)] or list(_BY_ROLES)
            role = fitting[rng.randrange(len(fitting))]
            canonical_role = role[0]
            titles = {"en": role[1], "de": role[3] if feminine else role[2], "ru": role[4]}
        else:
            prefix, en_title, de_m, de_f, ru_title = partner.role
            canonical_role = f"{prefix} of {partner.forms['en']['r']}"
            titles = {"en": en_title, "de": de_f if feminine else de_m, "ru": ru_title}
        text = {lang: _cap(f"{titles[lang]} {full[lang]}") for lang in full}
        return _Official(full["en"], canonical_role, text, full, feminine)

    # ---- one report -----------------------------------------------------------------------

    def report(self, rng: Random, index: int) -> dict:
        """Compose report number ``index`` (0-based) from the random stream ``rng``."""
        lang = self.languages[rng.randrange(len(self.languages))]
        pack = self.packs[lang]
        year = YEARS[rng.randrange(len(YEARS))]
        month = rng.randrange(12) + 1
        days = 29 if month == 2 and year % 4 == 0 else _DAYS[month - 1]
        day = rng.randrange(days) + 1
        year_in_dateline = rng.random() < 0.22
        partners = self._partners(rng, year)
        areas = self._areas(rng, year)
        ents = self._enterprises(rng, areas)
        officials: list[_Official] = []
        if rng.random() < 0.75:
            officials.append(self._official(rng, partner=None, areas=areas))
        if rng.random() < 0.5:
            officials.append(self._official(rng, partner=partners[0], areas=areas))

        # -- plan: which sentences, with which areas and enterprises
        count = dict.fromkeys(areas, 1)
        total = 1 + len(areas)  # the lead and one sentence per area
        pair: tuple[str, str] | None = None
        pairs = [p for p in pack.pair_plain if p[0] in count and p[1] in count]
        if pairs and rng.random() < 0.35:
            pair = pairs[rng.randrange(len(pairs))]
            total += 1
        ent_at: dict[str, list[int]] = {a: [] for a in areas}
        pair_ent: int | None = None
        for e in ents:
            fitting = [a for a in areas if a in self.res.enterprises[e].cues and pack.area_ent[a]]
            if not fitting:
                continue
            a = fitting[rng.randrange(len(fitting))]
            if pair is not None and a in pair and pair_ent is None and pack.pair_ent.get(pair) and rng.random() < 0.5:
                pair_ent = e
                continue
            if len(ent_at[a]) >= count[a]:
                if count[a] >= 2 or total >= _MAX_SENTENCES or len(ent_at[a]) >= len(pack.area_ent[a]):
                    continue
                count[a] += 1
                total += 1
            ent_at[a].append(e)
        target = rng.randrange(4, _MAX_SENTENCES + 1)
        negate = rng.random() < 0.2 and total < _MAX_SENTENCES
        total += negate
        source = rng.random() < 0.25 and total < _MAX_SENTENCES
        total += source
        closing = rng.random() < 0.5 and total < target
        total += closing
        n_protocol = 0
        while total < target:
            growable = [a for a in areas if count[a] < 2]
            if growable and rng.random() < 0.45:
                count[growable[rng.randrange(len(growable))]] += 1
            else:
                n_protocol += 1
            total += 1

        # -- templates
        blocks: list[list[tuple[Template, int | None]]] = []
        for a in areas:
            chosen: list[tuple[Template, int | None]] = []
            ent_templates = rng.sample(pack.area_ent[a], len(ent_at[a])) if ent_at[a] else []
            chosen += list(zip(ent_templates, ent_at[a], strict=True))
            pool = list(pack.area_plain[a]) + (list(pack.area_off[a]) if officials else [])
            chosen += [(t, None) for t in rng.sample(pool, count[a] - len(ent_at[a]))]
            rng.shuffle(chosen)
            blocks.append(chosen)
        if pair is not None:
            if pair_ent is not None:
                tpl = pack.pair_ent[pair][rng.randrange(len(pack.pair_ent[pair]))]
            else:
                tpl = pack.pair_plain[pair][rng.randrange(len(pack.pair_plain[pair]))]
            blocks.insert(rng.randrange(len(blocks) + 1), [(tpl, pair_ent)])
        protocol_pool = [t for t in pack.protocol if officials or not t.off]
        for t in rng.sample(protocol_pool, n_protocol):
            blocks.insert(rng.randrange(len(blocks) + 1), [(t, None)])
        if source:
            t = pack.sources[rng.randrange(len(pack.sources))]
            blocks.insert(rng.randrange(len(blocks) + 1), [(t, None)])
        rng.shuffle(blocks)
        negated: str | None = None
        if negate:
            others = [a for a in AREAS if a not in count]
            negated = others[rng.randrange(len(others))]
            frame = pack.negation[rng.randrange(len(pack.negation))]
            neg = Template(frame.replace("{t}", TOPICS[lang][negated]))
            blocks.insert(1 + rng.randrange(len(blocks)), [(neg, None)])
        if closing:
            pool = [t for t in pack.closing if officials or not t.off]
            blocks.append([(pool[rng.randrange(len(pool))], None)])
        body = [item for block in blocks for item in block]
        has_year = any(t.year for t, _ in body)
        lead_pool = pack.lead_year if (not year_in_dateline and not has_year) else pack.lead
        lead_pool = tuple(t for t in lead_pool if officials or not t.off)
        lead = lead_pool[rng.randrange(len(lead_pool))]
        items = [(lead, None), *body]

        # -- render
        city_idx = self.cities.pick(rng)
        city_name, _, city_forms = _CITIES[city_idx]  # type: ignore[index]
        dateline_city, city_in = city_forms[lang]
        if rng.random() < 0.5:  # "am Mittwoch in Minsk", "in Minsk on Wednesday", "в среду в Минске"
            weekday = _WEEKDAYS[lang][_weekday(year, month, day)]
            city_in = f"{city_in} {weekday}" if lang == "en" else f"{weekday} {city_in}"
        slots: dict[str, object] = {"year": year, "city": city_in}
        tails = TAILS[lang]
        sentences: list[tuple[str, tuple[str, ...]]] = []
        used_ents: dict[str, None] = {}
        used_officials: dict[int, None] = {}
        orgs: dict[str, None] = {}
        evidence = ""
        for no, (tpl, ent) in enumerate(items):
            if no == 0:
                slots.update(self._lead_region_slots(lang, partners))
            else:
                slots.update(partners[rng.randrange(len(partners))].forms[lang])
            slots["n"] = 10 * (rng.randrange(94) + 2)
            slots["k"] = rng.randrange(5, 13)
            slots["pct"] = rng.randrange(3, 46)
            slots["mln"] = 5 * (rng.randrange(190) + 2)
            slots["since"] = year - 1 - rng.randrange(8)
            slots["target"] = year + 2 + rng.randrange(6)
            if tpl.off:
                o = rng.randrange(len(officials))
                used_officials[o] = None
                slots["Off"] = officials[o].text[lang]
                slots["fa"] = "а" if officials[o].feminine else ""
            if ent is not None:
                e = self.res.enterprises[ent]
                forms = e.text[lang]
                slots["ent"] = forms[rng.randrange(len(forms))] if len(forms) > 1 else forms[0]
                used_ents[e.name] = None
            if tpl.org:
                orgs[tpl.org] = None
            text = tpl.text.format_map(slots)
            if tpl.tail and rng.random() < 0.25:
                text = text[:-1] + tails[rng.randrange(len(tails))] + "."
            if tpl.year and not evidence:
                lower, upper = _YEAR_PHRASES[lang]
                for phrase in (lower, upper):
                    p = phrase.format(year=year)
                    if p in text:
                        evidence = p
                        break
            sentences.append((text, tpl.areas))

        # -- paragraphs, title, dateline
        paragraphs: list[str] = []
        first = 1 + (rng.random() < 0.5)
        paragraphs.append(" ".join(s for s, _ in sentences[:first]))
        i = first
        while i < len(sentences):
            size = (1, 2, 2, 3)[rng.randrange(4)]
            paragraphs.append(" ".join(s for s, _ in sentences[i : i + size]))
            i += size
        article_areas = list(dict.fromkeys(a for _, labels in sentences for a in labels))
        first_area = article_areas[0]
        title = ""
        if rng.random() < 0.5:
            frame = pack.titles[rng.randrange(len(pack.titles))]
            title = frame.format_map({**partners[0].forms[lang], "t": TOPICS[lang][first_area]})
        day_text = f"{day:02d}" if day < 10 and rng.random() < 0.3 else str(day)
        month_name = _MONTHS[lang][month - 1]
        when = f"{day_text}. {month_name}" if lang == "de" else f"{day_text} {month_name}"
        if year_in_dateline:
            when += f" {year}"
        dash = ("-", "-", "-", "-", "-", "-", "–", "–", "—", "—")[rng.randrange(10)]
        dateline = f"{dateline_city}, {when} ({_AGENCY[lang]}) {dash} "
        text = (f"{title}\n\n" if title else "") + dateline + "\n".join(paragraphs) + "\n"
        persons = [f"{officials[o].canonical}|{officials[o].role}|{officials[o].surface[lang]}" for o in used_officials]
        return {
            "id": f"synth-{index:07d}",
            "language": lang,
            "date": f"{year:04d}-{month:02d}-{day:02d}",
            "text": text,
            "title": title or None,
            "dateline_city": city_name,
            "event_location": city_name,
            "partner_regions": [p.iso for p in partners],
            "enterprises": list(used_ents),
            "organisations": list(orgs),
            "persons": persons,
            "areas": article_areas,
            "sentences": sentences,
            "year_in_dateline": year_in_dateline,
            "year_evidence": "" if year_in_dateline else evidence,
            "hard_cases": ["passing_or_negated"] if negated else [],
        }

    @staticmethod
    def _lead_region_slots(lang: str, partners: list[Region]) -> dict[str, str]:
        forms = [p.forms[lang] for p in partners]
        if len(forms) == 1:
            slots = dict(forms[0])
            if lang == "ru":
                slots["rl"] = f"региона {forms[0]['r']}"
            return slots
        join = {"de": " und ", "en": " and ", "ru": " и "}[lang]
        slots = {key: join.join(f[key] for f in forms) for key in forms[0]}
        for key in ("Rn", "R"):
            if key in slots:
                slots[key] = _cap(slots[key])
        if lang == "ru":
            slots["rl"] = f"регионов {forms[0]['r']} и {forms[1]['r']}"
        return slots


def generate(
    n: int, *, seed: int = 0, languages: Sequence[str] = LANGUAGES, resources: Resources | None = None
) -> Iterator[dict]:
    """Yield ``n`` synthetic reports, one dict at a time. FOR SCALE BENCHMARKS ONLY.

    Parameters
    ----------
    n : int
        How many reports.
    seed : int, default 0
        Seed of the one ``random.Random`` that drives everything; the same seed gives the same reports.
    languages : sequence of str, default ("de", "en", "ru")
        The languages to draw from (each report is in one of them, uniformly).
    resources : Resources, optional
        Regions and enterprises; by default read from ``analysis/resources``.

    Yields
    ------
    dict
        ``id``, ``language``, ``date`` (ISO), ``text`` (the full wire report), ``title``,
        ``dateline_city``, ``event_location``, ``partner_regions``, ``enterprises``,
        ``organisations``, ``persons``, ``areas``, ``sentences`` (a list of ``(text, areas)`` in
        the order the loader splits them), ``year_in_dateline``, ``year_evidence``, ``hard_cases``.

    Examples
    --------
    >>> first = next(generate(1, seed=1))
    >>> sorted(first)[:4]
    ['areas', 'date', 'dateline_city', 'enterprises']
    >>> set(first["areas"]) == {a for _, labels in first["sentences"] for a in labels}
    True
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    gen = _Generator(resources or load_resources(), tuple(languages))
    rng = Random(seed)
    for index in range(n):
        yield gen.report(rng, index)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _article_row(report: dict, file: str) -> list[str]:
    return [
        file,
        report["language"],
        report["dateline_city"],
        report["date"],
        "BelTA",
        ";".join(report["partner_regions"]),
        "",
        report["event_location"],
        ";".join(report["enterprises"]),
        ";".join(report["organisations"]),
        ";".join(report["persons"]),
        ";".join(report["areas"]),
        "0",
        "",
        report["title"] or "",
        str(report["year_in_dateline"]),
        report["year_evidence"],
        ";".join(report["hard_cases"]),
        "",
    ]


def write_corpus(
    out: Path,
    n: int,
    *,
    seed: int = 0,
    fmt: str = "jsonl",
    shard_size: int = 10_000,
    languages: Sequence[str] = LANGUAGES,
    resources: Resources | None = None,
) -> int:
    """Stream ``n`` reports to ``out`` with their gold labels; return the number written.

    Parameters
    ----------
    out : Path
        The output folder (created if missing).
    n : int
        How many reports.
    seed : int, default 0
        The random seed.
    fmt : {"jsonl", "txt"}
        ``jsonl``: ``out/raw/reports-00000.jsonl``, ... with ``shard_size`` lines each; ``txt``:
        ``out/raw/<lang>/<id>.txt``.
    shard_size : int, default 10000
        Reports per JSONL file.
    languages : sequence of str
        Languages to draw from.
    resources : Resources, optional
        Regions and enterprises; by default read from ``analysis/resources``.

    Returns
    -------
    int
        Reports written.
    """
    if fmt not in ("jsonl", "txt"):
        raise ValueError(f"format must be jsonl or txt, got {fmt!r}")
    if shard_size < 1:
        raise ValueError(f"shard size must be >= 1, got {shard_size}")
    raw = out / "raw"  # the reports, apart from their labels, as in data/raw and data/gold
    raw.mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(exist_ok=True)
    if fmt == "txt":
        for lang in languages:
            (raw / lang).mkdir(exist_ok=True)
    written = 0
    shard = None
    with (
        (out / "gold" / "articles.csv").open("w", encoding="utf-8", newline="") as art_fh,
        (out / "gold" / "sentences.csv").open("w", encoding="utf-8", newline="") as sen_fh,
    ):
        articles, sentences = csv.writer(art_fh), csv.writer(sen_fh)
        articles.writerow(ARTICLE_COLUMNS)
        sentences.writerow(SENTENCE_COLUMNS)
        try:
            for report in generate(n, seed=seed, languages=languages, resources=resources):
                if fmt == "jsonl":
                    if written % shard_size == 0:
                        if shard is not None:
                            shard.close()
                        shard = (raw / f"reports-{written // shard_size:05d}.jsonl").open(
                            "w", encoding="utf-8", newline="\n"
                        )
                    record = {k: report[k] for k in ("id", "text", "language", "date")}
                    shard.write(json.dumps(record, ensure_ascii=False) + "\n")
                    file = report["id"]
                else:
                    file = f"{report['language']}/{report['id']}.txt"
                    (raw / file).write_text(report["text"], encoding="utf-8", newline="\n")
                articles.writerow(_article_row(report, file))
                sentences.writerows(
                    (file, no, text, ";".join(labels)) for no, (text, labels) in enumerate(report["sentences"], start=1)
                )
                written += 1
        finally:
            if shard is not None:
                shard.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python benchmarks/synth.py --n 10000 --out DIR [...]``.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(
        description="Synthetic BelTA-style reports with gold labels, for scale benchmarks only "
        "(never for quality figures)."
    )
    parser.add_argument("--n", type=int, required=True, help="number of reports (10 to 1,000,000)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl", help="jsonl shards or one .txt a report")
    parser.add_argument("--shard-size", type=int, default=10_000, help="reports per JSONL file (default 10000)")
    parser.add_argument("--languages", default="de,en,ru", help="comma-separated subset of de,en,ru")
    args = parser.parse_args(argv)
    languages = tuple(lang.strip() for lang in args.languages.split(",") if lang.strip())
    if args.n < 0:
        parser.error("--n must be >= 0")
    if args.shard_size < 1:
        parser.error("--shard-size must be >= 1")
    if not languages or set(languages) - set(LANGUAGES):
        parser.error(f"--languages must be a comma-separated subset of {','.join(LANGUAGES)}")
    written = write_corpus(
        args.out, args.n, seed=args.seed, fmt=args.format, shard_size=args.shard_size, languages=languages
    )
    print(f"{written} reports written to {args.out} ({args.format})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
