"""A credit run on to an article's last sentence, in the same paragraph: 中央社 (CNA) ends a story with the editor
and a date code ("…淨零轉型。（編輯：張三）1130305"), other sites with "（责任编辑：X）", "【编辑：X】" or a bare
"责任编辑：X". The sentence stays body; the credit is read (editors) and removed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import split_closing_credit
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
TW_PARAGRAPH = (
    "經濟部能源署今天公布建築能效評估結果，新建公有建築物須取得建築能效1級以上標示，並透過外殼隔熱、"
    "自然通風、高效率空調及智慧照明等手段提升等級，以落實二〇五〇淨零排放目標。"
)
ZH_PARAGRAPH = (
    "住房和城乡建设部近日印发通知，要求各地加快推进既有建筑节能改造，提升新建建筑绿色低碳水平，"
    "推动建筑领域碳达峰工作取得实效，并定期通报各地工作进展情况。"
)
TW_LAST = "能源署表示，未來將擴大補助範圍，協助地方政府與民間業者汰換老舊設備，並將持續推動淨零轉型。"
ZH_LAST = "住房和城乡建设部有关负责人表示，下一步将加强统筹协调，持续推进城乡建设领域绿色低碳转型。"


def _cna_page(last_paragraph: str, paragraph: str = TW_PARAGRAPH) -> str:
    return (
        "<html><head><title>能源署公布建築能效評估結果 | 中央社 CNA</title></head><body>"
        '<div class="nav"><a href="/">首頁</a> <a href="/list/aipl.aspx">政治</a></div>'
        '<div class="centralContent"><h1><span>能源署公布建築能效評估結果</span></h1>'
        f'<div class="paragraph"><p>{paragraph}</p><p>{paragraph}</p><p>{last_paragraph}</p></div></div>'
        '<div class="footer">中央通訊社 版權所有 © 2024 Central News Agency</div></body></html>'
    )


def _html(html: str) -> ExtractedArticle:
    return extract(html_raw(html, "https://www.cna.com.tw/news/aipl/202403050123.aspx", read_at=READ_AT))


def _text(text: str) -> ExtractedArticle:
    return extract(text_raw(text, read_at=READ_AT))


CLOSINGS = [
    # (paragraph's last sentence, the credit run on to it, the editor it names)
    (TW_LAST, "（編輯：張三）1130305", "張三"),
    (TW_LAST, "（編輯：張三、李四）1130305", "張三"),
    (TW_LAST, "（責任編輯：李四）", "李四"),
    (TW_LAST, "【編輯：王五】", "王五"),
    (TW_LAST, "(編輯:趙六)", "趙六"),
    (ZH_LAST, "（编辑：张三）", "张三"),
    (ZH_LAST, "责任编辑：张三", "张三"),
    (ZH_LAST + "（完）", "（责任编辑：刘洋）", "刘洋"),
    (ZH_LAST, "编辑：张三 审核：李四", "李四"),
    (ZH_LAST, "（编辑：张三 审核：李四）", "张三"),
]


@pytest.mark.parametrize(("sentence", "credit", "editor"), CLOSINGS)
def test_html_closing_credit_leaves_the_last_paragraph(sentence: str, credit: str, editor: str) -> None:
    article = _html(_cna_page(sentence + credit))
    assert article.paragraphs[-1].text == sentence
    assert credit not in article.body_text
    assert editor in article.editors
    assert any(block.text == credit for block in article.removed)


@pytest.mark.parametrize(("sentence", "credit", "editor"), CLOSINGS)
def test_text_closing_credit_leaves_the_last_paragraph(sentence: str, credit: str, editor: str) -> None:
    article = _text(f"能源署公布建築能效評估結果\n\n{TW_PARAGRAPH}\n\n{TW_PARAGRAPH}\n\n{sentence}{credit}\n")
    assert article.paragraphs[-1].text == sentence  # the sentence is body, not trailing furniture
    assert credit not in article.body_text
    assert editor in article.editors


def test_closing_credit_on_its_own_paragraph_with_a_date_code() -> None:
    article = _html(_cna_page(TW_LAST + "</p><p>（編輯：張三）1130305"))
    assert article.paragraphs[-1].text == TW_LAST
    assert article.editors == ("張三",)


@pytest.mark.parametrize(
    "paragraph",
    [
        # an editor mentioned inside the sentence, not a credit after it
        "本刊编辑：张三表示，建筑节能改造要因地制宜。",
        # a bracketed note that is not a credit
        "新建公有建築物須取得建築能效1級以上標示。（本報訊）",
        # a credit not after a sentence end: the whole line is a credit line, not a sentence with one run on
        "（编辑：张三）",
        # a date code alone after a sentence: not a credit
        "將持續推動淨零轉型。1130305",
    ],
)
def test_what_is_not_a_closing_credit(paragraph: str) -> None:
    assert split_closing_credit(paragraph) is None


def test_split_closing_credit_keeps_the_sentence_as_printed() -> None:
    assert split_closing_credit(TW_LAST + "（編輯：張三）1130305") == (TW_LAST, "（編輯：張三）1130305")
