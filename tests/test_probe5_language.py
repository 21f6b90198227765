"""`language` is a guess from the script of the body's letters (QA pass 4, finding 4): a page in another script
keeps its own code (Bengali "bn", as schema.md promises for "ru", "ja", ...), and an English text quoting some
Japanese is English: the majority script by letters decides, not the presence of any kana."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.language import detect_language
from cleaning.pipeline import extract

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
BENGALI = (
    "কুষ্টিয়া-১ (দৌলতপুর) আসনের সংসদ সদস্য অ্যাডভোকেট আ ক ম সারওয়ার জাহান বাদশার ফুপাতো ভাই হাসিনুর রহমানকে "
    "কুপিয়ে হত্যা করা হয়েছে। এ সময় জব্বার নামে আরেকজন আহত হন। আজ শনিবার সকাল সাড়ে ৭টার দিকে দৌলতপুর উপজেলার "
    "ফিলিপনগর গ্রামে এ ঘটনা ঘটে।"
)
ENGLISH_WITH_JAPANESE = (
    "Japan is a safe country. Unless you are a woman riding on a packed train during rush hour, that is. "
    "Chikan (痴漢), or train groping, continues to be a problem in Japan, and the authorities are not doing "
    "enough to tackle the issue. One tweet this week read: 「電車で痴漢に遭った。誰も助けてくれなかった。」 "
    "Another wrote: 「もう電車に乗るのが怖い。毎朝びくびくしている。」 "
    "Another user replied that railway companies should add more women-only cars during the morning rush, "
    "and that station staff should be trained to respond when a passenger asks for help on the platform."
)
JAPANESE = (
    "政府は住宅の省エネ基準を二〇三〇年までに引き上げる方針を決めた。新築住宅には断熱性能の向上と太陽光パネルの"
    "設置を求め、既存住宅の改修にも補助金を出す。"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (BENGALI, "bn"),
        ("தமிழ்நாட்டில் புதிய கட்டிடங்களுக்கான ஆற்றல் சேமிப்பு விதிகள் அறிவிக்கப்பட்டன", "ta"),
        ("საქართველოს მთავრობამ ენერგოეფექტურობის ახალი წესები დაამტკიცა", "ka"),
        (ENGLISH_WITH_JAPANESE, "en"),
        (JAPANESE, "ja"),
        ("住房和城乡建设部发布《建筑节能与可再生能源利用通用规范》，自2022年4月1日起实施。", "zh"),
    ],
)
def test_the_majority_script_decides(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_bengali_page_declared_english_is_bengali() -> None:
    html = (
        "<html lang='en'><head><title>এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা</title></head><body><article>"
        f"<h1>এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা</h1><p>{BENGALI}</p><p>{BENGALI}</p></article></body></html>"
    )
    assert extract(html_raw(html, "https://www.example.com/bd/1", read_at=READ_AT)).language == "bn"


def test_an_english_blog_post_quoting_japanese_is_english() -> None:
    html = (
        "<html lang='en-US'><head><title>Tweet of the Week #67: Dealing With Chikan</title></head><body><article>"
        f"<h1>Tweet of the Week #67: Dealing With Chikan</h1><p>{ENGLISH_WITH_JAPANESE}</p>"
        f"<p>{ENGLISH_WITH_JAPANESE}</p></article></body></html>"
    )
    assert extract(html_raw(html, "https://blog.example.com/tweet-67", read_at=READ_AT)).language == "en"
