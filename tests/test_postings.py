"""The indexing fast path writes what Whoosh's own writer writes.

Articles written for these tests (hyphenated words, compounds, numbers with
separators, umlauts and ß, function words, repeated words, empty titles) are
indexed once through Whoosh's SegmentWriter and once through FastWriter; every
term, posting, weight, position, character offset, term statistic and field
length must be the same.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, formats
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from korpus.analysis import german_analyzer, remembered_words, use_lexicon
from korpus.article import Article
from korpus.index import FileState, build_schema, document_for
from korpus.postings import FastWriter, fast_indexer
from korpus.syntax import literal_analyzer

ARTICLES = [
    (
        "Nato-Gipfel in Vilnius: Bündnis sagt der Ukraine weitere Hilfe zu",
        "Die Staats- und Regierungschefs der Nato haben sich beim Nato-Gipfel in Vilnius "
        "auf weitere Militärhilfe geeinigt. Rund 11.000 Soldatinnen und Soldaten sollen "
        'die Ostflanke verstärken. Der Generalsekretär sprach von einer "historischen '
        'Entscheidung"; die Ukraine begrüßte die Zusagen, forderte aber einen klaren '
        "Zeitplan für den Beitritt. Die Verteidigungsminister treffen sich im Herbst "
        "wieder, dann geht es um die Munitionsbeschaffung und um Luftverteidigungssysteme.",
    ),
    (
        "",
        "Straßenbahnfahrerinnen streiken: In München fallen am Montag viele Verbindungen "
        "aus. Die Gewerkschaft fordert 0,5 Prozent mehr Lohn je Quartal und eine "
        "Inflationsausgleichsprämie von 3.000 Euro. Der Arbeitgeberverband nannte die "
        "Forderungen überzogen. Fahrgäste sollten auf S-Bahn und Busse ausweichen, "
        "teilte die Verkehrsgesellschaft mit; die S-Bahn fährt nach Fahrplan.",
    ),
    (
        "Klimakrise: Gletscher in den Alpen schmelzen schneller",
        "Die Gletscherschmelze in den Alpen hat sich beschleunigt. Forscherinnen und "
        "Forscher der Universität Innsbruck maßen im Sommer einen Rückgang der "
        "Eisdicke um bis zu 3,5 Meter. Klimakrise, Hitzewellen und wenig Schnee im "
        'Winter: Die Gletscher verlieren Jahr für Jahr an Masse. "Wir schaffen das '
        'nicht mehr rückgängig zu machen", sagte ein Glaziologe. Die Fußballfelder '
        "großen Eisflächen am Rhonegletscher werden mit Planen abgedeckt.",
    ),
    (
        "Haushaltsstreit – Bundestag vertagt Abstimmung",
        "Der Bundestag hat die Abstimmung über den Haushalt 2024 vertagt. "
        "Die Koalition aus SPD, Grünen und FDP konnte sich nicht auf die "
        "Schuldenbremse einigen. Finanzminister und Wirtschaftsminister "
        "streiten seit Wochen über Sondervermögen. Die Union kündigte an, "
        "notfalls vor das Bundesverfassungsgericht zu ziehen; die Linke "
        "sprach von einem Offenbarungseid. Haushalt, Haushalt, Haushalt: "
        "das Wort fiel in der Debatte 42 Mal.",
    ),
    (
        "Kim Jong-un empfängt Schoigu in Pjöngjang",
        "Nordkoreas Machthaber Kim Jong-un hat den russischen Sicherheitsratssekretär "
        "Sergej Schoigu in Pjöngjang empfangen. Beobachter in Seoul und Tokio sprechen "
        "von einer Vertiefung der Militärkooperation. Über Truppenentsendungen und "
        "Waffenlieferungen wurde nichts mitgeteilt. Ein Sprecher des Außenministeriums "
        "in Washington sagte, man beobachte die Annäherung mit Sorge.",
    ),
]


def _articles() -> list[Article]:
    return [
        Article(id=f"a{i:02d}", path=f"a{i:02d}.txt", title=title, text=text)
        for i, (title, text) in enumerate(ARTICLES)
    ]


def _documents() -> list[dict[str, Any]]:
    state = FileState(100, 1, "0" * 32)
    return [document_for(a, state) for a in _articles()]


def _characters_schema() -> Any:
    """Korpus's analyses with character offsets, so the fast path's offsets are checked."""
    return fields.Schema(
        id=fields.ID(stored=True),
        title=fields.TEXT(analyzer=german_analyzer(), chars=True, field_boost=2.0),
        text=fields.TEXT(analyzer=german_analyzer(), chars=True),
        literal=fields.TEXT(analyzer=literal_analyzer(), chars=True),
        plain=fields.TEXT(analyzer=german_analyzer(), phrase=False),
    )


def _char_documents() -> list[dict[str, Any]]:
    return [
        {"id": doc["id"], "title": doc["title"], "text": doc["text"],
         "literal": doc["literal"], "plain": doc["text"]}
        for doc in _documents()
    ]  # fmt: skip


def _contents(folder: Path) -> dict[str, Any]:
    """Everything the postings hold, decoded, with each term's statistics."""
    ix = whoosh_index.open_dir(str(folder))
    postings: list[Any] = []
    lengths: dict[tuple[int, str], Any] = {}
    with ix.reader() as reader:
        for fieldname in sorted(reader.indexed_field_names()):
            fmt = reader.schema[fieldname].format
            for term in reader.lexicon(fieldname):
                info = reader.term_info(fieldname, term)
                postings.append(
                    (fieldname, term, info.weight(), info.doc_frequency(),
                     info.min_length(), info.max_length(), info.max_weight())
                )  # fmt: skip
                matcher = reader.postings(fieldname, term)
                while matcher.is_active():
                    value = matcher.value()
                    decoded: Any = value
                    if isinstance(fmt, formats.Characters):
                        decoded = fmt.decode_characters(value)
                    elif isinstance(fmt, formats.Positions):
                        decoded = fmt.decode_positions(value)
                    elif isinstance(fmt, formats.Frequency):
                        decoded = fmt.decode_frequency(value)
                    postings.append((fieldname, term, matcher.id(), matcher.weight(), decoded))
                    matcher.next()
            for docnum in range(reader.doc_count_all()):
                lengths[docnum, fieldname] = reader.doc_field_length(docnum, fieldname)
        stored = list(reader.iter_docs())
    ix.close()
    return {"postings": postings, "lengths": lengths, "stored": stored}


def _index(
    folder: Path, schema: Any, batches: list[list[dict[str, Any]]], writer_class: Any
) -> dict[str, Any]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    runs = 0
    for batch in batches:
        writer = writer_class(ix, compound=False)
        for doc in batch:
            writer.add_document(**copy.deepcopy(doc))
        runs += len(getattr(writer, "runs", ()))
        writer.commit()
    ix.close()
    assert not list(folder.glob("*.tmp")), "the temporary folder goes with the commit"
    return {**_contents(folder), "runs": runs}


# A limit of a few KB: the postings held go to a run file every few documents.
SPILLING = functools.partial(FastWriter, limitmb=0.004)


class ForgetfulWriter(FastWriter):
    """Drops every word's analysis at each check, as a huge vocabulary would make it."""

    forgotten = 0

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._memo_limit = 0

    def _bound_words(self) -> None:
        ForgetfulWriter.forgotten += 1
        super()._bound_words()
        assert not any(found.memo for found in self._indexers.values() if found)


class CacheDroppingWriter(FastWriter):
    """Keeps its memo but drops the analysis caches behind it at each check."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._cache_limit = 0

    def _bound_words(self) -> None:
        ForgetfulWriter.forgotten += 1
        super()._bound_words()
        assert any(found.memo for found in self._indexers.values() if found)
        assert remembered_words() == 0


@pytest.fixture(autouse=True)
def _wordfreq_lexicon() -> None:
    use_lexicon(None)


@pytest.mark.parametrize(
    ("schema", "documents"),
    [(build_schema, _documents), (_characters_schema, _char_documents)],
    ids=["korpus schema", "character offsets"],
)
def test_fast_writer_writes_what_whoosh_writes(tmp_path: Path, schema: Any, documents: Any) -> None:
    docs = documents()
    stock = _index(tmp_path / "stock", schema(), [docs], SegmentWriter)
    fast = _index(tmp_path / "fast", schema(), [docs], FastWriter)
    assert stock["postings"], "the articles give postings"
    assert fast == stock


@pytest.mark.parametrize(
    ("schema", "documents"),
    [(build_schema, _documents), (_characters_schema, _char_documents)],
    ids=["korpus schema", "character offsets"],
)
def test_spilled_postings_are_written_as_held_ones(
    tmp_path: Path, schema: Any, documents: Any
) -> None:
    """Postings moved to run files at the memory limit come back whole and in order."""
    docs = documents()
    stock = _index(tmp_path / "stock", schema(), [docs], SegmentWriter)
    spilled = _index(tmp_path / "spilled", schema(), [docs], SPILLING)
    assert spilled.pop("runs") >= len(docs) - 1
    stock.pop("runs")
    assert spilled == stock


def test_merged_segments_and_shared_terms(tmp_path: Path) -> None:
    """A commit that merges an earlier segment writes terms from both sources."""
    base = _documents()
    # One document a commit: from the sixth on, a commit merges the small
    # segments before it, whose terms the new documents share.
    batches = [[dict(base[i % len(base)], id=f"d{i}")] for i in range(8)]
    stock = _index(tmp_path / "stock", build_schema(), batches, SegmentWriter)
    fast = _index(tmp_path / "fast", build_schema(), batches, FastWriter)
    spilled = _index(tmp_path / "spilled", build_schema(), batches, SPILLING)
    assert spilled.pop("runs") == len(batches), "each writer's document goes to a run"
    assert _without_runs(fast) == _without_runs(stock) == spilled


def _without_runs(contents: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in contents.items() if k != "runs"}


@pytest.mark.parametrize(
    ("writer", "max_runs"),
    [
        (FastWriter, 64),
        (SPILLING, 1000),
        (SPILLING, 3),
        (ForgetfulWriter, 64),
        (CacheDroppingWriter, 64),
    ],
    ids=["held", "spilled", "runs merged", "memo dropped", "caches dropped"],
)
def test_long_posting_lists_fill_several_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: Any, max_runs: int
) -> None:
    """A term in more documents than a block holds is written in several blocks,
    also when its postings come from many runs, from runs merged into one as
    they pile up, or when its words are analysed anew."""
    import korpus.postings as postings_module

    monkeypatch.setattr(postings_module, "MAX_RUNS", max_runs)
    ForgetfulWriter.forgotten = 0
    base = _documents()
    docs = [dict(base[i % len(base)], id=f"d{i:03d}") for i in range(300)]
    stock = _index(tmp_path / "stock", build_schema(), [docs], SegmentWriter)
    fast = _index(tmp_path / "fast", build_schema(), [docs], writer)
    assert any(p[3] > 128 for p in stock["postings"] if len(p) == 7)
    runs = fast.pop("runs")
    if writer is SPILLING:
        assert (runs >= 100) if max_runs > 300 else (1 <= runs <= max_runs)
    assert fast == _without_runs(stock)
    dropping = writer in (ForgetfulWriter, CacheDroppingWriter)
    assert ForgetfulWriter.forgotten >= (9 if dropping else 0)


@pytest.mark.parametrize(
    ("field", "covered"),
    [
        (fields.TEXT(analyzer=german_analyzer()), True),
        (fields.TEXT(analyzer=literal_analyzer()), True),
        (fields.TEXT(), False),
        (fields.TEXT(analyzer=german_analyzer(), vector=True), False),
        (fields.TEXT(analyzer=german_analyzer(), sortable=True), False),
        (fields.KEYWORD(lowercase=True, commas=True), False),
        (fields.ID(), False),
        (fields.STORED(), False),
    ],
)
def test_fast_path_covers_only_word_by_word_analyses(field: Any, covered: bool) -> None:
    assert (fast_indexer(field) is not None) == covered


def _postings_by_id(index_dir: Path) -> dict[tuple[str, bytes, str], Any]:
    """Every posting of the live index keyed by article id, whatever the segments."""
    from korpus.index import open_index

    ix, _ = open_index(index_dir)
    found: dict[tuple[str, bytes, str], Any] = {}
    with ix.reader() as reader:
        ids = {docnum: stored["id"] for docnum, stored in reader.iter_docs()}
        for fieldname in ("title", "text", "literal", "source", "month"):
            fmt = reader.schema[fieldname].format
            for term in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, term)
                while matcher.is_active():
                    value = matcher.value()
                    if isinstance(fmt, formats.Positions):
                        value = fmt.decode_positions(value)
                    found[fieldname, term, ids[matcher.id()]] = (matcher.weight(), value)
                    matcher.next()
    ix.close()
    return found


@pytest.mark.parametrize("limit_mb", [None, 0.004], ids=["held", "spilled"])
def test_parallel_build_indexes_what_a_serial_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit_mb: float | None
) -> None:
    """Also when every writer, serial or parallel, moves its postings to runs
    every few documents."""
    import korpus.index as index_module
    from korpus.index import update_index

    if limit_mb is not None:
        monkeypatch.setattr(index_module, "SERIAL_LIMIT_MB", limit_mb)
        monkeypatch.setattr(index_module, "WORKER_LIMIT_MB", limit_mb)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        title, text = ARTICLES[i % len(ARTICLES)]
        (corpus / f"{i:03d}.txt").write_text(f"{title or 'Meldung'}\n\n{text} Nummer {i}.\n")
    serial = update_index(corpus, tmp_path / "serial")
    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 2)
    parallel = update_index(corpus, tmp_path / "parallel")
    assert serial.added == parallel.added == 40
    expected = _postings_by_id(tmp_path / "serial")
    assert len(expected) > 1000
    assert _postings_by_id(tmp_path / "parallel") == expected


def _write_corpus(folder: Path, count: int, extra: str = "") -> None:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        title, text = ARTICLES[i % len(ARTICLES)]
        body = f"{title or 'Meldung'}\n\n{text} Nummer {i}.{extra if i % 3 == 0 else ''}\n"
        (folder / f"{i:03d}.txt").write_text(body)


def test_update_that_spills_indexes_what_a_fresh_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replaced and deleted articles go, new ones arrive, when the update's
    writer moves its postings to runs every few documents."""
    import korpus.index as index_module
    from korpus.index import update_index

    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 12)
    update_index(corpus, tmp_path / "updated")
    _write_corpus(corpus, 18, extra=" Nachtrag: Die Abstimmung wurde verschoben.")
    (corpus / "004.txt").unlink()
    monkeypatch.setattr(index_module, "SERIAL_LIMIT_MB", 0.004)
    report = update_index(corpus, tmp_path / "updated")
    assert (report.added, report.updated, report.removed) == (6, 4, 1)
    monkeypatch.undo()
    update_index(corpus, tmp_path / "fresh")
    expected = _postings_by_id(tmp_path / "fresh")
    assert len(expected) > 1000
    assert _postings_by_id(tmp_path / "updated") == expected


@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (OSError(28, "No space left on device"), "IndexerFailed"),
        (KeyboardInterrupt(), "KeyboardInterrupt"),
    ],
    ids=["full disk", "interrupted"],
)
def test_failed_spill_keeps_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, raised: str
) -> None:
    import korpus.index as index_module
    import korpus.postings as postings_module
    from korpus.index import live_dir, update_index

    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 8)
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    before = _postings_by_id(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    files_before = sorted(p.name for p in data.iterdir())
    _write_corpus(corpus, 14, extra=" Nachtrag.")
    real_write_run = postings_module.write_run
    calls = {"n": 0}

    def failing_write_run(out: Any, terms: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise failure
        real_write_run(out, terms)

    monkeypatch.setattr(postings_module, "write_run", failing_write_run)
    monkeypatch.setattr(index_module, "SERIAL_LIMIT_MB", 0.004)
    with pytest.raises(BaseException) as caught:
        update_index(corpus, index_dir)
    assert type(caught.value).__name__ == raised
    assert calls["n"] == 3
    monkeypatch.undo()
    assert sorted(p.name for p in data.iterdir()) == files_before
    assert _postings_by_id(index_dir) == before
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated) == (6, 3)
