import pytest

from analysis.load.segment import dedupe_paragraphs, iter_sentence_spans, split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Es gab z. B. Traktoren. Und Busse.", ["Es gab z. B. Traktoren.", "Und Busse."]),
        (
            "Dr. Petrow sprach am 30. August in Omsk. Alle stimmten zu.",
            ["Dr. Petrow sprach am 30. August in Omsk.", "Alle stimmten zu."],
        ),
        ("Die 5. Sitzung fand statt. Sie war kurz.", ["Die 5. Sitzung fand statt.", "Sie war kurz."]),
        (
            "Der Umsatz lag bei 1,5 Mio. Euro im Jahr 2023. Das ist viel.",
            ["Der Umsatz lag bei 1,5 Mio. Euro im Jahr 2023.", "Das ist viel."],
        ),
        (
            "Mr. Ivanov signed contract No. 5 with e.g. MAZ. Talks ended.",
            ["Mr. Ivanov signed contract No. 5 with e.g. MAZ.", "Talks ended."],
        ),
        (
            "В 2023 г. поставки выросли, т. е. вдвое. Это рекорд.",
            ["В 2023 г. поставки выросли, т. е. вдвое.", "Это рекорд."],
        ),
        (
            "Техника, сырье и т. д. поставляются. Дальше — больше.",
            ["Техника, сырье и т. д. поставляются.", "Дальше — больше."],
        ),
        ("Was nun? Weiter! «Gut», sagte er.", ["Was nun?", "Weiter!", "«Gut», sagte er."]),
        ('He said: "We agree." Then they left.', ['He said: "We agree."', "Then they left."]),
        (
            "В. Путин и А. Лукашенко встретились. Итоги подведены.",
            ["В. Путин и А. Лукашенко встретились.", "Итоги подведены."],
        ),
        ("Ends without a full stop", ["Ends without a full stop"]),
        ("Объем составил 1,2 млрд долл. США. Это рекорд.", ["Объем составил 1,2 млрд долл. США.", "Это рекорд."]),
        ("Мы поможем им. Это важно.", ["Мы поможем им.", "Это важно."]),
        (
            "Студенты БГУ им. Купалы и университета им. Скорины. Итоги.",
            ["Студенты БГУ им. Купалы и университета им. Скорины.", "Итоги."],
        ),
        ("Техника и т. д. Затем начались переговоры.", ["Техника и т. д.", "Затем начались переговоры."]),
        ("Busse, Traktoren usw. Die Seiten einigten sich.", ["Busse, Traktoren usw.", "Die Seiten einigten sich."]),
        ("Ein Treffen dieser Art. Danach.", ["Ein Treffen dieser Art.", "Danach."]),
        ("Version 2.0 is out. Price is 3.5 dollars.", ["Version 2.0 is out.", "Price is 3.5 dollars."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_spans_slice_the_text():
    text = "  Erster Satz.   Zweiter Satz!  "
    spans = list(iter_sentence_spans(text))
    assert [text[s:e] for s, e in spans] == ["Erster Satz.", "Zweiter Satz!"]


def test_long_paragraph_is_linear():
    text = "Das ist ein Satz mit z. B. vielen Wörtern. " * 5000
    assert len(split_sentences(text)) == 5000  # would take minutes if the splitter were quadratic


def test_paragraphs_and_repeats():
    text = "A eins.\n\nB zwei.\nC drei.\n a   EINS. \nB zwei."
    paragraphs = split_paragraphs(text)
    assert paragraphs == ["A eins.", "B zwei.", "C drei.", "a   EINS.", "B zwei."]
    kept, dropped = dedupe_paragraphs(paragraphs)
    assert kept == ["A eins.", "B zwei.", "C drei."]
    assert dropped == 2
