"""Record builders shared by tests (imported as `builders`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from datetime import datetime

from schemas import RawDocument


def html_raw(html: str, url: str, *, read_at: datetime) -> RawDocument:
    """A UTF-8 HTML page as if fetched from `url` (no redirect) at `read_at`, zone Asia/Shanghai."""
    return RawDocument(
        source_name="test",
        uri=url,
        key=url,
        content=html.encode("utf-8"),
        media_type="text/html",
        final_url=url,
        read_at=read_at,
        timezone="Asia/Shanghai",
    )
