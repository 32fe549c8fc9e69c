"""Exporters, one module per format (as networkx.readwrite)."""
