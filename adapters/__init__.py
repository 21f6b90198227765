"""Adapters: discover and fetch inputs. Importing the package registers the built-in adapters."""

from adapters import feeds, files, listing, sitemap, web
from adapters.base import (
    ENTRY_POINT_GROUP,
    Adapter,
    DiscoveryError,
    DiscoveryProblem,
    FetchContext,
    adapter_names,
    get_adapter,
    register,
)
from adapters.config import DEFAULT_SOURCES_PATH, SourcesError, load_sources
from adapters.detect import source_for_target
from adapters.http import HttpClient, HttpFailure, HttpResponse, http_client_for
from adapters.netpolicy import UrlRefused, check_url

__all__ = [
    "DEFAULT_SOURCES_PATH",
    "ENTRY_POINT_GROUP",
    "Adapter",
    "DiscoveryError",
    "DiscoveryProblem",
    "FetchContext",
    "HttpClient",
    "HttpFailure",
    "HttpResponse",
    "SourcesError",
    "UrlRefused",
    "adapter_names",
    "check_url",
    "feeds",
    "files",
    "get_adapter",
    "http_client_for",
    "listing",
    "load_sources",
    "register",
    "sitemap",
    "source_for_target",
    "web",
]
