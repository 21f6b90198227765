"""Cookie notices in the other languages pages print them in (QA pass 4, finding 6: a German banner kept as
body). English notices are covered in test_english_furniture."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract

READ_AT = datetime(2024, 3, 6, tzinfo=UTC)
DE_PARAGRAPHS = [
    "Die Bundesregierung fördert den Bau energieeffizienter Gebäude ab dem kommenden Jahr mit zusätzlichen Mitteln.",
    "Nach Angaben des Ministeriums sollen vor allem Sanierungen im Bestand profitieren, die den Energiebedarf senken.",
    "Verbände begrüßten die Entscheidung, forderten aber langfristig verlässliche Förderbedingungen für Bauherren.",
]
NOTICES = [
    "Cookies erleichtern die Bereitstellung unserer Dienste. Mit der Nutzung unserer Dienste erklären Sie sich damit "
    "einverstanden, dass wir Cookies verwenden.",
    "Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu gewährleisten.",
    "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu analysieren.",
    "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
    "Este sitio web utiliza cookies para mejorar su experiencia.",
    "本网站使用Cookie来改善您的浏览体验，继续浏览即表示您同意我们使用Cookie。",
    "我们使用 cookies 以便为您提供更好的服务。",
]


@pytest.mark.parametrize("notice", NOTICES)
def test_a_cookie_notice_line_is_dropped(notice: str) -> None:
    match = classify_line(notice)
    assert match is not None and match.rule.kind == "drop"


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Studie untersucht, wie Cookies und Tracking das Verhalten von Nutzern beeinflussen.",
        "我们使用的建材全部来自本地供应商。",
    ],
)
def test_a_sentence_about_cookies_or_use_stays(sentence: str) -> None:
    match = classify_line(sentence)
    assert match is None or match.rule.kind != "drop"


def test_a_german_cookie_banner_inside_the_article_is_not_body() -> None:
    body = "".join(f"<p>{p}</p>" for p in DE_PARAGRAPHS)
    html = (
        "<html lang='de'><head><title>Neue Förderung für Gebäude</title></head><body><article>"
        f"<h1>Neue Förderung für Gebäude</h1>{body}<p>{NOTICES[0]}</p></article></body></html>"
    )
    article = extract(html_raw(html, "https://example.de/news/foerderung.html", read_at=READ_AT))
    assert [p.text for p in article.paragraphs] == DE_PARAGRAPHS


def test_a_chinese_cookie_line_after_a_pasted_story_is_not_body() -> None:
    story = (
        "超低能耗建筑进入规模化推广阶段\n2024-03-12\n"
        "记者从住房和城乡建设部了解到，今年以来各地新建超低能耗建筑面积持续增长，建筑领域碳排放强度稳步下降。\n\n"
        "北方地区清洁取暖改造与既有建筑节能改造同步推进，多地出台了配套的财政补贴政策。\n"
    )
    article = extract(text_raw(story + NOTICES[5] + "\n", read_at=READ_AT))
    assert "Cookie" not in "\n".join(p.text for p in article.paragraphs)
    assert len(article.paragraphs) == 2
