"""Plain text with a manifest, HTML news pages, CSV; folders; the sample corpus."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.formats import csv_docs, html, plaintext
from annotator.services.exporting import load_corpus
from annotator.services.importing import import_paths
from annotator.services.project import SEEDS
from annotator.services.sample_project import open_default_project


def test_txt_keeps_the_whole_file_and_takes_the_first_line_as_title(tmp_path):
    path = tmp_path / "art-1.txt"
    path.write_bytes("\ufeffPutin visits China\r\n\r\nHe arrived\tin Beijing. 😀\r\n".encode())
    rec = plaintext.read(path).records[0]
    assert rec.id == "art-1"
    assert rec.text == "Putin visits China\r\n\r\nHe arrived\tin Beijing. 😀\r\n"
    assert rec.document.title == "Putin visits China"


def test_txt_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Title\nline two\ncaf\xe9\n")
    with pytest.raises(InputError) as info:
        plaintext.read(path)
    assert (info.value.file, info.value.line) == (str(path), 3)


def test_sample_corpus_imports_with_its_manifest(seeded_project):
    corpus = load_corpus(seeded_project)
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    assert len(corpus.documents) == 5
    by_id = {r.id: r.document for r in corpus.documents}
    for entry in manifest["documents"]:
        doc = by_id[entry["file"].removesuffix(".txt")]
        assert doc.text == (SEEDS / entry["file"]).read_text(encoding="utf-8")
        assert doc.title == entry["title"]
        assert doc.source == entry["source"] and doc.author == entry["author"]
        assert doc.published == entry["published"]
        assert doc.event == "putin-china-2024"
    assert corpus.concepts[0].name == manifest["event"]["name"]


PAGE = """<!doctype html><html><head><title>Xi offers Putin relief | The Daily</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-05-14T09:00:00Z">
<script>window.track = function () { return "tracking"; };</script>
<style>.share { color: red }</style></head><body>
<nav><a href="/">Home</a><a href="/world">World news menu</a></nav>
<div class="share-buttons">Share on Facebook Share on X</div>
<article><h1>Xi offers Putin relief</h1>
<p>Chinese President Xi Jinping welcomed Vladimir Putin to Beijing on Thursday, offering
the Russian leader a <b>political lifeline</b> as Western sanctions bite.</p>
<p>The two leaders signed a joint statement on a "new era" of partnership, according to
state media, while Western nations have called on Beijing to stop supplying Moscow.</p>
</article><footer>Copyright 2024 The Daily. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_keeps_only_the_article(tmp_path):
    path = tmp_path / "daily.html"
    path.write_text(PAGE, encoding="utf-8")
    rec = html.read(path).records[0]
    assert "political lifeline" in rec.text and "new era" in rec.text
    for furniture in ("tracking", "color: red", "World news menu", "Share on Facebook",
                      "Subscribe", "<p>", "<b>"):
        assert furniture not in rec.text
    assert rec.id == "daily"
    assert rec.document.title.startswith("Xi offers Putin relief")
    assert rec.document.author == "Jane Roe"
    assert rec.document.source == "The Daily"
    assert rec.document.published == "2024-05-14"


def test_html_without_an_article_is_refused(tmp_path, capsys):
    db = tmp_path / "p.db"
    main(["init", str(db)])
    page = tmp_path / "empty.html"
    page.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    assert main(["import", str(db), str(page)]) == 2
    assert f"{page}: no article text" in capsys.readouterr().err


def test_csv_text_column_and_metadata(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,title,source,text,lang\n'
                    'a1,"Putin, in China",NTD,"Line one\nline two, with ""quotes""",en\n'
                    ',,,"No id here",\n', encoding="utf-8", newline="")
    batch = csv_docs.read(path)
    a, b = batch.records
    assert (a.id, a.document.title, a.document.source) == ("a1", "Putin, in China", "NTD")
    assert a.text == 'Line one\nline two, with "quotes"'
    assert dict(a.document.meta) == {"lang": "en"}
    assert b.id == "news-4" and batch.lines == [2, 4]


@pytest.mark.parametrize("body, line, words", [
    ("title,body\nx,y\n", 1, "no 'text' column"),
    ("id,text\na,one\na,two\n", 3, "appears twice"),
    ("id,text\na,\n", 2, "empty 'text'"),
    ("id,text\na,b,c\n", 2, "3 cells where the header has 2"),
    ("id,text,published\na,b,yesterday\n", 2, "ISO 8601"),
])
def test_csv_bad_input(tmp_path, body, line, words):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        csv_docs.read(path)
    assert words in info.value.problem and info.value.line == line


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"),
                        min_size=1).filter(str.strip), min_size=1, max_size=4))
def test_csv_texts_survive_exactly(tmp_path_factory, texts):
    import csv

    path = tmp_path_factory.mktemp("csv") / "t.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text"])
        w.writerows([t] for t in texts)
    assert [r.text for r in csv_docs.read(path).records] == texts


def test_a_folder_imports_every_file(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A\nbody", encoding="utf-8")
    (folder / "b.csv").write_text("id,text\nb1,hello\n", encoding="utf-8")
    (folder / "c.html").write_text(PAGE, encoding="utf-8")
    (folder / ".hidden.txt").write_text("no", encoding="utf-8")
    summary = import_paths(project, [folder])
    assert summary.added["documents"] == 3
    assert {r.id for r in load_corpus(project).documents} == {"a", "b1", "c"}


def test_the_default_project_is_created_once_with_the_sample_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    with open_default_project() as project:
        assert project.target == str(tmp_path / "data" / "sample-project.db")
        corpus = load_corpus(project)
        assert len(corpus.documents) == 5 and project.codebook.name == "News framing"
        assert {r.document.event for r in corpus.documents} == {"putin-china-2024"}
        from annotator.services.annotate import add_span
        add_span(project, "alice", corpus.documents[0].id, 0, 5, "Word choice")
    with open_default_project() as project:  # opened again, not recreated
        assert len(load_corpus(project).documents[0].annotations) == 1
