"""Decoding: BOM, declarations that tell the truth or lie, detection, mojibake refused."""

from __future__ import annotations

import codecs

import pytest

from cleaning.decode import Decoded, decode_document, looks_like_mojibake, normalize_encoding_name
from cleaning.errors import ExtractionError

ZH_TEXT = (
    "住房和城乡建设部发布建筑节能新规，明确新建居住建筑和公共建筑平均设计能耗水平分别降低百分之三十和百分之二十。"
    "业内专家表示，这一规范的实施将推动建筑领域碳达峰工作，对实现城乡建设绿色低碳发展具有重要意义。"
)
TW_TEXT = "臺灣綠建築標章制度推動多年，新建公有建築物均須取得綠建築標章，以降低能源消耗並提升居住品質。"


def page(body: str, head: str = "", title: str = "新闻") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body><p>{body}</p></body></html>"


def test_gbk_page_without_any_charset_is_detected() -> None:
    content = page(ZH_TEXT).encode("gbk")
    decoded = decode_document(content, declared=None, is_html=True)
    assert ZH_TEXT in decoded.text
    assert decoded.encoding == "gb18030"
    assert decoded.method == "detected"


def test_header_says_utf8_but_page_is_gbk() -> None:
    content = page(ZH_TEXT, '<meta charset="gbk">').encode("gbk")
    decoded = decode_document(content, declared="utf-8", is_html=True)
    assert ZH_TEXT in decoded.text
    assert decoded.encoding == "gb18030"
    assert decoded.method == "meta"


def test_header_and_meta_both_lie_about_a_gbk_page() -> None:
    content = page(ZH_TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">').encode("gbk")
    decoded = decode_document(content, declared="UTF-8", is_html=True)
    assert ZH_TEXT in decoded.text
    assert decoded.method == "detected"


def test_meta_says_gb2312_but_page_is_utf8() -> None:
    content = page(ZH_TEXT, '<meta charset="gb2312">').encode("utf-8")
    decoded = decode_document(content, declared=None, is_html=True)
    assert ZH_TEXT in decoded.text
    assert decoded.encoding == "utf-8"


def test_meta_says_latin1_but_page_is_gbk() -> None:
    content = page(ZH_TEXT, '<meta charset="iso-8859-1">').encode("gbk")
    decoded = decode_document(content, declared=None, is_html=True)
    assert ZH_TEXT in decoded.text


def test_gb2312_declaration_is_read_as_gb18030() -> None:
    text = ZH_TEXT + "朱镕基"  # 镕 is in GBK, not in GB2312
    content = page(text, '<meta charset="gb2312">').encode("gb18030")
    decoded = decode_document(content, declared=None, is_html=True)
    assert text in decoded.text
    assert decoded.encoding == "gb18030"
    assert decoded.method == "meta"


def test_declared_header_is_used_when_it_decodes() -> None:
    content = page(ZH_TEXT).encode("gbk")
    decoded = decode_document(content, declared="GBK", is_html=True)
    assert decoded == Decoded(decoded.text, "gb18030", "declared")
    assert ZH_TEXT in decoded.text


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_bom_wins_over_a_wrong_declaration(bom: bytes, codec: str) -> None:
    content = bom + page(ZH_TEXT, '<meta charset="gbk">').encode(codec)
    decoded = decode_document(content, declared="iso-8859-1", is_html=True)
    assert decoded.method == "bom"
    assert ZH_TEXT in decoded.text
    assert not decoded.text.startswith("\ufeff")


def test_big5_declared_and_undeclared() -> None:
    declared = decode_document(
        page(TW_TEXT, '<meta charset="big5">', "新聞").encode("big5"), declared=None, is_html=True
    )
    assert TW_TEXT in declared.text
    assert declared.encoding == "big5hkscs"
    detected = decode_document(page(TW_TEXT, title="新聞").encode("big5"), declared=None, is_html=True)
    assert TW_TEXT in detected.text


def test_utf8_page_with_a_few_stray_latin1_bytes_stays_utf8() -> None:
    text = "Größere Wärmepumpen für Häuser " * 20
    content = page(text).encode("utf-8").replace(b"</p>", b" f\xfcr</p>")
    decoded = decode_document(content, declared="utf-8", is_html=True)
    assert decoded.encoding == "utf-8"
    assert "Größere Wärmepumpen" in decoded.text


def test_plain_text_files_in_gbk_and_utf8() -> None:
    assert decode_document(ZH_TEXT.encode("gbk"), declared=None, is_html=False).text == ZH_TEXT
    assert decode_document(ZH_TEXT.encode("utf-8"), declared=None, is_html=False).text == ZH_TEXT


def test_double_encoded_utf8_mojibake_is_refused() -> None:
    mojibake = ZH_TEXT.encode("utf-8").decode("latin-1")  # what a wrong reader once stored
    with pytest.raises(ExtractionError) as caught:
        decode_document(page(mojibake).encode("utf-8"), declared="utf-8", is_html=True)
    assert caught.value.reason == "encoding"


def test_binary_garbage_is_refused() -> None:
    garbage = bytes(range(128, 256)) * 40
    with pytest.raises(ExtractionError) as caught:
        decode_document(garbage, declared=None, is_html=False)
    assert caught.value.reason == "encoding"


def test_mojibake_detector_and_charset_names() -> None:
    assert looks_like_mojibake("Ã¤Ã¶Ã¼ " * 20)
    assert not looks_like_mojibake(ZH_TEXT)
    assert not looks_like_mojibake("Größere Wärmepumpen für Häuser")
    assert normalize_encoding_name("GB2312") == "gb18030"
    assert normalize_encoding_name("text/html; charset=GBK") == "gb18030"
    assert normalize_encoding_name("no-such-charset") is None
