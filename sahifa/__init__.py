"""Sahifa: a multilingual news portal."""
