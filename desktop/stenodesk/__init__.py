"""Stenodesk: speech to text on your own machine."""

__version__ = "0.1.0"
