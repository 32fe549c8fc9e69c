"""govgraph: Chinese government news to a knowledge graph of agencies, programs, places and people."""

__version__ = "0.1.0"
