"""Curated figures: load, validate and derive, without Streamlit."""

from loaders.dataset import Dataset, load, metrics_path
from loaders.problems import MetricsError, Problem

__all__ = ["Dataset", "MetricsError", "Problem", "load", "metrics_path"]
