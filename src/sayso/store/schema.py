"""The statement store's tables, as the SQL each migration runs.

``articles`` holds one row per distinct article text (``hash`` is the content hash, unique), with the
``source`` it was first read from (a file path, ``path#line 12`` for a JSON line, ``path#record 3`` for a
WARC record or feed entry). ``statements`` follow DESIGN.md §3 field for field plus the article and the
pipeline version. ``skips`` holds one row per source that gave no article, with its reason code.
"""

from __future__ import annotations

from ..model import STATEMENT_FIELDS

# Statement columns in the order of the output contract; "group" and "end" are SQL words, so the
# columns are quoted everywhere.
STATEMENT_COLUMNS: tuple[str, ...] = tuple(f for f in STATEMENT_FIELDS if f != "id")

SKIP_REASONS = ("unreadable", "not-an-article", "too-large", "timeout", "extraction-error", "duplicate")

V1_TABLES = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    paths TEXT NOT NULL,
    jobs INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    statements INTEGER NOT NULL DEFAULT 0,
    skips INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    article_id TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    headline TEXT,
    language TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_source ON articles(source);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    statement_id TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT,
    "group" TEXT,
    "speaker" TEXT,
    "speaker_mention" TEXT,
    "speaker_start" INTEGER,
    "speaker_end" INTEGER,
    "speaker_type" TEXT,
    "speaker_role" TEXT,
    "speaker_id" TEXT,
    "cue" TEXT,
    "cue_start" INTEGER,
    "cue_end" INTEGER,
    "said_on" TEXT,
    "said_on_precision" TEXT,
    "said_on_text" TEXT,
    "venue" TEXT,
    "reported_by" TEXT,
    "confidence" REAL,
    pipeline_version TEXT NOT NULL,
    UNIQUE (article, ordinal)
);
CREATE INDEX statements_speaker ON statements(speaker);
CREATE TABLE skips (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX skips_reason ON skips(reason);
"""

# Full-text search over what was said and who said it; triggers keep it in step with `statements`.
V2_SEARCH = """
CREATE VIRTUAL TABLE statements_fts USING fts5(
    "text", speaker, content='statements', content_rowid='id'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, "text", speaker) VALUES (new.id, new."text", new.speaker);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, "text", speaker)
    VALUES ('delete', old.id, old."text", old.speaker);
END;
"""

# Filling the index one statement at a time (the trigger) costs about nine times what one INSERT ...
# SELECT per written batch costs; ``Store.write`` does the latter inside the batch's transaction.
V3_BATCH_SEARCH = """
DROP TRIGGER statements_fts_insert;
"""

# The corpus layer (DESIGN.md §5): one row per real speaker across articles, languages and scripts, the
# names and roles it was seen under, and clusters of the same words reprinted anywhere. ``statement_links``
# ties each statement to its canonical speaker and its cluster; ``relation`` says how the statement joined
# the cluster (``first``: the earliest appearance, ``exact``: the same words after normalisation, ``near``:
# a copy with small edits, ``fragment``: part of a longer quote in the cluster). The tables are rebuilt or
# extended by the linker (``sayso link``, and the end of ``sayso ingest``), never by hand.
V4_CORPUS = """
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT,
    statements INTEGER NOT NULL DEFAULT 0,
    first_said TEXT,
    last_said TEXT
);
CREATE TABLE aliases (
    id INTEGER PRIMARY KEY,
    speaker INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    language TEXT,
    statements INTEGER NOT NULL DEFAULT 0,
    UNIQUE (speaker, alias)
);
CREATE INDEX aliases_alias ON aliases(alias);
CREATE TABLE speaker_roles (
    id INTEGER PRIMARY KEY,
    speaker INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    statements INTEGER NOT NULL DEFAULT 0,
    UNIQUE (speaker, role)
);
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    "text" TEXT NOT NULL,
    speaker INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
    first_statement INTEGER REFERENCES statements(id) ON DELETE SET NULL,
    first_seen TEXT,
    first_outlet TEXT,
    statements INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE statement_links (
    statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    speaker INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
    cluster INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
    relation TEXT
);
CREATE INDEX statement_links_speaker ON statement_links(speaker);
CREATE INDEX statement_links_cluster ON statement_links(cluster);
"""

# Speakers looked up by any spelling: ``aliases.key`` is ``alias_key`` of the alias ("Умєров", "Умеров"
# and "Umerov" share "umerov"), filled by the linker; lookups by name use the index, not a scan.
V5_ALIAS_KEYS = """
ALTER TABLE aliases ADD COLUMN "key" TEXT;
CREATE INDEX aliases_key ON aliases("key");
CREATE INDEX clusters_statements ON clusters(statements);
"""

# The web UI's facets and filters (sayso serve) count the statements by these columns and pick articles
# by outlet; without an index each count reads the whole table (about 50 ms per 100,000 statements),
# with one it reads the index. Version 6: version 5 is the corpus layer's.
V6_FACET_INDEXES = """
CREATE INDEX statements_kind ON statements("kind");
CREATE INDEX statements_language ON statements("language");
CREATE INDEX statements_said_on ON statements("said_on");
CREATE INDEX articles_outlet ON articles(outlet);
"""
