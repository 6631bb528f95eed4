"""Curated figures: load, validate and derive, without Streamlit."""

from loaders.dataset import Dataset, load, metrics_path
from loaders.problems import FiguresError, Problem

__all__ = ["Dataset", "FiguresError", "Problem", "load", "metrics_path"]
