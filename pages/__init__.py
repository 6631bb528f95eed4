"""The pages: thin Streamlit scripts run by st.navigation (ui/registry.py). A package only so that import-linter can check them."""
