"""Gazetteers shipped as data files (administrative divisions of China, ...)."""
