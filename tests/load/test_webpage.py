import pandas as pd

from analysis.load.webpage import page_record
from analysis.pipeline import load_articles

PAGE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Омск закупит белорусские автобусы — Новости региона</title>
<meta property="og:title" content="Омск закупит белорусские автобусы">
<meta property="og:url" content="https://region.example/news/omsk-avtobusy">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Омск закупит белорусские автобусы", "datePublished": "2022-03-15T09:30:00+06:00"}</script>
</head><body>
<header><nav><a href="/">Главная</a> <a href="/economy">Экономика</a> <a href="/sport">Спорт</a></nav></header>
<main><article><h1>Омск закупит белорусские автобусы</h1>
<p>ОМСК, 15 марта - Правительство Омской области договорилось о поставке сорока автобусов МАЗ для маршрутов.</p>
<p>Первые машины поступят в город летом, сообщили в министерстве транспорта региона.</p>
</article>
<aside><h3>Читайте также</h3><ul><li><a href="/x">Погода на выходные: снег и ветер</a></li></ul></aside></main>
<footer>© Новости региона. Все права защищены. Подписывайтесь на наш канал.</footer>
</body></html>"""


def test_page_gives_article_text_title_date_url():
    r = page_record(PAGE)
    assert r.title == "Омск закупит белорусские автобусы"
    assert r.date.startswith("2022-03-15") and r.url == "https://region.example/news/omsk-avtobusy"
    assert "сорока автобусов МАЗ" in r.text and "Первые машины" in r.text
    for chrome in ("Главная", "Спорт", "Погода", "права защищены"):
        assert chrome not in r.text


def test_saved_page_loads_as_one_report(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "menu.htm").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = load_articles(tmp_path, progress=False)
    assert len(result.articles) + len(result.rejects) == result.n_inputs == 2
    (a,) = result.articles.itertuples()
    assert (a.title, a.date, a.date_source, a.url, a.language, a.dateline_city) == (
        "Омск закупит белорусские автобусы",
        pd.Timestamp("2022-03-15"),
        "record",
        "https://region.example/news/omsk-avtobusy",
        "ru",
        "Omsk",
    )
    assert "<" not in a.text and "Спорт" not in a.text and a.text.startswith("Правительство Омской области")
    assert result.rejects["reason"].tolist() == ["no_text"]
