"""Loading: a document's text and its parsed form, from a file, stdin or a URL.

source.py  `load`: a file, `-` or an http(s) URL (a server's base URL finds its spec);
           JSON and YAML parsed to the same document, the text kept for positions
http.py    the HTTP client for URL sources and probing; transport errors as InputError
locate.py  JSON pointers -> 1-based (line, column) in the text, lazily, in one pass
yaml_scan.py  that pass over YAML text, without building a node tree
yaml_compose.py  PyYAML's node tree for the YAML the scanner leaves (aliases, merge keys)
yaml_load.py  YAML read by yaml-rs (imported for YAML texts only)
yaml_pyyaml.py  PyYAML where yaml-rs can't read a text, and for the configuration file
yaml_keys.py  the string a YAML key becomes (`200:` -> "200"), whichever parser read it
trie.py    the trie of wanted pointers the passes follow
files.py   reading a regular file; a parser's ValueError in a few words
"""
