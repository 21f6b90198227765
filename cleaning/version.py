"""The extractor version stored with every extracted row.

Bump it whenever a rule, pattern or algorithm in `cleaning/` changes what is extracted: replay
(`greenwire reprocess`) and the incremental skip both compare against it.
"""

EXTRACTOR_VERSION = "1.23.0"
