"""The reader registry, and files that hold several articles in the index."""

from __future__ import annotations

from pathlib import Path

import pytest

import korpus.readers as readers
from korpus.article import Article, SkipFile, Skipped
from korpus.index import update_index
from korpus.loader import iter_corpus
from korpus.search import search


def _read_blocks(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article]:
    """A test format: articles separated by lines of three dashes, the first line a title."""
    blocks = [b.strip() for b in data.decode("utf-8").split("\n---\n") if b.strip()]
    if not blocks:
        raise SkipFile("no articles")
    articles = []
    for n, block in enumerate(blocks, 1):
        title, _, text = block.partition("\n")
        articles.append(Article(id=f"{article_id}#{n}", path=path, title=title, text=text))
    return articles


@pytest.fixture()
def blocks_format(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = readers.Format("blocks", (".blocks",), _read_blocks)
    monkeypatch.setattr(readers, "FORMATS", (*readers.FORMATS, fmt))


def _blocks(*articles: tuple[str, str]) -> str:
    return "\n---\n".join(f"{title}\n{text}" for title, text in articles)


def _ids(index_dir: Path, query: str) -> list[str]:
    return sorted(h.id for h in search(index_dir, query, limit=None, group=False).hits)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("B.TXT", "text"),
        ("notiz.md", "text"),
        ("x.markdown", "text"),
        ("y.text", "text"),
        ("bild.jpg", None),
        ("txt", None),
        ("archiv.txt.bak", None),
    ],
)
def test_format_is_chosen_by_name(name: str, kind: str | None) -> None:
    fmt = readers.format_for(name)
    assert (fmt.name if fmt else None) == kind


def test_iter_corpus_yields_every_article_of_a_file(tmp_path: Path, blocks_format: None) -> None:
    (tmp_path / "sammlung.blocks").write_text(
        _blocks(("Erster Titel", "Walfang vor Island."), ("Zweiter Titel", "Streik in Bayern.")),
        encoding="utf-8",
    )
    found = [a for a in iter_corpus(tmp_path) if isinstance(a, Article)]
    assert [a.id for a in found] == ["sammlung.blocks#1", "sammlung.blocks#2"]
    assert {a.path for a in found} == {str(tmp_path / "sammlung.blocks")}


def test_a_changed_file_replaces_all_its_articles(tmp_path: Path, blocks_format: None) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    many = corpus / "sammlung.blocks"
    many.write_text(
        _blocks(("Eins", "Walfang vor Island."), ("Zwei", "Streik in Bayern."), ("Drei", "Ebbe.")),
        encoding="utf-8",
    )
    (corpus / "einzeln.txt").write_text("Ein Bericht über Walfang.", encoding="utf-8")
    report = update_index(corpus, index_dir)
    assert (report.added, report.total) == (4, 4)
    assert _ids(index_dir, "Walfang") == ["einzeln.txt", "sammlung.blocks#1"]

    many.write_text(_blocks(("Eins", "Flut an der Küste."), ("Zwei", "Walfang.")), "utf-8")
    report = update_index(corpus, index_dir)
    assert (report.updated, report.total) == (2, 3)
    assert _ids(index_dir, "Walfang") == ["einzeln.txt", "sammlung.blocks#2"]
    assert _ids(index_dir, "Ebbe") == []

    many.unlink()
    report = update_index(corpus, index_dir)
    assert (report.removed, report.total) == (2, 1)
    assert _ids(index_dir, "Walfang") == ["einzeln.txt"]


def test_an_update_matches_a_fresh_build(tmp_path: Path, blocks_format: None) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    many = corpus / "sammlung.blocks"
    many.write_text(_blocks(("Eins", "Walfang vor Island."), ("Zwei", "Streik.")), "utf-8")
    update_index(corpus, tmp_path / "updated")
    many.write_text(_blocks(("Zwei", "Streik."), ("Drei", "Walfang in Japan.")), "utf-8")
    update_index(corpus, tmp_path / "updated")
    update_index(corpus, tmp_path / "fresh")
    for query in ("Walfang", "Streik", "Island", "Japan"):
        assert _ids(tmp_path / "updated", query) == _ids(tmp_path / "fresh", query)


def _read_marked(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article | Skipped]:
    """A test format: a text file starting with MARK; lines are articles, "!" lines bad."""
    items: list[Article | Skipped] = []
    for n, line in enumerate(data.decode("utf-8").splitlines()[1:], 2):
        if line.startswith("!"):
            items.append(Skipped(path, f"line {n}: marked bad"))
        elif line.strip():
            items.append(Article(id=f"{article_id}#{n}", path=path, title=line, text=line))
    return items


@pytest.fixture()
def marked_format(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = readers.Format(
        "marked", (".txt", ".html"), _read_marked, sniff=lambda data: data.startswith(b"MARK\n")
    )
    monkeypatch.setattr(readers, "FORMATS", (fmt, *readers.FORMATS))


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.txt", b"MARK\nzwei", "marked"),
        ("a.txt", b"Ein Bericht", "text"),
        ("A.HTML", b"MARK\nzwei", "marked"),
        ("a.md", b"MARK\nzwei", "text"),
        ("a.jpg", b"MARK\nzwei", None),
    ],
)
def test_content_is_sniffed_before_the_name_decides(
    name: str, data: bytes, kind: str | None, marked_format: None
) -> None:
    fmt = readers.format_for(name, data)
    assert (fmt.name if fmt else None) == kind


def test_records_a_reader_passes_over_are_reported_and_the_rest_indexed(
    tmp_path: Path, marked_format: None
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "liste.txt").write_text("MARK\nWalfang vor Island\n!kaputt\nStreik\n", "utf-8")
    items = list(iter_corpus(corpus))
    assert [a.id for a in items if isinstance(a, Article)] == ["liste.txt#2", "liste.txt#4"]
    assert [s.reason for s in items if isinstance(s, Skipped)] == ["line 3: marked bad"]
    report = update_index(corpus, tmp_path / "ix")
    assert report.total == 2
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(corpus / "liste.txt"), "line 3: marked bad")
    ]
    assert _ids(tmp_path / "ix", "Walfang") == ["liste.txt#2"]
