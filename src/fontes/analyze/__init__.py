"""Per-document analysis stages: each takes one document (or its parse) and returns annotations,
with no store and no other document in sight. Stages across the corpus are in `fontes.corpus`."""
