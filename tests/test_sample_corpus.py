"""The sample corpus: the PDF is rebuilt from our own text by the script in the repository."""
from __future__ import annotations

import importlib.util

from conftest import EXAMPLES, ROOT
from fontes.ingest import load_bytes, read_document


def test_sample_pdf_is_built_from_the_script(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_pdf", ROOT / "scripts" / "make_sample_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.build(tmp_path / "review-essay.pdf")
    shipped = EXAMPLES / "review-essay.pdf"
    assert read_document(rebuilt, load_bytes(rebuilt)).text == read_document(shipped, load_bytes(shipped)).text


def test_sample_corpus_has_every_format_and_disagreeing_numbers(sample_store):
    formats = {d["format"] for d in sample_store.documents()}
    assert {"text", "html", "pdf", "markdown"} <= formats
    texts = " ".join(sample_store.text_of(d["id"]) for d in sample_store.documents())
    assert "1,100" in texts and "1,200" in texts and "no more than 800" in texts
