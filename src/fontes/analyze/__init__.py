"""Analysis stages. Each per-document stage adds annotations to a document; `resolve` and later
cross-document stages work over the whole store."""
