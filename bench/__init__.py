"""Benchmarks of the loader, the page reruns, the cold start and the server memory (`python -m bench`)."""
