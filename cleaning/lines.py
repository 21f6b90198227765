"""The boilerplate line-rule engine, shared by the plain-text and HTML paths.

`classify_line` says which rule (from the table in `cleaning.line_rules`) a line of page text
matches, with what it captured; `parse_credits` reads people out of a credit line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cleaning import line_rules as table
from cleaning.normalize import fold_spaces, is_cjk

LineKind = str  # "drop" | "footer" | "credit" | "meta" | "image" | "publisher"
LINE_KINDS = frozenset({"drop", "footer", "credit", "meta", "image", "publisher"})


@dataclass(frozen=True)
class LineRule:
    name: str  # e.g. "footer.icp", "nav.language_bar", "credit.editor"
    pattern: re.Pattern[str]
    kind: LineKind
    max_chars: int = table.MAX_RULE_LINE_CHARS  # longer lines are never boilerplate for this rule


@dataclass(frozen=True)
class LineMatch:
    rule: LineRule
    captures: dict[str, str]


def _language_bar_pattern() -> str:
    names = sorted({n for n in table.LANGUAGE_NAMES}, key=len, reverse=True)
    name = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    separators = r"[\s|｜/·•,，、]*"
    return rf"^{separators}(?:{name}{separators}){{3,}}$"


@lru_cache(maxsize=1)
def line_rules() -> tuple[LineRule, ...]:
    """The compiled rule table, in priority order."""
    compiled: list[LineRule] = []
    for name, pattern, kind, max_chars in table.LINE_RULES:
        if kind not in LINE_KINDS:
            raise ValueError(f"line rule {name}: unknown kind {kind!r}")
        source = pattern.replace("{language_bar}", _language_bar_pattern())
        compiled.append(LineRule(name, re.compile(source, re.IGNORECASE), kind, max_chars))
    return tuple(compiled)


def _captures(match: re.Match[str]) -> dict[str, str]:
    """Named groups that matched; "author2" / "holder3" style alternates fold into their base name."""
    captures: dict[str, str] = {}
    for key, value in match.groupdict().items():
        if value is None or not value.strip():
            continue
        base = key.rstrip("0123456789")
        captures.setdefault(base, value.strip())
    return captures


def classify_line(line: str, *, language: str | None = None) -> LineMatch | None:
    """The first boilerplate rule a line matches (None when it is ordinary text).

    `language` ("zh"/"en") is accepted so callers can pass what they know; the rules are written
    per script, so a Chinese credit line inside an English article is still recognised.
    """
    text = fold_spaces(line)
    if not text or len(text) > table.MAX_RULE_LINE_CHARS:
        return None
    for rule in line_rules():
        if len(text) > rule.max_chars:
            continue
        match = rule.pattern.search(text)
        if match is None:
            continue
        return LineMatch(rule=rule, captures=_captures(match))
    return None


def _role_regex() -> re.Pattern[str]:
    roles: list[tuple[str, str]] = [(r, "author") for r in table.AUTHOR_ROLES]
    roles += [(r, "editor") for r in table.EDITOR_ROLES]
    roles += [(r, "other") for r in table.OTHER_ROLES]
    roles.sort(key=lambda pair: len(pair[0]), reverse=True)
    parts = []
    for role, _ in roles:
        escaped = re.escape(role).replace(r"\ ", r"\s+")
        if role.isascii():
            # "By" only opens a line or follows a separator: "Edited by" is its own role.
            prefix = r"(?:^|(?<=[\s(（|｜,，;；]))" if role != "By" else r"(?:^|(?<=[(（|｜;；]))\s*"
            parts.append(prefix + escaped + r"\b")
        elif len(role) == 1:
            # One-character roles (文, 图, 摄) only count right before a separator: 文/张三, 图 | 李四.
            parts.append(escaped + r"(?=\s*[:：/|｜])")
        else:
            parts.append(escaped)
    return re.compile("|".join(f"({p})" for p in parts), re.IGNORECASE)


_ROLE_KINDS: dict[str, str] = (
    {r.lower(): "author" for r in table.AUTHOR_ROLES}
    | {r.lower(): "editor" for r in table.EDITOR_ROLES}
    | {r.lower(): "other" for r in table.OTHER_ROLES}
)
_ROLES = _role_regex()
_NAME_SPLIT_CJK = re.compile(r"[\s、,，/;；|｜]+")
_NAME_SPLIT_LATIN = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*")
_EDGE_JUNK = " \t:：/|｜()（）【】[]<>《》,，;；.。、-—"
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")


def _names(segment: str) -> list[str]:
    segment = segment.strip(_EDGE_JUNK)
    if not segment:
        return []
    if any(is_cjk(ch) for ch in segment):
        candidates = _NAME_SPLIT_CJK.split(segment)
        return [c for c in (x.strip(_EDGE_JUNK) for x in candidates) if _CJK_NAME.match(c) or _LATIN_NAME.match(c)]
    names = []
    for part in _NAME_SPLIT_LATIN.split(segment):
        part = part.strip(_EDGE_JUNK)
        if part and _LATIN_NAME.match(part):
            names.append(part)
    return names


def parse_credits(line: str) -> tuple[str | None, tuple[str, ...]]:
    """(author, editors) named on a credit line.

    "Beijing News reporter Zhang Lu" -> ("Zhang Lu", ()); "Edited by Liu Mengjie and edited by Fu
    Chunyin" -> (None, ("Liu Mengjie", "Fu Chunyin")); "本报记者 张三 李四" -> ("张三、李四", ());
    "(责任编辑：李四)" -> (None, ("李四",)). Several authors are joined into one string.
    """
    text = fold_spaces(line).strip("()（）【】[] ")
    matches = list(_ROLES.finditer(text))
    authors: list[str] = []
    editors: list[str] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        role = " ".join(match.group(0).split()).lower()
        kind = _ROLE_KINDS.get(role, "other")
        names = _names(text[match.end() : end])
        if kind == "author":
            authors.extend(n for n in names if n not in authors)
        elif kind == "editor":
            editors.extend(n for n in names if n not in editors)
    if not authors:
        author = None
    elif any(is_cjk(ch) for ch in authors[0]):
        author = "、".join(authors)
    else:
        author = ", ".join(authors)
    return author, tuple(editors)
