"""`restcheck diff`: what a change to the API adds, fixes and breaks.

run.py     both sides linted; findings matched by fingerprint (new and fixed)
api.py     the API changes between two models, each of a `ChangeKind` with its level
render.py  text, JSON and Markdown
"""
