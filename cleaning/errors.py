"""Why a document could not be turned into an article."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document that cannot become an article. `reason` is a short code stored in `rejects`.

    Codes in use: encoding (undecodable / mojibake), empty (no text), binary (not text at all),
    not_article (a list, a 404 page, too little body), unsupported_media_type.
    """

    def __init__(self, reason: str, detail: str = "", stage: str = "extract") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.stage = stage
