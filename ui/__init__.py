"""The only Streamlit glue besides the entry and the pages: state and URL, sidebar, caches, error page,
column configs and download buttons, the page registry, and the one place that touches Streamlit internals.

Kept outside pages/ because Streamlit would list every file in pages/ as a page of its own.
"""
