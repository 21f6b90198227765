"""The `files` adapter: local files and directory trees.

Every regular file under a root is an input (junk included, so the run accounts for it as a
reject). The identity key is the path relative to the root, so moving a corpus keeps its ids.
Nothing is read from outside the configured roots: ".." and symlinks that leave a root fail.
"""

from __future__ import annotations

import gzip
import io
import os
import posixpath
import stat
import time
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from adapters.sniff import sniff_media_type
from schemas import FetchFailure, FetchResult, ItemRef, NotModified, RawDocument, SourceConfig

MAX_FILE_BYTES = 64 * 1024 * 1024  # on disk, and again once decompressed
# File extension -> media type; anything else is sniffed from its bytes.
EXTENSION_MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".shtml": "text/html",
}
COMPRESSED_SUFFIX = ".gz"
# options["key_root"]: keys are relative to this directory instead of the walked path (see detect.py).
KEY_ROOT_OPTION = "key_root"
# options["absolute_keys"]: keys are the files' absolute paths (an ad-hoc target outside every configured root:
# the key must not depend on which directory the command line named).
ABSOLUTE_KEYS_OPTION = "absolute_keys"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _resolve(path_text: str, ctx: FetchContext) -> Path:
    path = Path(path_text).expanduser()
    return (path if path.is_absolute() else ctx.root / path).resolve()


def _lexical_text(path_text: str, base: str) -> str:
    """Absolute and normalised without following symlinks ("a/../b" -> "b")."""
    return os.path.normpath(os.path.join(base, os.path.expanduser(path_text)))


def _lexical(path_text: str, ctx: FetchContext) -> Path:
    return Path(_lexical_text(path_text, str(ctx.root)))


# Path -> (real path, when resolved), for roots and the directories files sit in.
# os.path.realpath is pure Python and lstat()s every component of every path: each directory is
# resolved once for a few seconds (so a directory swapped for a symlink is seen again soon), and
# only a file that is itself a link is resolved in full.
REAL_PATH_SECONDS = 5.0
_REAL_PATHS: dict[str, tuple[str, float]] = {}


def _cached_realpath(path_text: str) -> str:
    now = time.monotonic()
    cached = _REAL_PATHS.get(path_text)
    if cached is None or now - cached[1] > REAL_PATH_SECONDS:
        if len(_REAL_PATHS) > 4096:
            _REAL_PATHS.clear()
        cached = (os.path.realpath(path_text), now)
        _REAL_PATHS[path_text] = cached
    return cached[0]


def _real_path_text(lexical: str) -> str:
    """os.path.realpath(lexical), its directory resolved at most once every few seconds."""
    if os.path.islink(lexical):
        return os.path.realpath(lexical)
    directory, name = os.path.split(lexical)
    return os.path.join(_cached_realpath(directory), name)


def _inside_text(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def media_type_for(name: str, content: bytes) -> str:
    suffix = PurePosixPath(name.lower()).suffix
    return EXTENSION_MEDIA_TYPES.get(suffix) or sniff_media_type(content)


def file_signature(info: os.stat_result) -> str:
    """Size and modification time (ns) of a file: its validator between runs."""
    return f"file:{info.st_size}:{info.st_mtime_ns}"


@register("files")
class FilesAdapter:
    fetch_in_threads = False  # local reads: threads would add overhead, not overlap
    max_bytes: int = MAX_FILE_BYTES

    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        problems: list[DiscoveryProblem] = []
        key_root = source.options.get(KEY_ROOT_OPTION)
        for root_text in source.paths:
            lexical_root = _lexical(root_text, ctx)
            if not os.path.lexists(lexical_root):
                problems.append(
                    DiscoveryProblem(
                        uri=root_text,
                        reason="not_found",
                        transient=False,
                        detail=f"no such file or directory: {lexical_root}",
                    )
                )
                continue
            prefix = ""
            if source.options.get(ABSOLUTE_KEYS_OPTION):
                prefix = _resolve(root_text, ctx).as_posix().rstrip("/") + "/"
            elif isinstance(key_root, str):
                prefix = _resolve(root_text, ctx).relative_to(_resolve(key_root, ctx)).as_posix()
                prefix = "" if prefix == "." else prefix + "/"
            if not lexical_root.is_dir():
                key = prefix.rstrip("/") if prefix else lexical_root.name
                yield ItemRef(source_name=source.name, uri=Path(root_text).as_posix(), key=key)
                continue
            real_root = lexical_root.resolve()
            uri_root = Path(root_text).as_posix()
            for relative, signature in self._walk(str(lexical_root), real_root, ""):
                yield ItemRef(
                    source_name=source.name,
                    uri=relative if uri_root == "." else posixpath.join(uri_root, relative),  # as pathlib joins
                    key=prefix + relative,
                    signature=signature,
                )
        end_discovery(source.name, problems, ctx)

    def _walk(self, directory: str, real_root: Path, relative: str) -> Iterator[tuple[str, str | None]]:
        """(relative POSIX path, signature) of the files under `directory`, sorted by name, hidden
        entries skipped. A regular file's signature comes from the directory scan, so an unchanged
        file is settled without being fetched; a symlink has none (fetch resolves and checks it).

        Plain strings: a path object per file was a measurable share of a re-run over an unchanged corpus.
        """
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if _is_hidden(entry.name):
                continue
            child = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_symlink():
                target = Path(entry.path).resolve()
                if target.is_dir() and _inside(target, real_root):
                    continue  # its files are reached through their real path
                yield child, None  # a symlinked file, or one leaving the root: fetch decides (outside_root)
            elif entry.is_dir(follow_symlinks=False):
                yield from self._walk(entry.path, real_root, child)
            elif entry.is_file(follow_symlinks=False):
                try:
                    signature: str | None = file_signature(entry.stat(follow_symlinks=False))
                except OSError:
                    signature = None  # gone or unreadable: fetch says which
                yield child, signature

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        def failure(reason: str, detail: str, transient: bool = False) -> FetchFailure:
            return FetchFailure(
                source_name=ref.source_name, uri=ref.uri, key=ref.key, transient=transient, reason=reason, detail=detail
            )

        located = self._locate(ref.uri, source, ctx)
        if located is None:
            return failure("outside_root", f"{ref.uri} is outside the source's roots")
        try:
            info = os.stat(located)
        except FileNotFoundError:
            return failure("not_found", f"no such file: {ref.uri}")
        except OSError as exc:
            return failure("unreadable", str(exc))
        if not stat.S_ISREG(info.st_mode):
            return failure("not_a_file", f"{ref.uri} is not a regular file")
        if info.st_size > self.max_bytes:
            return failure("too_large", f"{ref.uri} is {info.st_size} bytes (limit {self.max_bytes})")
        # A file's validator, like an HTTP ETag: unchanged size and modification time since the
        # warehouse loaded it means the file is not even read.
        signature = file_signature(info)
        if ref.validators is not None and ref.validators.etag == signature:
            return NotModified(source_name=ref.source_name, uri=ref.uri, key=ref.key, reason="same_size_and_mtime")
        try:
            with open(located, "rb") as handle:
                content = handle.read(self.max_bytes + 1)
        except OSError as exc:
            return failure("unreadable", str(exc))
        if len(content) > self.max_bytes:
            return failure("too_large", f"{ref.uri} grew past {self.max_bytes} bytes")
        name = PurePosixPath(ref.uri.lower()).name
        if name.endswith(COMPRESSED_SUFFIX):
            name = name.removesuffix(COMPRESSED_SUFFIX)
            try:
                with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
                    content = stream.read(self.max_bytes + 1)
            except (OSError, EOFError, zlib.error) as exc:
                return failure("bad_gzip", f"{ref.uri}: {exc}")
            if len(content) > self.max_bytes:
                return failure("too_large", f"{ref.uri} is larger than {self.max_bytes} bytes once decompressed")
        return RawDocument(
            source_name=ref.source_name,
            uri=ref.uri,
            key=ref.key,
            content=content,
            media_type=media_type_for(name, content),
            etag=signature,
            read_at=ctx.clock(),
            timezone=source.timezone,
            language_hint=source.language,
            hint_title=ref.hint_title,
            hint_published=ref.hint_published,
        )

    def _locate(self, uri: str, source: SourceConfig, ctx: FetchContext) -> str | None:
        """The real path of `uri` if it lies inside one of the source's roots (after ".." and symlinks).

        Plain strings and os.path here: this runs once per file, and pathlib's object churn was
        most of a re-run's time over an unchanged corpus (measured).
        """
        base = str(ctx.root)
        lexical = _lexical_text(uri, base)
        roots = list(source.paths)
        key_root = source.options.get(KEY_ROOT_OPTION)
        if isinstance(key_root, str):
            roots.append(key_root)
        for root_text in roots:
            lexical_root = _lexical_text(root_text, base)
            if not _inside_text(lexical, lexical_root):
                continue
            if lexical == lexical_root:  # a root named explicitly (it may itself be a symlink)
                return os.path.realpath(lexical)
            real = _real_path_text(lexical)
            if _inside_text(real, _cached_realpath(lexical_root)):
                return real
        return None
