import numpy as np
import pytest

from analysis.load.dedup import concat_shingles, find_duplicates, shingle_hashes

BASE = (
    "Belarus und das Gebiet Omsk vereinbarten die Lieferung von dreißig Bussen des Minsker Automobilwerks. "
    "Außerdem soll in Omsk ein Servicezentrum für Traktoren entstehen. Die Seiten besprachen auch "
    "Praktika für Studenten an belarussischen Hochschulen und den Bau einer Sortieranlage für Abfälle."
)


def test_exact_and_near_copies_point_at_the_first():
    edited = BASE.replace("dreißig", "vierzig") + " Der nächste Besuch ist im Herbst geplant."
    other = "Die Republik Tatarstan und Belarus sprachen über Mikroelektronik und Forschung in Kasan."
    assert find_duplicates([BASE, other, BASE.upper(), edited]) == [None, None, 0, 0]


def test_order_decides_the_original():
    edited = BASE.replace("dreißig", "vierzig")
    assert find_duplicates([edited, BASE], order=["2021-05-02", "2021-05-01"]) == [1, None]
    assert find_duplicates([edited, BASE], order=[None, "2021-05-01"]) == [1, None]


def test_different_reports_stay_apart():
    texts = [BASE, "Ein ganz anderer Bericht über Landwirtschaft und Milchprodukte in Brest.", ""]
    assert find_duplicates(texts) == [None, None, None]


def test_threshold_validated():
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([BASE], threshold=0)


def _reports(n: int, seed: int = 0) -> list[str]:
    """Template-built reports: three of six frames, different fillers — the kind of pairs that crowd
    LSH buckets as a corpus grows."""
    import random

    rng = random.Random(seed)
    regions = ["Omsk", "Tomsk", "Kasan", "Ufa", "Perm", "Samara", "Tjumen", "Kursk"]
    goods = ["Traktoren", "Busse", "Aufzüge", "Mähdrescher", "Lastwagen", "Mikrochips", "Milchpulver"]
    frames = [
        "Belarus und {r} vereinbarten die Lieferung von {n} {g}.",
        "Die Seiten sprachen auch über {g} und über Praktika in {r}.",
        "Beide Seiten wollen die Zusammenarbeit in der Industrie ausbauen, hieß es in {r}.",
        "Die nächste Sitzung der Arbeitsgruppe ist für das kommende Jahr in {r} geplant.",
        "Der Handel mit {g} wuchs im vergangenen Jahr um {n} Prozent.",
        "In {r} soll ein gemeinsames Werk für {g} entstehen.",
    ]
    return [
        " ".join(
            f.format(r=rng.choice(regions), g=rng.choice(goods), n=rng.randint(1, 500)) for f in rng.sample(frames, 3)
        )
        for _ in range(n)
    ]


def test_signature_estimate_keeps_copies_and_drops_template_pairs():
    from analysis.load.dedup import _estimated_similarity, candidate_pairs, shingle_hashes, sketch

    texts = _reports(300)
    texts.append(texts[7].replace("Belarus", "Die Republik Belarus"))  # a near copy of report 7
    sketches = sketch(texts)
    pairs = candidate_pairs(sketches)
    assert [7, 300] in pairs.tolist()
    # the pairs that share a band: most are reports of one template, and the estimate drops them
    sharing = set()
    for k in range(sketches.n_bands):
        buckets: dict[int, list[int]] = {}
        for i, value in enumerate(sketches.band(k).tolist()):
            buckets.setdefault(value, []).append(i)
        sharing |= {(a, b) for members in buckets.values() for a in members for b in members if a < b}
    kept = {tuple(p) for p in pairs.tolist()}
    assert kept <= sharing and len(sharing) > 2 * len(kept)
    jaccard = {
        (i, j): len(np.intersect1d(shingle_hashes(texts[i]), shingle_hashes(texts[j])))
        / len(np.union1d(shingle_hashes(texts[i]), shingle_hashes(texts[j])))
        for i, j in sharing
    }
    assert all(jaccard[p] < 0.7 for p in sharing - kept)  # no copy dropped
    assert max(jaccard[p] for p in sharing - kept) > 0.3  # similar reports were dropped
    assert (_estimated_similarity(sketches, pairs[:, 0], pairs[:, 1]) >= 0.5).all()


def test_sketch_files_find_what_sketches_in_memory_find(tmp_path):
    from analysis.load.dedup import Sketches, SketchFiles, candidate_pairs, resolve_duplicates, save_sketches, sketch

    texts = _reports(200, seed=1)
    texts += [texts[3], texts[50] + " Ein Satz mehr.", texts[120].upper()]
    chunks = [texts[:90], texts[90:91], [], texts[91:]]
    parts = [sketch(c) for c in chunks]
    whole = Sketches.concat(parts)
    light = [save_sketches(p, tmp_path / f"part-{k}") for k, p in enumerate(parts)]
    assert all(p.bands is None and p.signatures is None for p in light)
    stored = SketchFiles.of(light, [tmp_path / f"part-{k}" for k in range(len(parts))])
    assert len(stored) == len(whole) == len(texts)
    for k in (0, whole.n_bands - 1):
        np.testing.assert_array_equal(stored.band(k), whole.band(k))
    rows = np.array([0, 89, 90, 91, len(texts) - 1])
    np.testing.assert_array_equal(stored.signature_rows(rows), whole.signature_rows(rows))
    np.testing.assert_array_equal(candidate_pairs(stored), candidate_pairs(whole))

    def shingles_of(idx):
        return concat_shingles([shingle_hashes(texts[i]) for i in idx])

    rank = list(range(len(texts)))
    found = resolve_duplicates(stored, rank, shingles_of)
    assert found == resolve_duplicates(whole, rank, shingles_of)
    assert found[200:] == [3, 50, 120]


def test_one_text_republished_many_times_stays_linear():
    """A bucket of 10,000 copies is compared through each copy's first MAX_BUCKET_PAIRS bucket
    mates in each band, not all 50 million pairs, and every copy still points at the first."""
    from analysis.load.dedup import MAX_BUCKET_PAIRS, candidate_pairs, sketch

    n = 10_000
    texts = [BASE + f" Meldung {i}." for i in range(n)]
    sketches = sketch(texts)
    bound = sketches.n_bands * MAX_BUCKET_PAIRS * n
    assert bound < n * (n - 1) // 2
    assert len(candidate_pairs(sketches)) <= bound
    assert find_duplicates(texts[:600]) == [None] + [0] * 599
