"""Loading: a document's text and its parsed form, from a file, stdin or a URL.

source.py  `load`: a file, `-` or an http(s) URL (a server's base URL finds its spec);
           JSON and YAML parsed to the same document, the text kept for positions
http.py    the HTTP client for URL sources and probing; transport errors as InputError
locate.py  JSON pointers -> 1-based (line, column) in the text, lazily, in one pass
yaml_scan.py  that pass over YAML text, without building a node tree (PyYAML's the fallback)
trie.py    the trie of wanted pointers both follow
"""
