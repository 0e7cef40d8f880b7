from analysis.load.head import split_head


def test_headline_page_line_body():
    h = split_head(["Busse für Tjumen", "03.05.2019 09:40", "Das Gebiet bestellt Busse.", "Weiter."])
    assert h.title == "Busse für Tjumen" and h.page_date.date.isoformat() == "2019-05-03"
    assert h.dateline is None and h.body == ["Das Gebiet bestellt Busse.", "Weiter."]


def test_headline_page_line_and_dateline():
    h = split_head(["Busse für Tjumen", "03.05.2019", "MINSK, 3. Mai (BelTA) - Das Gebiet bestellt Busse."])
    assert h.title == "Busse für Tjumen" and h.page_date is not None
    assert h.dateline.city == "Minsk" and h.body == ["Das Gebiet bestellt Busse."]


def test_lede_between_headline_and_dateline_stays_in_the_body():
    h = split_head(["Busse für Tjumen", "Ein längerer Vorspann über die Lieferung.", "MINSK, 3. Mai (BelTA) - Text."])
    assert h.title == "Busse für Tjumen" and h.dateline.day == 3
    assert h.body == ["Ein längerer Vorspann über die Lieferung.", "Text."]


def test_no_date_no_headline():
    paragraphs = ["Busse für Tjumen", "Das Gebiet bestellt Busse."]
    h = split_head(paragraphs)
    assert (h.title, h.dateline, h.page_date, h.body) == (None, None, None, paragraphs)
