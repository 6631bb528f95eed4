"""Pure view models: what each page shows, built from a loaders.bundle.Bundle and the filters. Never Streamlit.

Shared helpers (writing, text, theme, links, i18n, charts, table, highlight) may be imported by any page's
module; a page's module (overview, compare, gaps, city, reader, data) never imports another page's.
"""
