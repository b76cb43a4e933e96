"""Subtitle and text exports: pure functions over segments, plus an atomic writer."""
