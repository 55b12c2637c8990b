"""Corpus-wide stages: they run after documents are stored, read and write through the store's
public methods, and never read a source file again. `resolve` makes entities of mentions across
documents; `align` pairs claims about one thing and `compare` judges each pair; `independence`
checks whether corroborating sources share an origin."""
