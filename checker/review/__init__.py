"""`restcheck review`: the API's surface and how each resource conforms.

review.py  findings attributed to operations and schemas; checks passed and failed per rule
           scope (read from each rule's declaration)
render.py  text, JSON and Markdown
html.py    the HTML report
"""
