"""Streamlit glue shared by the entry and the pages: cached data, filters, language, error page.

Kept outside pages/ because Streamlit would list every file in pages/ as a page of its own.
"""
