"""The boilerplate line-rule engine, shared by the plain-text and HTML paths.

`classify_line` says which rule (from the table in `cleaning.line_rules`) a line of page text
matches, with what it captured; `parse_credits` reads people out of a credit line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre_constants  # the regex parser's own vocabulary (Python 3.11)
from re import _parser as sre_parser

from cleaning import line_rules as table
from cleaning.hanzi_variants import to_simplified
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


def _captures(match: re.Match[str], printed: str | None = None) -> dict[str, str]:
    """Named groups that matched; "author2" / "holder3" style alternates fold into their base name.
    `printed`: the line as printed when `match` ran on its Simplified fold (same offsets)."""
    captures: dict[str, str] = {}
    for key, value in match.groupdict().items():
        if value is None or not value.strip():
            continue
        if printed is not None:
            value = printed[slice(*match.span(key))]
        base = key.rstrip("0123456789")
        captures.setdefault(base, value.strip())
    return captures


def classify_line(line: str, *, language: str | None = None) -> LineMatch | None:
    """The first boilerplate rule a line matches (None when it is ordinary text).

    `language` ("zh"/"en") is accepted so callers can pass what they know; the rules are written
    per script, so a Chinese credit line inside an English article is still recognised.
    """
    return _classify(line, len(line_rules()))


def classify_line_of_kinds(line: str, kinds: frozenset[LineKind]) -> LineMatch | None:
    """`classify_line(line)` when the rule it names is of one of `kinds`, else None.

    The rules after the last one of those kinds are not tried: they cannot change the answer, since a
    line they match matches no earlier rule, and so is of none of `kinds` anyway."""
    return _classify(line, _rules_up_to_last_of(kinds))


def rules_tried_for_kinds(kinds: frozenset[LineKind]) -> tuple[LineRule, ...]:
    """The rules `classify_line_of_kinds(line, kinds)` tries, in order: it returns what `classify_line(line)`
    does when that names one of these rules, else None."""
    return line_rules()[: _rules_up_to_last_of(kinds)]


@lru_cache(maxsize=64)
def _rules_up_to_last_of(kinds: frozenset[LineKind]) -> int:
    """How many rules the table holds up to its last rule of one of `kinds`."""
    return max((index + 1 for index, rule in enumerate(line_rules()) if rule.kind in kinds), default=0)


def _classify(line: str, rule_count: int) -> LineMatch | None:
    """`classify_line` among the first `rule_count` rules of the table."""
    printed = fold_spaces(line)
    if not printed or len(printed) > table.MAX_RULE_LINE_CHARS:
        return None
    text = to_simplified(printed)  # the rules are written in Simplified; values are read as printed
    length = len(text)
    lowered: str | None = None  # the screens' view of the line, made on first need
    for rule, max_chars, search, screen in _rules_starting_with(text[0], rule_count):
        if length > max_chars:
            continue
        if screen is not None:
            if lowered is None:
                lowered = screen_text(text)
            if lowered and screen(lowered) is None:
                continue  # none of the words every match of the rule contains is on the line
        match = search(text)
        if match is None:
            continue
        return LineMatch(rule=rule, captures=_captures(match, printed if text is not printed else None))
    return None


# ---------------------------------------------------------------------------------- rule screens
#
# Most lines match no rule, and a rule that may match anywhere on a line (or scans it in a lookahead)
# costs the regex engine a full attempt at every position. Each such rule gets a screen: a plain
# regex of words one of which every match of the rule contains (derived from the rule's parse tree),
# searched at memory speed in the lower-cased line. A line without any of them skips the rule; the
# outcome is the same as running it.

MAX_SCREEN_WORDS = 40  # a rule may require one of WeChat's 35 posting regions
# Non-ASCII characters that a case-insensitive regex matches to an ASCII letter (İ ı ſ K: checked
# over every code point by the tests). Lower-casing does not map them to that letter, so a line
# holding one is never screened.
ASCII_FOLDING_CHARS = ("\u0130", "\u0131", "\u017f", "\u212a")

_Parsed = sre_parser.SubPattern
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def screen_text(text: str) -> str:
    """`text` lower-cased for `screen_for` screens, or "" when a screen could miss a match in it."""
    if not text.isascii() and any(map(text.__contains__, ASCII_FOLDING_CHARS)):
        return ""
    return text.lower()


def _required_words(parsed: _Parsed | list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """Strings one of which every match of `parsed` contains (None when none can be named)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*parsed, (None, None)]:
        if op is sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        words: frozenset[str] | None = None
        if op is sre_constants.SUBPATTERN:
            words = _required_words(arg[3])
        elif op is sre_constants.ATOMIC_GROUP:
            words = _required_words(arg)
        elif op is sre_constants.ASSERT:  # a lookahead or lookbehind that must hold
            words = _required_words(arg[1])
        elif op in _REPEATS and arg[0] >= 1:
            words = _required_words(arg[2])
        elif op is sre_constants.BRANCH:
            options = [_required_words(alternative) for alternative in arg[1]]
            if all(option is not None for option in options):
                words = frozenset().union(*options)  # type: ignore[arg-type]
        elif op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _ in arg):
            words = frozenset(chr(code) for _, code in arg)
        if words and "" not in words and len(words) <= MAX_SCREEN_WORDS:
            candidates.append(words)
    if not candidates:
        return None
    return max(candidates, key=_screen_strength)


def _screen_strength(words: frozenset[str]) -> tuple[bool, int, int]:
    """How few lines a set of required words lets through, as a sort key: words of digits only ("19", "20"
    from a year) sit on most dated lines, so any other set beats them; then longer words, then fewer."""
    return not any(word.isdigit() for word in words), min(map(len, words)), -len(words)


def _may_start_anywhere(parsed: _Parsed) -> bool:
    """True unless every match must start at the beginning with no lookahead scanning the whole line."""
    return not _anchored(parsed) or any(op is sre_constants.ASSERT and _unbounded(arg[1]) for op, arg in parsed)


def _unbounded(parsed: _Parsed) -> bool:
    """True when `parsed` holds a repeat without an upper bound (".*?" and the like)."""
    for op, arg in parsed:
        if op in _REPEATS and (arg[1] is sre_constants.MAXREPEAT or _unbounded(arg[2])):
            return True
        if op is sre_constants.SUBPATTERN and _unbounded(arg[3]):
            return True
        if op is sre_constants.BRANCH and any(_unbounded(alternative) for alternative in arg[1]):
            return True
    return False


def screen_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A screen for a costly `pattern`: when `screen.search(screen_text(text))` is None (and screen_text
    gave a non-empty string), `pattern.search(text)` is None too. None when no screen is worth it."""
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
        words = _required_words(parsed) if _may_start_anywhere(parsed) else None
    except Exception:  # a construct this reader does not know: the rule simply runs unscreened
        return None
    if not words:
        return None
    # Lower-casing keeps a case-blind match findable only for ASCII letters and caseless characters.
    if any(not ch.isascii() and (ch.lower() != ch or ch.upper() != ch) for word in words for ch in word):
        return None
    ordered = sorted(words, key=lambda word: (-len(word), word))
    return re.compile("|".join(re.escape(word.lower()) for word in ordered))


@lru_cache(maxsize=1)
def _rule_screens() -> tuple[re.Pattern[str] | None, ...]:
    return tuple(screen_for(rule.pattern) for rule in line_rules())


_Search = Callable[[str], "re.Match[str] | None"]


@lru_cache(maxsize=1)
def _rule_table() -> tuple[tuple[LineRule, int, _Search, _Search | None], ...]:
    """(rule, its max_chars, its search, its screen's search) per rule, in order: the hot loop's view."""
    return tuple(
        (rule, rule.max_chars, rule.pattern.search, screen.search if screen is not None else None)
        for rule, screen in zip(line_rules(), _rule_screens(), strict=True)
    )


# ------------------------------------------------------------------------- first-character dispatch
#
# Most rules are anchored at the start of the line and open with a few labels ("来源", "责任编辑",
# "Copyright"): a line whose first character no match of the rule can start with cannot match it.
# Each such rule gets the set of its possible first characters, written as a regex of one-character
# atoms compiled with the rule's own flags (so case-folding is exactly the rule's); the rules a line
# can match are then chosen once per first character instead of trying every rule on every line.

_CATEGORY_ESCAPES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _class_atom(items: list) -> str | None:  # type: ignore[type-arg]
    """A character class's items back as regex text ("[^a-z\\s]"), or None for an item not known here."""
    parts: list[str] = []
    for op, arg in items:
        if op is sre_constants.NEGATE:
            parts.append("^")
        elif op is sre_constants.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is sre_constants.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is sre_constants.CATEGORY and arg in _CATEGORY_ESCAPES:
            parts.append(_CATEGORY_ESCAPES[arg])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _first_atoms(parsed: _Parsed | list) -> tuple[list[str], bool] | None:  # type: ignore[type-arg]
    """(atoms one of which matches the first character of any match of `parsed`, whether `parsed` may
    match the empty string); None when a construct is not known here."""
    atoms: list[str] = []
    for op, arg in parsed:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character is still to come
        if op is sre_constants.LITERAL:
            return [*atoms, re.escape(chr(arg))], False
        if op is sre_constants.NOT_LITERAL:
            return [*atoms, f"[^{re.escape(chr(arg))}]"], False
        if op is sre_constants.ANY:
            return [*atoms, "."], False
        if op is sre_constants.IN:
            atom = _class_atom(arg)
            return None if atom is None else ([*atoms, atom], False)
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, inner = arg
            found = None if add_flags or del_flags else _first_atoms(inner)  # inline flags: not followed
        elif op is sre_constants.ATOMIC_GROUP:
            found = _first_atoms(arg)
        elif op in _REPEATS:
            found = _first_atoms(arg[2])
            if found is not None and arg[0] == 0:
                found = (found[0], True)
        elif op is sre_constants.BRANCH:
            options = [_first_atoms(alternative) for alternative in arg[1]]
            if any(option is None for option in options):
                return None
            found = ([atom for option in options for atom in option[0]], any(option[1] for option in options))  # type: ignore[index]
        else:
            return None
        if found is None:
            return None
        atoms += found[0]
        if not found[1]:
            return atoms, False
    return atoms, True


def _anchored(parsed: _Parsed | list) -> bool:  # type: ignore[type-arg]
    """True when every match of `parsed` starts at the beginning of the text."""
    first = list(parsed)[:1]
    if not first:
        return False
    op, arg = first[0]
    if op is sre_constants.AT:
        return arg is sre_constants.AT_BEGINNING or arg is sre_constants.AT_BEGINNING_STRING
    if op is sre_constants.SUBPATTERN:
        return not arg[1] and not arg[2] and _anchored(arg[3])
    if op is sre_constants.BRANCH:
        return all(_anchored(alternative) for alternative in arg[1])
    return False


def first_character_screen(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a `pattern` anchored at the start of the text: a regex that `.match`es every character a
    match of `pattern` can start with (when it does not match a text's first character, `pattern.search`
    finds nothing in that text). None when the pattern may match elsewhere, or match nothing at all."""
    if pattern.flags & (re.MULTILINE | re.VERBOSE):
        return None  # "^" after every newline; verbose source: the atoms would not read the same
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
        found = _first_atoms(parsed) if _anchored(parsed) else None
    except Exception:  # a construct this reader does not know: the rule is simply always tried
        return None
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("|".join(dict.fromkeys(found[0])), pattern.flags)


@lru_cache(maxsize=1)
def _first_character_screens() -> tuple[Callable[[str], object] | None, ...]:
    screens = (first_character_screen(rule.pattern) for rule in line_rules())
    return tuple(screen.match if screen is not None else None for screen in screens)


@lru_cache(maxsize=4096)  # lines open with a small alphabet: hanzi, digits, brackets, a few letters
def _rules_starting_with(first: str, rule_count: int) -> tuple[tuple[LineRule, int, _Search, _Search | None], ...]:
    """The first `rule_count` rows of the rule table (`_rule_table`) without the rules no line opening with
    `first` can match."""
    rows = zip(_rule_table()[:rule_count], _first_character_screens(), strict=False)
    return tuple(entry for entry, screen in rows if screen is None or screen(first) is not None)


def _role_regex() -> re.Pattern[str]:
    roles: list[tuple[str, str]] = [(r, "author") for r in table.AUTHOR_ROLES]
    roles += [(r, "editor") for r in table.EDITOR_ROLES]
    roles += [(r, "other") for r in table.OTHER_ROLES]
    roles.sort(key=lambda pair: len(pair[0]), reverse=True)
    parts = []
    for role, _ in roles:
        escaped = re.escape(role).replace(r"\ ", r"\s+")
        if role.isascii():
            # "By" only opens a line or follows a separator ("March 5, 2024 · by Jane Doe · in News"):
            # "Edited by" is its own role.
            prefix = r"(?:^|(?<=[\s(（|｜,，;；]))" if role != "By" else r"(?:^|(?<=[(（|｜;；·•]))\s*"
            parts.append(prefix + escaped + r"\b")
        elif len(role) == 1:
            # One-character roles (文, 图, 摄) only count right before a separator: 文/张三, 图 | 李四.
            parts.append(escaped + r"(?=\s*[:：/|｜])")
        else:
            parts.append(escaped)
    # Non-capturing: only the whole match is read, and a branch that opens with a literal (every Chinese
    # role) lets the regex engine reject it on the first character instead of entering a group.
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


_ROLE_KINDS: dict[str, str] = (
    {r.lower(): "author" for r in table.AUTHOR_ROLES}
    | {r.lower(): "editor" for r in table.EDITOR_ROLES}
    | {r.lower(): "other" for r in table.OTHER_ROLES}
)
_ROLES = _role_regex()
_NAME_SPLIT_CJK = re.compile(r"[\s、,，/;；|｜]+")
_NAME_SPLIT_LATIN = re.compile(r"\s*(?:,|;|&|\band\b|\||·|•|\s[-–—]\s)\s*")
_EDGE_JUNK = " \t:：/|｜()（）【】[]<>《》,，;；.。、-—"
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")


_NOT_AUTHOR_NAMES = frozenset(name.casefold() for name in table.NOT_AUTHOR_NAMES)
_NOT_AUTHOR_PATTERN = re.compile("|".join(f"(?:{p})" for p in table.NOT_AUTHOR_PATTERNS))
_DATELINE_CREDIT = re.compile(table.DATELINE_CREDIT)
_LATIN_FIELD_END = re.compile(table.LATIN_CREDIT_FIELD_END)
_LATIN_NAME_TRAILER = re.compile("|".join(f"(?:{p})" for p in table.LATIN_NAME_TRAILERS))


def latin_name(text: str) -> str:
    """A Latin-script name without what a byline prints after it ("Vivian Tsui in Beijing" -> "Vivian
    Tsui", "Julia Hitz (eg)" -> "Julia Hitz"), in title case when the byline sets it in capitals
    ("ZHAO YIMENG" -> "Zhao Yimeng": the capitals are the outlet's typography, and the same reporter is
    written "Zhao Yimeng" in the story, in other outlets and in meta tags). One word in capitals stays:
    "AFP", "CGTN"."""
    name = _LATIN_NAME_TRAILER.sub("", text.strip()).strip(" \t:：/|｜,，;；-—")  # "Jr." and "D.E." keep their dots
    if name.isupper() and len(name.split()) >= 2 and not any(ch.isdigit() for ch in name):
        return name.title()
    return name


def _names(segment: str) -> list[str]:
    stripped = segment.strip(_EDGE_JUNK)
    if not stripped:
        return []
    if any(is_cjk(ch) for ch in stripped):
        candidates = _NAME_SPLIT_CJK.split(stripped)
        return [
            c
            for c in (x.strip(_EDGE_JUNK) for x in candidates)
            if (_CJK_NAME.match(c) or _LATIN_NAME.match(c)) and not _names_no_person(c)
        ]
    # The names end where the byline's next field starts: "A and B | China Daily | Updated: …".
    names_field = _LATIN_FIELD_END.split(segment.lstrip(_EDGE_JUNK), maxsplit=1)[0]
    names = []
    for part in _NAME_SPLIT_LATIN.split(names_field):
        part = latin_name(part).strip(_EDGE_JUNK)
        if part and _LATIN_NAME.match(part) and not _names_no_person(part):
            names.append(part)
    return names


def _names_no_person(name: str, outlets: tuple[str, ...] = ()) -> bool:
    """True for a value in an author's place that names no one: a CMS account ("admin"), a user id,
    a place's "北京报道", or one of `outlets` (the site's own names), the start of one ("网易" for
    "网易订阅"), or one with a channel joined to it ("新浪财经-自媒体综合")."""
    simplified = to_simplified(name)  # 臺北報導 is a place's 台北报导 too
    folded = simplified.casefold()
    if folded in _NOT_AUTHOR_NAMES or _NOT_AUTHOR_PATTERN.search(simplified) or name in _BROADCASTER_NAMES:
        return True
    if _OUTLET_INITIALS_SHAPE.match(name) and name in _outlet_initials(outlets):
        return True  # "JF" on Junge Freiheit's page, "LN" on "LN - Lübecker Nachrichten": the outlet, no person
    for outlet in outlets:
        other = to_simplified(outlet).casefold()
        if folded == other:
            return True
        # A Chinese outlet is often named by the start of its name: "财新" for 财新网.
        if is_cjk(name[0]) and min(len(folded), len(other)) >= 2 and other.startswith(folded):
            return True
        if (
            is_cjk(name[0])
            and len(other) >= 2
            and folded.startswith(other)
            and folded[len(other) : len(other) + 1] in _OUTLET_CHANNEL_JOINERS
        ):
            return True
    return False


_BROADCASTER_NAMES = frozenset(table.BROADCASTER_NAMES)
# Initials in an author's place ("JF", "LN"): a blogger's own are kept, the outlet's (`_outlet_initials`) are not.
_OUTLET_INITIALS_SHAPE = re.compile(r"^[A-ZÄÖÜ]{2,5}$")
_OUTLET_NAME_PARTS = re.compile(table.NAME_OUTLET_SEPARATOR + r"|\s*[:：]\s+")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1024)
def _outlet_initials(outlets: tuple[str, ...]) -> frozenset[str]:
    """What the page's own names abbreviate to, upper-cased: the initials of each name and of each part of one
    ("JUNGE FREIHEIT" -> "JF", "@junge_freiheit" -> "JF", "LN - Lübecker Nachrichten" -> "LN"), and the parts."""
    initials: set[str] = set()
    for outlet in outlets:
        for part in {outlet, *_OUTLET_NAME_PARTS.split(outlet)}:
            words = _WORD.findall(part)
            if len(words) >= 2:
                initials.add("".join(word[0] for word in words).upper())
            initials.add(part.strip().upper())
    return frozenset(initials)


_OUTLET_CHANNEL_JOINERS = frozenset(table.OUTLET_CHANNEL_JOINERS)
_AUTHOR_VALUE_LABEL = re.compile(
    "^(?:" + "|".join(table.AUTHOR_VALUE_LABELS) + r")(?:\s*[:：]\s*|\s+|$)", re.IGNORECASE
)
_COMPANY_LEGAL_FORMS = frozenset(table.COMPANY_LEGAL_FORMS)
_ADDRESS_COUNTRIES = frozenset(table.ADDRESS_COUNTRIES)
_AFFILIATION_ENDINGS = tuple(table.AFFILIATION_ENDINGS)
_TRAILING_JUNK = " \t:：/|｜,，;；-—"
_VALUE_WORDS = re.compile(r"[\s,，]+")


def _latin_author(text: str, outlets: tuple[str, ...]) -> str | None:
    """A Latin-script author value judged whole ("Hanns-Seidel-Stiftung e.V."), without the label before it
    ("Auteur: Anna Kubišta"), and without an address's place after it ("…, Frankfurt a. M., Germany"); None
    for a label alone, a company (a legal form among its words) or what `_names_no_person` names no one."""
    text = _AUTHOR_VALUE_LABEL.sub("", text, count=1).lstrip(_EDGE_JUNK).rstrip(_TRAILING_JUNK)  # "e.V." keeps its dot
    if text and _names_no_person(text, outlets):
        return None  # "Deutsche Welle (www.dw.com)" as the site names itself: judged before the address is cut
    text = _BUTTON_TRAILER.sub("", _AUTHOR_URL_TRAILER.sub("", text)).rstrip(_TRAILING_JUNK)  # "Name - http://…"
    text = _without_outlet(text, outlets)
    parts = [part.strip() for part in text.split(",")]
    if len(parts) >= 2 and parts[-1] in _ADDRESS_COUNTRIES:
        text = parts[0]
    elif len(parts) == 2 and parts[-1] in _DATELINE_CITIES and len(parts[0].split()) >= 2:
        text = parts[0]  # "Markus Balser, Berlin"; "Harm, Robert" is a name alone, kept
    if not text or any(word in _COMPANY_LEGAL_FORMS for word in _VALUE_WORDS.split(text)):
        return None
    return None if _names_no_person(text, outlets) else text


_AUTHOR_URL_TRAILER = re.compile(table.AUTHOR_URL_TRAILER)
_BUTTON_TRAILER = re.compile(table.BYLINE_BUTTON_TRAILER)
_DATELINE_CITIES = frozenset(table.DATELINE_CITIES)
_NAME_OUTLET_SEPARATOR = re.compile(table.NAME_OUTLET_SEPARATOR)
_OUTLET_STAFF_ROLES = "|".join(sorted(map(re.escape, table.OUTLET_STAFF_ROLES), key=len, reverse=True))


def _without_outlet(text: str, outlets: tuple[str, ...]) -> str:
    """A Latin author value without one of the page's own names printed beside the name: "Adam Aaronson
    PhillyVoice Staff" (the outlet and its staff role after the name), "unocero - Alberto Ávila" (the site, a
    separator, then the name). A value that is the outlet alone is left for `_names_no_person` to judge."""
    for outlet in outlets:
        staff = re.search(rf"\s+{re.escape(outlet)}\s+(?:{_OUTLET_STAFF_ROLES})$", text, re.IGNORECASE)
        if staff is not None and staff.start() > 0:
            return text[: staff.start()]
    parts = _NAME_OUTLET_SEPARATOR.split(text)
    if len(parts) >= 2:
        folded = {outlet.casefold() for outlet in outlets}
        named = [part for part in parts if part.casefold() not in folded]
        if len(named) == 1 and len(named) < len(parts):
            return named[0]
    return text


def _names_position(part: str) -> bool:
    """A part of a Chinese author value that gives a job or an affiliation ("中国人民大学重阳金融研究院执行院长",
    "教授"), not a person."""
    simplified = to_simplified(part)
    return simplified in _AFFILIATION_ENDINGS or (
        len(simplified) >= table.AFFILIATION_MIN_CHARS and simplified.endswith(_AFFILIATION_ENDINGS)
    )


def _opens_with_credit_label(text: str) -> bool:
    """Does a Chinese author value open with a credit's role and its separator ("责任编辑：张申", "作者：王明")?
    Then it is read as a credit line: an editor's credit names no author. A role word opening a value without
    a separator ("编辑部", "撰稿人李明") is no label (`_without_role` reads a reporter's role glued to a name)."""
    simplified = to_simplified(text)
    match = _ROLES.match(simplified)
    return match is not None and _LABEL_SEPARATOR.match(simplified, match.end()) is not None


_LABEL_SEPARATOR = re.compile(r"\s*[:：/／]")


def author_names(value: str | None, *, outlets: Iterable[str] = ()) -> str | None:
    """An author as a page states it (meta tag, metadata line, credit), without what names no person
    (`_names_no_person`); several names joined the way `parse_credits` joins them ("王喆 李树林" ->
    "王喆、李树林"). None when nothing is left."""
    if not value:
        return None
    text = fold_spaces(value).strip()
    known = tuple(o for o in (fold_spaces(o).strip() for o in outlets) if o)
    if not any(is_cjk(ch) for ch in text):  # a Latin value is judged whole: "Hanns-Seidel-Stiftung e.V."
        return _latin_author(text, known) if text else None
    text = text.strip(_EDGE_JUNK)
    if _opens_with_credit_label(text):
        text = parse_credits(text)[0] or ""  # "责任编辑：张申": an editor, no author
    parts = (_without_role(part.strip(_EDGE_JUNK)) for part in _NAME_SPLIT_CJK.split(text))
    kept = [part for part in parts if part and not _names_no_person(part, known) and not _names_position(part)]
    return "、".join(kept) if kept else None


_GLUED_ROLES = sorted((r for r in table.AUTHOR_ROLES if r.endswith(("记者", "通讯员", "作者"))), key=len, reverse=True)
_CJK_ROLE_PREFIX = re.compile("^(?:" + "|".join(map(re.escape, _GLUED_ROLES)) + ")")


def _without_role(part: str) -> str:
    """A name without the role a meta tag or JSON-LD value glues to it: "記者洪欣慈" / "记者王优玲" -> the name."""
    match = _CJK_ROLE_PREFIX.match(to_simplified(part))
    if match is None or not _CJK_NAME.match(part[match.end() :]):
        return part
    return part[match.end() :]


def dateline_author(paragraph: str) -> str | None:
    """The reporter a story's dateline names at the start of its first paragraph:
    "新华社北京3月26日电（记者王优玲）记者从…" -> "王优玲"; "本报讯（记者 张三 通讯员 李四）…" -> "张三、李四"."""
    match = _DATELINE_CREDIT.match(to_simplified(paragraph))  # same offsets: the credit is read as printed
    if match is None:
        return None
    credit = _captures(match, paragraph).get("credit")
    if credit is None:
        return None
    author, _editors = parse_credits(credit)
    return author


_LINK_NOTE = re.compile("|".join(f"(?:{p})" for p in table.LINK_NOTE_PATTERNS), re.IGNORECASE)


def without_link_notes(text: str) -> str:
    """`text` without the screen-reader notes link markup adds ("the report, opens new tab" -> "the report")."""
    if not any(piece in text for piece in table.LINK_NOTE_SCREEN):
        return text  # most lines (every Chinese one): no lower-cased copy made
    lowered = text.lower()
    if not any(word in lowered for word in table.LINK_NOTE_WORDS):
        return text
    return _LINK_NOTE.sub("", text)


def outlet_name(captured: str) -> str:
    """An outlet as a byline names it, without the title marks around it: "《经济参考报》" -> "经济参考报"."""
    name = captured.strip()
    if name.startswith("《") and name.endswith("》"):
        name = name[1:-1].strip()
    return name


_CREDIT_DATE_CODE = re.compile(table.CREDIT_DATE_CODE)
_CLOSING_CREDIT = re.compile(table.CLOSING_CREDIT)
# Characters one of which every role of CLOSING_CREDIT_ROLES holds (编辑, 责编, 审核, 校对, ...).
_CLOSING_CREDIT_SCREEN = ("编", "审", "校")
CLOSING_CREDIT_WINDOW = 80  # characters at a paragraph's end searched for a run-on credit (longer is no credit)


def split_closing_credit(paragraph: str) -> tuple[str, str] | None:
    """(sentence, credit) when `paragraph` ends with a credit run on to its last sentence (`CLOSING_CREDIT`):
    "…淨零轉型。（編輯：張三）1130305" -> ("…淨零轉型。", "（編輯：張三）1130305"); None otherwise."""
    start = max(len(paragraph) - CLOSING_CREDIT_WINDOW, 0)
    window = to_simplified(paragraph[start:])  # same offsets: the parts are read as printed
    if not any(word in window for word in _CLOSING_CREDIT_SCREEN):
        return None  # most paragraphs: no role word at all, no regex pass
    match = _CLOSING_CREDIT.search(window)
    if match is None:
        return None
    cut = start + match.start("credit")
    sentence = paragraph[:cut].rstrip()
    if not sentence:
        return None
    return sentence, paragraph[cut:].strip()


_OUTLET_GLUED_ROLES = frozenset(table.OUTLET_GLUED_ROLES)
_REPORTER_NAME = re.compile(table.REPORTER_NAME)


def _is_glued_outlet(segment: str, next_role: str) -> bool:
    """Is the text between two roles an outlet's short name glued to the reporter role after it ("：南都" before
    记者)? A reporter's name glued so ("记者张三记者李四") starts with a common surname, an outlet does not."""
    if next_role not in _OUTLET_GLUED_ROLES or not segment or segment[-1].isspace():
        return False
    name = segment.strip(_EDGE_JUNK)
    return bool(name) and _CJK_NAME.match(name) is not None and _REPORTER_NAME.fullmatch(name) is None


@lru_cache(maxsize=4096)  # a credit line is read for the author, the editors and the byline alike
def parse_credits(line: str) -> tuple[str | None, tuple[str, ...]]:
    """(author, editors) named on a credit line.

    "Beijing News reporter Zhang Lu" -> ("Zhang Lu", ()); "Edited by Liu Mengjie and edited by Fu
    Chunyin" -> (None, ("Liu Mengjie", "Fu Chunyin")); "本报记者 张三 李四" -> ("张三、李四", ());
    "(责任编辑：李四)" -> (None, ("李四",)). Several authors are joined into one string.
    """
    text = _CREDIT_DATE_CODE.sub("", fold_spaces(line)).strip("()（）【】[] ")  # "（编辑：张三）1130305"
    matches = list(_ROLES.finditer(to_simplified(text)))  # roles in Simplified (記者 -> 记者); names as printed
    authors: list[str] = []
    editors: list[str] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        role = " ".join(match.group(0).split()).lower()
        kind = _ROLE_KINDS.get(role, "other")
        segment = text[match.end() : end]
        if index + 1 < len(matches) and _is_glued_outlet(segment, matches[index + 1].group(0)):
            continue  # "采写：南都记者 余毅菁": 南都 is the reporters' outlet
        names = _names(segment)
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


# ------------------------------------------------------------------ an official document's closing block

_CONTACT_LINE = re.compile(table.DOCUMENT_CONTACT_LINE)
_ATTACHMENT_LINE = re.compile(table.DOCUMENT_ATTACHMENT_LINE)
_ATTACHMENT_ITEM = re.compile(table.DOCUMENT_ATTACHMENT_ITEM)
_SIGNING_DATE = re.compile(table.DOCUMENT_SIGNING_DATE)
_PUBLICATION_NOTE = re.compile(table.DOCUMENT_PUBLICATION_NOTE)
_ISSUER_NAME = re.compile(
    r"[\u4e00-\u9fff（）()]{2,}(?:" + "|".join(map(re.escape, table.DOCUMENT_ISSUER_ENDINGS)) + r")"
)


def is_document_issuer(line: str) -> bool:
    """A line naming only issuing bodies: "住房和城乡建设部", "住房和城乡建设部办公厅 国家发展改革委办公厅"."""
    text = line.strip()
    if not text or len(text) > table.DOCUMENT_ISSUER_MAX_CHARS:
        return False
    return all(_ISSUER_NAME.fullmatch(name) for name in text.split())


def is_contact_line(line: str) -> bool:
    """A contact line (联系人：… / 电话：…): the only footer-like line that may open a closing block."""
    return _CONTACT_LINE.match(line.strip()) is not None


def is_signing_date(line: str) -> bool:
    """A line that is only a full date in the form documents are signed with: 2022年3月1日, 二〇二二年三月一日."""
    return _SIGNING_DATE.match(line.strip()) is not None


def closing_block_length(lines: list[str]) -> int:
    """How many of `lines`, the lines right after a document's last sentence, are its closing block
    (落款): contact lines, attachment lines, issuing bodies, the signing date and the publication
    note, in that order. 0 unless the block holds a signing date after an issuer, or a publication
    note: a bare date, a contact line or an attachment list after a news story is not a document's
    closing."""
    stage = 0  # 0 contacts, 1 attachments, 2 issuers, 3 signing date, 4 publication note
    taken = 0
    issuer = signed = noted = False
    for line in lines:
        text = line.strip()
        if stage == 0 and _CONTACT_LINE.match(text):
            taken += 1
        elif stage <= 1 and (_ATTACHMENT_LINE.match(text) or (stage == 1 and _ATTACHMENT_ITEM.match(text))):
            stage = 1
            taken += 1
        elif stage <= 2 and is_document_issuer(text):
            stage, issuer = 2, True
            taken += 1
        elif stage <= 2 and is_signing_date(text):
            stage, signed = 3, True
            taken += 1
        elif stage <= 3 and _PUBLICATION_NOTE.match(text):
            noted = True
            taken += 1
            break
        else:
            break
    return taken if noted or (issuer and signed) else 0
